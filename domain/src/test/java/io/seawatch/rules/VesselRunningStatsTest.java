package io.seawatch.rules;

import static io.seawatch.rules.TrackBuilder.millis;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class VesselRunningStatsTest {
  private static final int MMSI = 257_000_001;
  private final RuleConfig config = RuleConfig.defaults();
  private final TrackSegmenter segmenter = new TrackSegmenter(config);
  private final VesselRunningStats rule = new VesselRunningStats(config);

  private VesselRunningStats.State run(List<Fix> fixes) {
    TrackSegmenter.State seg = new TrackSegmenter.State(MMSI);
    VesselRunningStats.State s = new VesselRunningStats.State(MMSI);
    for (Fix f : fixes) {
      for (VesselEvent e : segmenter.onPosition(seg, f)) {
        rule.onEvent(s, e);
      }
      rule.onPosition(s, f, seg.lastStep());
      s = VesselRunningStats.State.fromBytes(s.toBytes());
    }
    return s;
  }

  @Test
  public void distanceTodaySplitsAtMidnightAndSpoofedJumpsDoNotCount() {
    // 10 kn north, reports at 23:00, 23:30, 00:30, 01:00 (plus a spoofed one at 00:40).
    TrackBuilder b = TrackBuilder.vessel(MMSI, "rec1", "2024-06-01T23:00:00Z", 57.0, 11.0);
    b.report(10).sail(0, 10, Duration.ofMinutes(30), Duration.ofMinutes(30));
    b.sail(0, 10, Duration.ofHours(1), Duration.ofHours(1));
    b.sail(0, 10, Duration.ofMinutes(30), Duration.ofMinutes(30));
    List<Fix> fixes =
        TrackBuilder.merge(
            b.fixes(),
            TrackBuilder.vessel(MMSI, "rec1", "2024-06-02T00:40:00Z", 0, 0)
                .spoof(Duration.ZERO, 30.0, 11.0, 10)
                .fixes());
    VesselRunningStats.State s = run(fixes);
    VesselRunningStats.Snapshot snap = rule.snapshot(s, millis("2024-06-02T12:00:00Z"));
    // 20 NM in total; the 23:30 -> 00:30 step is 10 NM of which half is after midnight.
    assertEquals(20 * 1852.0, snap.distanceTotalMeters(), 1e-6);
    assertEquals(10 * 1852.0, snap.distanceTodayMeters(), 1e-6);
    assertEquals(millis("2024-06-02T01:00:00Z"), snap.lastSeenMillis());
    assertEquals(5, snap.positions());
    assertEquals(millis("2024-06-01T23:00:00Z"), snap.segmentStartMillis());
    assertEquals(20 * 1852.0, snap.segmentMeters(), 1e-6);
    // The isolated jump's segment is the only open event besides the main segment.
    assertEquals(2, snap.openEventIds().size());
    assertEquals(0.0, rule.snapshot(s, millis("2024-06-03T00:00:00Z")).distanceTodayMeters(), 0);
  }

  @Test
  public void openEventsAreTrackedUntilClosedAndBounded() {
    VesselRunningStats.State s = new VesselRunningStats.State(MMSI);
    VesselEvent open = VesselEvent.of(VesselEvent.Kind.GAP, MMSI, 0, 100, -1, 1, 1, "", null);
    rule.onEvent(s, open);
    rule.onEvent(s, VesselEvent.of(VesselEvent.Kind.GAP, 999, 0, 100, -1, 1, 1, "", null));
    assertEquals(List.of(open.id()), rule.snapshot(s, 0).openEventIds());
    rule.onEvent(s, VesselEvent.of(VesselEvent.Kind.GAP, MMSI, 0, 100, 200, 1, 1, "", null));
    assertEquals(List.of(), rule.snapshot(s, 0).openEventIds());
    for (int i = 0; i < 10; i++) {
      rule.onEvent(s, VesselEvent.of(VesselEvent.Kind.LOITERING, MMSI, 0, i, -1, 1, 1, "", null));
    }
    List<Long> ids = rule.snapshot(s, 0).openEventIds();
    assertEquals(8, ids.size());
    assertEquals(VesselEvent.idOf(VesselEvent.Kind.LOITERING, MMSI, 0, 2, ""), (long) ids.get(0));
  }

  @Test
  public void stateRoundTripsWithExactSize() {
    VesselRunningStats.State s = new VesselRunningStats.State(MMSI);
    rule.onPosition(s, Fix.of(TrackBuilder.position(MMSI, 1000, 1, 1, 1)), null);
    rule.onEvent(s, VesselEvent.of(VesselEvent.Kind.GAP, MMSI, 0, 100, -1, 1, 1, "", null));
    rule.onEvent(s, VesselEvent.of(VesselEvent.Kind.SEGMENT, MMSI, 0, 100, -1, 1, 1, "", null));
    byte[] b = s.toBytes();
    assertEquals(86 + 2 * 17, b.length);
    assertArrayEquals(b, VesselRunningStats.State.fromBytes(b).toBytes());
    assertEquals(1000 + config.vesselStateTtlMillis(), rule.expiryTime(s));
  }
}
