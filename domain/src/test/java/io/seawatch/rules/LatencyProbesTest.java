package io.seawatch.rules;

import static org.junit.Assert.assertEquals;

import io.seawatch.testdata.LatencyProbes;
import io.seawatch.testdata.LatencyProbes.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The latency probes, decoded from their lines and run through the rules with the default
 * thresholds, raise exactly their probes' first versions, each at its decision time: an entry at
 * its confirming fix, loitering at the fix that reaches the minimum duration, a gap when the
 * input's clock (the newest fix time) reaches last seen + threshold. No probe raises another
 * measured kind.
 */
public class LatencyProbesTest {
  private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");

  @Test
  public void eachProbeIsDecidedAtItsDecisionTime() {
    RuleConfig c = RuleConfig.defaults();
    Instant end = T0.plus(Duration.ofHours(10));
    LatencyProbes p = new LatencyProbes(25, T0, end.minus(Duration.ofMinutes(10)), end,
        Duration.ofMillis(c.gapThresholdMillis()), Duration.ofMillis(c.loiterMinDurationMillis()));
    assertEquals(75, p.probes().size());

    GeofenceTracker geo = new GeofenceTracker(c, ScenarioRuns.fences(List.of(
        LatencyProbes.FENCE)));
    LoiteringDetector loiter = new LoiteringDetector(c);
    GapDetector gaps = new GapDetector(c);
    Map<Integer, GeofenceTracker.State> geoStates = new HashMap<>();
    Map<Integer, LoiteringDetector.State> loiterStates = new HashMap<>();
    Map<Integer, GapDetector.State> gapStates = new HashMap<>();
    List<Probe> got = new ArrayList<>();
    long clock = Long.MIN_VALUE;
    for (Fix f : ScenarioRuns.fixes(p.scenario().lines())) {
      long t = f.timeMillis();
      for (VesselEvent e : geo.onPosition(
          geoStates.computeIfAbsent(f.mmsi(), GeofenceTracker.State::new), f)) {
        if (e.kind() == VesselEvent.Kind.GEOFENCE_ENTRY) {
          got.add(probe("GEOFENCE_ENTRY", e, t));
        }
      }
      for (VesselEvent e : loiter.onPosition(
          loiterStates.computeIfAbsent(f.mmsi(), LoiteringDetector.State::new), f)) {
        if (e.kind() == VesselEvent.Kind.LOITERING && e.open()) {
          got.add(probe("LOITERING_STARTED", e, t));
        }
      }
      gaps.onPosition(gapStates.computeIfAbsent(f.mmsi(), GapDetector.State::new), f);
      clock = Math.max(clock, t);
      for (GapDetector.State s : gapStates.values()) {
        for (VesselEvent e : gaps.onWatermark(s, clock)) {
          got.add(probe("GAP_OPENED", e, e.startMillis() + c.gapThresholdMillis()));
        }
      }
    }
    got.sort(Comparator.comparing(Probe::decidedAt).thenComparingInt(Probe::mmsi));
    assertEquals(p.probes(), got);
  }

  private static Probe probe(String kind, VesselEvent e, long decidedMillis) {
    return new Probe(kind, e.mmsi(), Instant.ofEpochMilli(e.startMillis()),
        Instant.ofEpochMilli(decidedMillis));
  }
}
