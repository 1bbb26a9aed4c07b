package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.Test;

public class AnalyticsScenariosDataTest {
  @Test
  public void scenariosAreNamedAndTheirLinesCarryTimeAndSource() {
    List<String> names = new ArrayList<>();
    for (AnalyticsScenario s : AnalyticsScenarios.all()) {
      names.add(s.name());
      assertEquals(s.reports().size(), s.lines().size());
      for (int i = 0; i < s.lines().size(); i++) {
        String line = s.lines().get(i);
        ScenarioReport r = s.reports().get(i);
        assertTrue(line, Nmea.checksumsValid(line));
        assertTrue(line, line.startsWith(
            "\\s:" + r.source() + ",c:" + r.timeMillis() / 1000 + "*"));
      }
      assertEquals(s, AnalyticsScenarios.named(s.name()));
    }
    assertEquals(
        List.of("tanker-loitering", "meeting-across-midnight", "going-dark", "spoofed-jump",
            "shared-mmsi", "ferry-port-call", "feed-stall"),
        names);
  }

  @Test
  public void expectedEventCountsByKind() {
    TreeMap<String, Long> total = new TreeMap<>();
    AnalyticsScenarios.all().forEach(s -> s.eventCounts().forEach((k, v) ->
        total.merge(k, v, Long::sum)));
    assertEquals(
        "{ENCOUNTER=1, GAP=4, GEOFENCE_ENTRY=1, GEOFENCE_EXIT=1, LOITERING=1, PORT_VISIT=1,"
            + " SEGMENT=14, SPOOFED_JUMP=2}",
        total.toString());
    assertEquals(424, AnalyticsScenarios.allLines().size());
  }

  /**
   * No vessel's last report is 6 h or more before the latest report of all scenarios, nor before
   * the default fleet's end: merged anywhere, no vessel looks silent by the input's own clock.
   */
  @Test
  public void noVesselIsLeftSilentForAGapsLength() {
    List<ScenarioReport> all = AnalyticsScenarios.allReports();
    long end = all.get(all.size() - 1).timeMillis();
    assertEquals(Instant.parse("2024-06-01T03:30:00Z").toEpochMilli(), end);
    TreeMap<Integer, Long> last = new TreeMap<>();
    all.forEach(r -> last.merge(r.mmsi(), r.timeMillis(), Math::max));
    last.forEach((mmsi, t) -> assertTrue(mmsi + " last at " + t, end - t < 6 * 3_600_000L));
  }

  @Test
  public void mergedIntoAFleetTheFleetLinesStayAsTheyWere() {
    GeneratedFleet plain = Scenarios.tinyFleet();
    GeneratedFleet merged = FleetGenerator.builder().vessels(10)
        .duration(java.time.Duration.ofMinutes(10)).scenarios(AnalyticsScenarios.all()).build()
        .generate();
    Set<String> scenarioLines = new HashSet<>(AnalyticsScenarios.allLines());
    assertEquals(plain.lines().size() + scenarioLines.size(), merged.lines().size());
    List<String> rest = new ArrayList<>(merged.lines());
    rest.removeIf(scenarioLines::contains);
    assertEquals(plain.lines(), rest);
    List<String> own = new ArrayList<>(merged.lines());
    own.retainAll(scenarioLines);
    assertEquals(AnalyticsScenarios.allLines(), own);
    FleetManifest m = merged.manifest();
    assertEquals(plain.manifest().totalLines() + 424, m.totalLines());
    assertEquals(plain.manifest().messages(1) + 424, m.messages(1));
    assertEquals(plain.manifest().distinctMmsis() + 12, m.distinctMmsis());
    assertEquals(Long.valueOf(67), m.validLinesByStation().get("scn-control"));
  }
}
