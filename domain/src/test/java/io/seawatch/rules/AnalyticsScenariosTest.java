package io.seawatch.rules;

import static org.junit.Assert.assertEquals;

import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.ExpectedEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Each named scenario, decoded from its NMEA lines, gives exactly its expected events. */
public class AnalyticsScenariosTest {
  private static List<ExpectedEvent> run(AnalyticsScenario s) {
    return ScenarioRuns.finalRows(
        ScenarioRuns.allRules(ScenarioRuns.fixes(s), ScenarioRuns.fences(s.geofences())));
  }

  private static void check(AnalyticsScenario s) {
    assertEquals(s.name(), lines(s.events()), lines(run(s)));
  }

  private static List<String> lines(List<ExpectedEvent> events) {
    List<String> out = new ArrayList<>();
    events.forEach(e -> out.add(e.toString()));
    return out;
  }

  @Test
  public void tankerLoitering() {
    check(AnalyticsScenarios.tankerLoitering());
  }

  @Test
  public void meetingAcrossMidnight() {
    check(AnalyticsScenarios.meetingAcrossMidnight());
  }

  @Test
  public void goingDark() {
    check(AnalyticsScenarios.goingDark());
  }

  @Test
  public void spoofedJump() {
    check(AnalyticsScenarios.spoofedJump());
  }

  @Test
  public void sharedMmsi() {
    check(AnalyticsScenarios.sharedMmsi());
  }

  @Test
  public void ferryPortCall() {
    check(AnalyticsScenarios.ferryPortCall());
  }

  @Test
  public void feedStall() {
    check(AnalyticsScenarios.feedStall());
  }

  /** Together (and in any combination) they give the union: no scenario disturbs another. */
  @Test
  public void allScenariosTogetherGiveTheUnionOfTheirEvents() {
    List<ExpectedEvent> expected = new ArrayList<>();
    List<io.seawatch.testdata.ScenarioGeofence> fences = new ArrayList<>();
    for (AnalyticsScenario s : AnalyticsScenarios.all()) {
      expected.addAll(s.events());
      fences.addAll(s.geofences());
    }
    expected.sort(AnalyticsScenario.EVENT_ORDER);
    List<ExpectedEvent> got =
        ScenarioRuns.finalRows(
            ScenarioRuns.allRules(
                ScenarioRuns.fixes(AnalyticsScenarios.allLines()), ScenarioRuns.fences(fences)));
    assertEquals(lines(expected), lines(got));
  }
}
