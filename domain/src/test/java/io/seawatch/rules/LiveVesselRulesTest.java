package io.seawatch.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.Test;

public class LiveVesselRulesTest {
  private static final RuleConfig CONFIG = RuleConfig.defaults();

  /**
   * Every named scenario, its fixes in time order: the provisional starts are exactly the exact
   * path's events of those kinds (same ids), and every open GAP of the exact path is the vessel's
   * {@code openGap} at its deadline.
   */
  @Test
  public void inOrderInputDecidesWhatTheExactPathDecides() {
    int starts = 0;
    int openGaps = 0;
    for (AnalyticsScenario s : AnalyticsScenarios.all()) {
      List<Fix> fixes = ScenarioRuns.fixes(s);
      List<Geofence> fences = ScenarioRuns.fences(s.geofences());
      List<VesselEvent> exact = ScenarioRuns.allRules(fixes, fences);

      LiveVesselRules live = new LiveVesselRules(CONFIG);
      GeofenceTracker tracker = new GeofenceTracker(CONFIG, fences);
      Map<Integer, LiveVesselRules.State> states = new HashMap<>();
      TreeSet<String> provisional = new TreeSet<>();
      TreeSet<String> gaps = new TreeSet<>();
      Map<Integer, VesselEvent> pendingGap = new HashMap<>();
      long clock = Long.MIN_VALUE;
      for (Fix f : fixes) {
        clock = Math.max(clock, f.timeMillis());
        for (Map.Entry<Integer, LiveVesselRules.State> e : states.entrySet()) {
          if (live.gapDeadline(e.getValue()) <= clock && pendingGap.containsKey(e.getKey())) {
            gaps.add(describe(pendingGap.remove(e.getKey())));
          }
        }
        // Round trip through bytes, as the keyed state does between fixes.
        LiveVesselRules.State st =
            LiveVesselRules.State.fromBytes(
                states.computeIfAbsent(f.mmsi(), live::newState).toBytes());
        for (VesselEvent e : live.onFix(st, f, tracker)) {
          provisional.add(describe(e));
        }
        states.put(f.mmsi(), st);
        pendingGap.put(f.mmsi(), live.openGap(st));
      }

      TreeSet<String> expected = new TreeSet<>();
      TreeSet<String> expectedGaps = new TreeSet<>();
      for (VesselEvent e : exact) {
        if (LiveVesselRules.isStart(e) && e.kind() != VesselEvent.Kind.GEOFENCE_EXIT
            || e.kind() == VesselEvent.Kind.GEOFENCE_EXIT && !e.details().containsKey("timeout")) {
          expected.add(describe(e));
        }
        if (e.kind() == VesselEvent.Kind.GAP && e.open()) {
          expectedGaps.add(describe(e));
        }
      }
      assertEquals(s.name(), expected, provisional);
      assertEquals(s.name() + " gaps", strip(expectedGaps), strip(gaps));
      starts += provisional.size();
      openGaps += gaps.size();
    }
    // The scenarios have entries, exits, loitering, jumps and open GAPs to decide.
    assertEquals(List.of(5, 4), List.of(starts, openGaps));
  }

  @Test
  public void aFixOlderThanTheNewestIsSkipped() {
    LiveVesselRules live = new LiveVesselRules(CONFIG);
    LiveVesselRules.State s = live.newState(235000001);
    GeofenceTracker none = new GeofenceTracker(CONFIG, List.of());
    live.onFix(s, RuleScenarios.fix(235000001, 10_000, 51.0, 1.0, 0.0, ""), none);
    Fix older = RuleScenarios.fix(235000001, 9_000, 51.0, 1.0, 0.0, "");
    assertFalse(live.inOrder(s, older));
    assertEquals(List.of(), live.onFix(s, older, none));
    assertEquals(10_000, s.newestMillis());
    assertEquals(10_000 + CONFIG.gapThresholdMillis(), live.gapDeadline(s));
    VesselEvent gap = live.openGap(s);
    assertEquals(VesselEvent.idOf(VesselEvent.Kind.GAP, 235000001, 0, 10_000, ""), gap.id());
    assertTrue(gap.open());
    assertEquals(
        10_000 + Math.max(CONFIG.segmentMaxGapMillis(), CONFIG.geofenceTimeoutMillis()) + 1,
        live.expiryMillis(s));
  }

  @Test
  public void noFixNoGap() {
    LiveVesselRules live = new LiveVesselRules(CONFIG);
    LiveVesselRules.State s = live.newState(1);
    assertEquals(Long.MAX_VALUE, live.gapDeadline(s));
    assertEquals(null, live.openGap(s));
    assertEquals(Long.MIN_VALUE, live.expiryMillis(s));
  }

  private static String describe(VesselEvent e) {
    return e.kind() + " " + e.id() + " " + e.mmsi() + " " + e.startMillis() + " " + e.open();
  }

  private static List<String> strip(TreeSet<String> s) {
    return new ArrayList<>(s);
  }
}
