package io.seawatch.rules;

import java.time.Duration;
import java.util.List;

/**
 * The named scenarios of the rule tests, public for the Beam-layer tests in other packages (the
 * builders themselves stay package-private).
 */
public final class RuleScenarios {
  private RuleScenarios() {}

  public static long millis(String isoTime) {
    return TrackBuilder.millis(isoTime);
  }

  /** 1 h at 12 kn, 01:10-06:10 at 0.8 kn (31 fixes), then 12 kn again (MMSI 244000001). */
  public static List<Fix> tankerLoitering5h() {
    return LoiteringDetectorTest.tankerLoitering5h().fixes();
  }

  /** 10 kn north with the 01:10 report replaced by one 300 NM away (MMSI 257000001). */
  public static List<Fix> spoofedJump() {
    return TrackSegmenterTest.spoofedJump();
  }

  /** Two ships 300 m abeam going north from 22:30 UTC on both sides of a cell edge. */
  public static List<Fix> twoShipsAcrossMidnight(double knots, Duration length) {
    return EncounterDetectorTest.twoShipsAcrossMidnight(knots, length);
  }

  /** Ferry 219000123: into the DKKEL port box at 09:54, stopped 10:00-10:40, out at 10:48. */
  public static List<Fix> ferryCall() {
    return GeofenceTrackerTest.ferryCall();
  }

  /** The DKKEL harbour box as ring text (lat 54.000-54.020, lon 10.000-10.030). */
  public static final String PORT_RING = "10 54, 10.03 54, 10.03 54.02, 10 54.02";

  /** Reports every minute from {@code from} to {@code to} inclusive, at a fixed place. */
  public static List<Fix> everyMinute(int mmsi, String source, long from, long to) {
    return GapDetectorTest.everyMinute(mmsi, source, from, to);
  }

  @SafeVarargs
  public static List<Fix> merge(List<Fix>... tracks) {
    return TrackBuilder.merge(tracks);
  }

  public static Fix fix(int mmsi, long t, double lat, double lon, double speed, String source) {
    return new Fix(TrackBuilder.position(mmsi, t, lat, lon, speed), source);
  }

  /** The rules' own output for the fixes, through KeyedReplay (the reference for the Beam layer). */
  public static List<VesselEvent> loiteringReference(List<Fix> fixes, long endWatermark) {
    return LoiteringDetectorTest.run(
        new LoiteringDetector(RuleConfig.defaults()), fixes, endWatermark);
  }

  /** GapDetectorTest's two-stage miniature pipeline over the fixes, then the watermark. */
  public static List<VesselEvent> gapReference(List<Fix> fixes, long endWatermark) {
    GapDetectorTest.Pipeline p = new GapDetectorTest().new Pipeline();
    fixes.forEach(p::input);
    p.advanceTo(endWatermark);
    return p.out;
  }

  /** EncounterDetectorTest's cell-then-pair miniature pipeline over the fixes. */
  public static List<VesselEvent> encounterReference(List<Fix> fixes, long endWatermark) {
    EncounterDetectorTest.Pipeline p = new EncounterDetectorTest().new Pipeline();
    fixes.forEach(p::input);
    p.advanceTo(endWatermark);
    return p.out;
  }

  /** The segmenter through KeyedReplay (one vessel's fixes). */
  public static List<VesselEvent> segmentReference(List<Fix> fixes, long endWatermark) {
    TrackSegmenter rule = new TrackSegmenter(RuleConfig.defaults());
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
    List<VesselEvent> out = new java.util.ArrayList<>();
    for (Fix f : fixes) {
      out.addAll(r.input(f.mmsi(), f.timeMillis(), f));
    }
    out.addAll(r.advanceTo(endWatermark));
    return out;
  }
}
