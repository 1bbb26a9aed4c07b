package io.seawatch.rules;

import static io.seawatch.rules.TrackBuilder.millis;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class LoiteringDetectorTest {
  private static final Duration TEN_MIN = Duration.ofMinutes(10);
  private static final int TANKER = 244_000_001;

  private final LoiteringDetector rule = new LoiteringDetector(RuleConfig.defaults());

  static KeyedReplay<LoiteringDetector.State, Fix, VesselEvent> replay(LoiteringDetector rule) {
    return new KeyedReplay<>(
        KeyedReplay.rule(
            k -> new LoiteringDetector.State((int) (long) k),
            rule::onPosition,
            rule::onWatermark,
            rule::timerMillis,
            rule::isExpired,
            LoiteringDetector.State::toBytes,
            LoiteringDetector.State::fromBytes));
  }

  static List<VesselEvent> run(LoiteringDetector rule, List<Fix> fixes, long endWatermark) {
    KeyedReplay<LoiteringDetector.State, Fix, VesselEvent> r = replay(rule);
    List<VesselEvent> out = new ArrayList<>();
    for (Fix f : fixes) {
      out.addAll(r.input(f.mmsi(), f.timeMillis(), f));
    }
    out.addAll(r.advanceTo(endWatermark));
    assertEquals("state left behind", 0, r.liveKeys());
    return out;
  }

  /** 1 h at 12 kn, 01:10-06:10 at 0.8 kn (31 fixes), then 12 kn again. */
  static TrackBuilder tankerLoitering5h() {
    return TrackBuilder.vessel(TANKER, "rec1", "2024-03-01T00:00:00Z", 55.0, 12.0)
        .sail(0, 12, Duration.ofHours(1), TEN_MIN)
        .sail(0, 0.8, Duration.ofMinutes(310), TEN_MIN)
        .sail(0, 12, Duration.ofHours(1), TEN_MIN);
  }

  @Test
  public void tankerLoiteringFiveHoursAtPoint8Knots() {
    List<VesselEvent> events =
        run(rule, tankerLoitering5h().fixes(), millis("2024-03-02T00:00:00Z"));

    assertEquals(2, events.size());
    VesselEvent open = events.get(0);
    VesselEvent closed = events.get(1);
    long start = millis("2024-03-01T01:10:00Z");
    // Open at the fix that reaches 4 h, closed at the first 12 kn fix, same id.
    assertTrue(open.open());
    assertEquals(start, open.startMillis());
    assertEquals(14_400L, open.details().get("duration_s"));
    assertEquals(25L, open.details().get("points"));
    assertEquals(0.8, (Double) open.details().get("mean_speed_kn"), 1e-12);
    assertEquals(open.id(), closed.id());
    assertEquals(VesselEvent.idOf(VesselEvent.Kind.LOITERING, TANKER, 0, start, ""), closed.id());

    assertEquals(VesselEvent.Kind.LOITERING, closed.kind());
    assertFalse(closed.open());
    assertEquals(TANKER, closed.mmsi());
    assertEquals(0, closed.otherMmsi());
    assertEquals(start, closed.startMillis());
    assertEquals(millis("2024-03-01T06:10:00Z"), closed.endMillis());
    assertEquals(55.23539650565799, closed.lat(), 1e-9); // 16 slow steps north of the 01:00 fix
    assertEquals(12.0, closed.lon(), 1e-12);
    assertEquals(0.8, (Double) closed.details().get("mean_speed_kn"), 1e-12);
    assertEquals(31L, closed.details().get("points"));
    assertEquals(18_000L, closed.details().get("duration_s"));
  }

  @Test
  public void slowForLessThanFourHoursIsNothing() {
    List<Fix> fixes =
        TrackBuilder.vessel(TANKER, "rec1", "2024-03-01T00:00:00Z", 55.0, 12.0)
            .sail(0, 1.5, Duration.ofMinutes(230), TEN_MIN)
            .sail(0, 12, Duration.ofHours(1), TEN_MIN)
            .fixes();
    assertEquals(List.of(), run(rule, fixes, millis("2024-03-02T00:00:00Z")));
  }

  @Test
  public void goingSilentWhileLoiteringClosesAtTheLastSlowFix() {
    List<Fix> fixes =
        TrackBuilder.vessel(TANKER, "rec1", "2024-03-01T00:00:00Z", 55.0, 12.0)
            .report(0.5)
            .sail(90, 0.5, Duration.ofHours(5), TEN_MIN)
            .fixes();
    List<VesselEvent> events = run(rule, fixes, millis("2024-03-01T06:00:00.001Z"));
    assertEquals(2, events.size());
    assertEquals(millis("2024-03-01T05:00:00Z"), events.get(1).endMillis());
    assertEquals(31L, events.get(1).details().get("points"));
    // At 06:00 exactly (1 h after the last fix) the silence is not yet "more than 1 h".
    KeyedReplay<LoiteringDetector.State, Fix, VesselEvent> r = replay(rule);
    List<VesselEvent> early = new ArrayList<>();
    for (Fix f : fixes) {
      early.addAll(r.input(f.mmsi(), f.timeMillis(), f));
    }
    early.addAll(r.advanceTo(millis("2024-03-01T06:00:00Z")));
    assertEquals(1, early.size());
    assertTrue(early.get(0).open());
    assertEquals(1, r.liveKeys());
  }

  @Test
  public void aSilenceLongerThanTheFixGapSplitsEpisodes() {
    List<Fix> fixes =
        TrackBuilder.vessel(TANKER, "rec1", "2024-03-01T00:00:00Z", 55.0, 12.0)
            .report(0.5)
            .sail(0, 0.5, Duration.ofHours(3), TEN_MIN)
            .silence(Duration.ofMinutes(61))
            .report(0.5)
            .sail(0, 0.5, Duration.ofHours(3), TEN_MIN)
            .fixes();
    assertEquals(List.of(), run(rule, fixes, millis("2024-03-02T00:00:00Z")));
  }

  @Test
  public void centroidAcrossTheAntimeridian() {
    LoiteringDetector.State s = new LoiteringDetector.State(1);
    long t0 = millis("2024-03-01T00:00:00Z");
    List<VesselEvent> out = new ArrayList<>();
    double[] lons = {179.99, -179.99, 179.99, -179.99, 179.99};
    for (int i = 0; i < lons.length; i++) {
      out.addAll(
          rule.onPosition(
              s, Fix.of(TrackBuilder.position(1, t0 + i * 3_600_000L, 0, lons[i], 0.1))));
    }
    out.addAll(rule.onWatermark(s, t0 + 6 * 3_600_000L));
    VesselEvent closed = out.get(out.size() - 1);
    // 3 x 179.99 and 2 x 180.01 (= -179.99): 179.998, not the naive mean 35.998.
    assertEquals(179.998, closed.lon(), 1e-9);
  }

  @Test
  public void fixesWithoutSpeedOrPositionAreIgnored() {
    LoiteringDetector.State s = new LoiteringDetector.State(1);
    assertEquals(
        List.of(), rule.onPosition(s, Fix.of(TrackBuilder.position(1, 0, 1, 1, Double.NaN))));
    assertEquals(
        List.of(), rule.onPosition(s, Fix.of(TrackBuilder.position(1, 0, Double.NaN, 1, 0.1))));
    assertFalse(s.inEpisode());
  }

  @Test
  public void stateRoundTripsAndHasAFixedSize() {
    LoiteringDetector.State s = new LoiteringDetector.State(TANKER);
    for (Fix f : tankerLoitering5h().fixes().subList(0, 20)) {
      rule.onPosition(s, f);
    }
    byte[] b = s.toBytes();
    assertEquals(66, b.length);
    assertArrayEquals(b, LoiteringDetector.State.fromBytes(b).toBytes());
    assertTrue(s.inEpisode());
    // Last slow fix 03:20, so the episode times out after 04:20.
    assertEquals(millis("2024-03-01T04:20:00.001Z"), rule.timerMillis(s));
  }
}
