package io.seawatch.rules;

import static io.seawatch.rules.TrackBuilder.millis;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class GapDetectorTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  private final GapDetector rule = new GapDetector(RuleConfig.defaults());

  /** Both stages as the Beam layer runs them: vessels keyed by MMSI, sources by name. */
  final class Pipeline {
    final KeyedReplay<GapDetector.State, Fix, VesselEvent> vessels =
        new KeyedReplay<>(
            KeyedReplay.rule(
                k -> new GapDetector.State((int) (long) k),
                rule::onPosition,
                rule::onWatermark,
                rule::timerMillis,
                rule::isExpired,
                GapDetector.State::toBytes,
                GapDetector.State::fromBytes));
    final Map<String, byte[]> sources = new TreeMap<>();
    final List<VesselEvent> out = new ArrayList<>();

    void input(Fix f) {
      classify(vessels.advanceTo(f.timeMillis()));
      GapDetector.SourceState src = source(f.source());
      rule.onSourceFix(src, f);
      sources.put(f.source(), src.toBytes());
      classify(vessels.input(f.mmsi(), f.timeMillis(), f));
    }

    void advanceTo(long watermark) {
      classify(vessels.advanceTo(watermark));
    }

    private GapDetector.SourceState source(String name) {
      byte[] b = sources.get(name);
      return b == null ? new GapDetector.SourceState(name) : GapDetector.SourceState.fromBytes(b);
    }

    private void classify(List<VesselEvent> gaps) {
      for (VesselEvent g : gaps) {
        out.add(rule.classify(source((String) g.details().get("source")), g));
      }
    }
  }

  /** Reports every minute from {@code from} to {@code to} inclusive, at a fixed place. */
  static List<Fix> everyMinute(int mmsi, String source, long from, long to) {
    List<Fix> fixes = new ArrayList<>();
    for (long t = from; t <= to; t += MINUTE) {
      double lat = 54.0 + (mmsi % 100) / 1000.0;
      fixes.add(new Fix(TrackBuilder.position(mmsi, t, lat, 10.0, 8.0), source));
    }
    return fixes;
  }

  @Test
  public void vesselSilentSevenHoursIsAnOpenGapThenClosedWithTheSameId() {
    long last = millis("2024-05-01T02:00:00Z");
    long back = millis("2024-05-01T09:00:00Z");
    // Another vessel keeps rec1 busy, so this is a vessel going dark, not a stalled feed.
    List<Fix> fixes =
        TrackBuilder.merge(
            everyMinute(219_000_001, "rec1", last - HOUR, last),
            everyMinute(219_000_002, "rec1", last - HOUR, back - MINUTE));
    Pipeline p = new Pipeline();
    for (Fix f : fixes) {
      p.input(f);
      if (f.timeMillis() == last + 6 * HOUR - MINUTE) {
        assertEquals(List.of(), p.out);
      }
    }
    p.input(new Fix(TrackBuilder.position(219_000_001, back, 55.0, 11.0, 7.5), "rec2"));

    long id = VesselEvent.idOf(VesselEvent.Kind.GAP, 219_000_001, 0, last, "");
    double lat = 54.001;
    assertEquals(
        List.of(
            new VesselEvent(
                id, VesselEvent.Kind.GAP, 219_000_001, 0, last, -1, lat, 10.0, true,
                Map.of("source", "rec1", "feed_stall", false)),
            new VesselEvent(
                id, VesselEvent.Kind.GAP, 219_000_001, 0, last, back, lat, 10.0, false,
                Map.of(
                    "source", "rec1",
                    "feed_stall", false,
                    "duration_s", 25_200L,
                    "end_lat", 55.0,
                    "end_lon", 11.0))),
        p.out);
  }

  @Test
  public void justUnderTheThresholdIsNoGapAndExactlyTheThresholdIs() {
    GapDetector.State s = new GapDetector.State(7);
    long t0 = millis("2024-05-01T00:00:00Z");
    assertEquals(List.of(), rule.onPosition(s, Fix.of(TrackBuilder.position(7, t0, 1, 1, 0))));
    long t1 = t0 + 6 * HOUR - 1;
    assertEquals(List.of(), rule.onPosition(s, Fix.of(TrackBuilder.position(7, t1, 1, 1, 0))));
    List<VesselEvent> gap =
        rule.onPosition(s, Fix.of(TrackBuilder.position(7, t1 + 6 * HOUR, 1, 1, 0)));
    assertEquals(1, gap.size());
    assertEquals(21_600L, gap.get(0).details().get("duration_s"));
  }

  @Test
  public void reportsWithoutCoordinatesAreSignsOfLife() {
    GapDetector.State s = new GapDetector.State(7);
    long t0 = millis("2024-05-01T00:00:00Z");
    rule.onPosition(s, Fix.of(TrackBuilder.position(7, t0, 1, 2, 0)));
    rule.onPosition(
        s, Fix.of(TrackBuilder.position(7, t0 + 4 * HOUR, Double.NaN, Double.NaN, 0)));
    assertEquals(List.of(), rule.onWatermark(s, t0 + 7 * HOUR));
    List<VesselEvent> open = rule.onWatermark(s, t0 + 10 * HOUR);
    // Start = the last report, position = the last known one.
    assertEquals(t0 + 4 * HOUR, open.get(0).startMillis());
    assertEquals(1.0, open.get(0).lat(), 0);
    assertEquals(2.0, open.get(0).lon(), 0);
    assertEquals(List.of(), rule.onWatermark(s, t0 + 11 * HOUR)); // emitted once
  }

  @Test
  public void aVesselThatNeverReturnsKeepsItsGapOpenAndIsFreedAfterTheTtl() {
    long last = millis("2024-05-01T00:00:00Z");
    Pipeline p = new Pipeline();
    p.input(new Fix(TrackBuilder.position(5, last, 1, 1, 0), "rec1"));
    p.advanceTo(last + 30L * 24 * HOUR - 1);
    assertEquals(1, p.vessels.liveKeys());
    p.advanceTo(last + 30L * 24 * HOUR);
    assertEquals(0, p.vessels.liveKeys());
    assertEquals(1, p.out.size());
    assertTrue(p.out.get(0).open());
  }

  @Test
  public void fiveVesselsOfOneSourceStoppingTogetherAreAFeedStall() {
    long stop = millis("2024-05-01T10:00:00Z");
    long back = millis("2024-05-01T17:00:00Z");
    List<List<Fix>> tracks = new ArrayList<>();
    // rec1: five vessels stop within one minute (10:00:10 ... 10:00:50) and come back at 17:00.
    for (int i = 1; i <= 5; i++) {
      long off = i * 10_000L;
      tracks.add(everyMinute(i, "rec1", stop - 2 * HOUR + off, stop + off));
      tracks.add(everyMinute(i, "rec1", back + off, back + off + 30 * MINUTE));
    }
    // rec2: vessel 11 stops alone at 10:00, its neighbours keep reporting.
    tracks.add(everyMinute(11, "rec2", stop - 2 * HOUR, stop));
    tracks.add(everyMinute(11, "rec2", back, back + 30 * MINUTE));
    for (int m = 12; m <= 15; m++) {
      tracks.add(everyMinute(m, "rec2", stop - 2 * HOUR, back + 30 * MINUTE));
    }
    List<Fix> all = new ArrayList<>();
    tracks.forEach(all::addAll);
    all.sort(Comparator.comparingLong(Fix::timeMillis).thenComparingInt(Fix::mmsi));
    Pipeline p = new Pipeline();
    all.forEach(p::input);

    List<String> summary = new ArrayList<>();
    for (VesselEvent e : p.out) {
      summary.add(
          e.mmsi()
              + (e.open() ? " open " : " closed ")
              + (e.startMillis() - stop) / 1000
              + " stall="
              + e.details().get("feed_stall"));
    }
    assertEquals(
        List.of(
            "11 open 0 stall=false", // timer at 16:00:00, fired by the 16:00 fixes of rec2
            "1 open 10 stall=true",
            "2 open 20 stall=true",
            "3 open 30 stall=true",
            "4 open 40 stall=true",
            "5 open 50 stall=true",
            "11 closed 0 stall=false",
            "1 closed 10 stall=true",
            "2 closed 20 stall=true",
            "3 closed 30 stall=true",
            "4 closed 40 stall=true",
            "5 closed 50 stall=true"),
        summary);
    for (int i = 0; i < 6; i++) {
      assertEquals(p.out.get(i).id(), p.out.get(i + 6).id());
    }
  }

  @Test
  public void aSourceThatComesBackTooSoonIsNoStall() {
    long stop = millis("2024-05-01T10:00:00Z");
    GapDetector.SourceState src = new GapDetector.SourceState("rec1");
    rule.onSourceFix(src, new Fix(TrackBuilder.position(1, stop, 1, 1, 0), "rec1"));
    // The source is back after 2 h (another vessel), our vessel stays dark 7 h.
    rule.onSourceFix(src, new Fix(TrackBuilder.position(2, stop + 2 * HOUR, 1, 1, 0), "rec1"));
    VesselEvent gap =
        VesselEvent.of(VesselEvent.Kind.GAP, 1, 0, stop, stop + 7 * HOUR, 1, 1, "", Map.of());
    assertEquals(false, rule.classify(src, gap).details().get("feed_stall"));
    // A source silence starting more than a minute after the vessel's last fix is no stall.
    GapDetector.SourceState late = new GapDetector.SourceState("rec1");
    rule.onSourceFix(late, new Fix(TrackBuilder.position(2, stop + 61_000, 1, 1, 0), "rec1"));
    rule.onSourceFix(late, new Fix(TrackBuilder.position(2, stop + 8 * HOUR, 1, 1, 0), "rec1"));
    assertEquals(false, rule.classify(late, gap).details().get("feed_stall"));
    rule.onSourceFix(src, new Fix(TrackBuilder.position(2, stop + 9 * HOUR, 1, 1, 0), "rec1"));
    assertEquals(1, src.silences.size() - 0);
  }

  @Test
  public void statesRoundTripWithExactSizes() {
    GapDetector.State s = new GapDetector.State(219_000_001);
    rule.onPosition(s, new Fix(TrackBuilder.position(219_000_001, 1_000, 55, 11, 3), "rec1"));
    rule.onWatermark(s, 1_000 + 6 * HOUR);
    byte[] b = s.toBytes();
    assertEquals(36, b.length); // 32 + "rec1"
    assertArrayEquals(b, GapDetector.State.fromBytes(b).toBytes());
    assertFalse(rule.onWatermark(GapDetector.State.fromBytes(b), 2 * 6 * HOUR).size() == 1);

    GapDetector.SourceState src = new GapDetector.SourceState("rec1");
    rule.onSourceFix(src, new Fix(TrackBuilder.position(1, 0, 1, 1, 0), "rec1"));
    rule.onSourceFix(src, new Fix(TrackBuilder.position(1, 7 * HOUR, 1, 1, 0), "rec1"));
    byte[] sb = src.toBytes();
    assertEquals(32, sb.length); // 16 + "rec1" + one silence
    assertArrayEquals(sb, GapDetector.SourceState.fromBytes(sb).toBytes());
  }
}
