package io.seawatch.rules;

import java.util.List;

/**
 * Helpers of the rule tests for the Beam-layer tests in other packages: the rules' reference
 * outputs (through {@code KeyedReplay}). The named scenarios themselves live in testdata
 * ({@code io.seawatch.testdata.AnalyticsScenarios}); {@link ScenarioRuns} decodes and runs them.
 */
public final class RuleScenarios {
  private RuleScenarios() {}

  public static long millis(String isoTime) {
    return TrackBuilder.millis(isoTime);
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
