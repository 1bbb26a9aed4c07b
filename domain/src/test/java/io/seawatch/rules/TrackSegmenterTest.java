package io.seawatch.rules;

import static io.seawatch.rules.TrackBuilder.millis;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class TrackSegmenterTest {
  private static final int MMSI = 257_000_001;
  private static final Duration TEN_MIN = Duration.ofMinutes(10);

  private final TrackSegmenter rule = new TrackSegmenter(RuleConfig.defaults());

  private List<VesselEvent> run(List<Fix> fixes, long endWatermark) {
    KeyedReplay<TrackSegmenter.State, Fix, VesselEvent> r =
        new KeyedReplay<>(
            KeyedReplay.rule(
                k -> new TrackSegmenter.State((int) (long) k),
                rule::onPosition,
                rule::onWatermark,
                rule::timerMillis,
                rule::isExpired,
                TrackSegmenter.State::toBytes,
                TrackSegmenter.State::fromBytes));
    List<VesselEvent> out = new ArrayList<>();
    for (Fix f : fixes) {
      out.addAll(r.input(f.mmsi(), f.timeMillis(), f));
    }
    out.addAll(r.advanceTo(endWatermark));
    assertEquals(0, r.liveKeys());
    return out;
  }

  private static String describe(VesselEvent e) {
    return e.kind()
        + (e.open() ? " open " : " ")
        + java.time.Instant.ofEpochMilli(e.startMillis())
        + (e.kind() == VesselEvent.Kind.SEGMENT ? " points=" + e.details().get("points") : "");
  }

  /** 10 kn north, a fix every 10 min 00:00-02:00, the 01:10 report replaced by one 300 NM away. */
  static List<Fix> spoofedJump() {
    TrackBuilder b = TrackBuilder.vessel(MMSI, "rec1", "2024-06-01T00:00:00Z", 57.0, 11.0);
    b.report(10).sail(0, 10, Duration.ofHours(1), TEN_MIN);
    b.sail(0, 10, Duration.ofHours(1), TEN_MIN).without("2024-06-01T01:10:00Z");
    // 300 NM = 5 degrees of latitude (on the mean sphere, 300.2 NM) north of the 01:00 fix.
    TrackBuilder spoof =
        TrackBuilder.vessel(MMSI, "rec1", "2024-06-01T01:00:00Z", 0, 0)
            .spoof(TEN_MIN, 57.0 + 1.0 / 6 * 1.0006743 + 5.0, 11.0, 10);
    return TrackBuilder.merge(b.fixes(), spoof.fixes());
  }

  @Test
  public void aSpoofedJumpIsIsolatedWithoutBreakingTheTrack() {
    List<VesselEvent> events = run(spoofedJump(), millis("2024-06-03T00:00:00Z"));
    List<String> got = new ArrayList<>();
    events.forEach(e -> got.add(describe(e)));
    assertEquals(
        List.of(
            "SEGMENT open 2024-06-01T00:00:00Z points=1",
            "SPOOFED_JUMP 2024-06-01T01:10:00Z",
            "SEGMENT open 2024-06-01T01:10:00Z points=1",
            // Each closes 24 h after its last fix: the isolated jump first.
            "SEGMENT 2024-06-01T01:10:00Z points=1",
            "SEGMENT 2024-06-01T00:00:00Z points=12"), // 13 reports minus the replaced one
        got);
    VesselEvent main = events.get(4);
    assertEquals(events.get(0).id(), main.id());
    assertEquals(millis("2024-06-01T02:00:00Z"), main.endMillis());
    assertEquals(37_040.0, (Double) main.details().get("distance_m"), 1e-6); // 20 NM
    VesselEvent jump = events.get(1);
    assertEquals(300.0, (Double) jump.details().get("distance_nm"), 0.5);
    assertEquals(1800.0, (Double) jump.details().get("implied_speed_kn"), 3.0);
    assertEquals(millis("2024-06-01T01:00:00Z"), jump.details().get("from_millis"));
    assertEquals(main.id(), jump.details().get("segment_id"));
    assertEquals(0.0, (Double) events.get(3).details().get("distance_m"), 0);
  }

  @Test
  public void twoTransmittersSharingAnMmsiMakeTwoTracksAndOneJump() {
    TrackBuilder a = TrackBuilder.vessel(MMSI, "rec1", "2024-06-01T00:00:00Z", 57.0, 11.0);
    TrackBuilder b = TrackBuilder.vessel(MMSI, "rec1", "2024-06-01T00:05:00Z", 40.0, -20.0);
    a.report(8).sail(90, 8, Duration.ofHours(2), TEN_MIN);
    b.report(12).sail(270, 12, Duration.ofHours(2), TEN_MIN);
    List<VesselEvent> events =
        run(TrackBuilder.merge(a.fixes(), b.fixes()), millis("2024-06-03T00:00:00Z"));
    List<String> got = new ArrayList<>();
    events.forEach(e -> got.add(describe(e)));
    assertEquals(
        List.of(
            "SEGMENT open 2024-06-01T00:00:00Z points=1",
            "SPOOFED_JUMP 2024-06-01T00:05:00Z",
            "SEGMENT open 2024-06-01T00:05:00Z points=1",
            "SEGMENT 2024-06-01T00:00:00Z points=13",
            "SEGMENT 2024-06-01T00:05:00Z points=13"),
        got);
  }

  @Test
  public void moreTransmittersThanOpenSegmentsCloseTheLeastRecentlyUpdated() {
    TrackSegmenter small =
        new TrackSegmenter(RuleConfig.defaults().toBuilder().maxOpenSegments(2).build());
    TrackSegmenter.State s = new TrackSegmenter.State(MMSI);
    long t = millis("2024-06-01T00:00:00Z");
    small.onPosition(s, Fix.of(TrackBuilder.position(MMSI, t, 10, 10, 0)));
    small.onPosition(s, Fix.of(TrackBuilder.position(MMSI, t + 60_000, 20, 10, 0)));
    List<VesselEvent> out =
        small.onPosition(s, Fix.of(TrackBuilder.position(MMSI, t + 120_000, 30, 10, 0)));
    assertEquals(3, out.size());
    assertEquals(VesselEvent.Kind.SPOOFED_JUMP, out.get(0).kind());
    assertEquals(t, out.get(1).startMillis()); // the 10N segment closed
    assertEquals(t, out.get(1).endMillis());
    assertEquals(t + 120_000, out.get(2).startMillis());
    assertEquals(2, s.segments().size());
  }

  @Test
  public void aLongSilenceClosesTheSegmentAndStartsANewOneWithoutAJump() {
    long t = millis("2024-06-01T00:00:00Z");
    List<Fix> fixes =
        List.of(
            Fix.of(TrackBuilder.position(MMSI, t, 10, 10, 0)),
            Fix.of(TrackBuilder.position(MMSI, t + 25 * 3_600_000L, 40, 10, 0)));
    List<String> got = new ArrayList<>();
    run(fixes, t + 100 * 3_600_000L).forEach(e -> got.add(describe(e)));
    assertEquals(
        List.of(
            "SEGMENT open 2024-06-01T00:00:00Z points=1",
            "SEGMENT 2024-06-01T00:00:00Z points=1",
            "SEGMENT open 2024-06-02T01:00:00Z points=1",
            "SEGMENT 2024-06-02T01:00:00Z points=1"),
        got);
  }

  @Test
  public void shortStepsAreNeverJumps() {
    TrackSegmenter.State s = new TrackSegmenter.State(MMSI);
    long t = millis("2024-06-01T00:00:00Z");
    rule.onPosition(s, Fix.of(TrackBuilder.position(MMSI, t, 10, 10, 0)));
    // 0.9 NM in 1 s is 3240 kn, but shorter than 1 NM: GPS noise, same segment.
    List<VesselEvent> out =
        rule.onPosition(s, Fix.of(TrackBuilder.position(MMSI, t + 1000, 10 + 0.9 / 60, 10, 0)));
    assertEquals(List.of(), out);
    assertEquals(1, s.segments().size());
    assertEquals(0.9 * 1853.2513, s.lastStep().meters(), 0.01);
    assertEquals(List.of(), rule.onPosition(s, Fix.of(TrackBuilder.position(MMSI, t, 0, 0, 0))));
    assertNull(s.lastStep()); // out of order: ignored
  }

  @Test
  public void stateRoundTripsWithExactSizes() {
    TrackSegmenter.State s = new TrackSegmenter.State(MMSI);
    List<Fix> fixes = spoofedJump();
    for (Fix f : fixes.subList(0, 5)) {
      rule.onPosition(s, f);
    }
    byte[] one = s.toBytes();
    assertEquals(74, one.length); // 14 + 60 per segment
    assertArrayEquals(one, TrackSegmenter.State.fromBytes(one).toBytes());
    for (Fix f : fixes.subList(5, fixes.size())) {
      rule.onPosition(s, f);
    }
    assertEquals(134, s.toBytes().length);
  }
}
