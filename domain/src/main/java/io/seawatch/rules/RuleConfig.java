package io.seawatch.rules;

/**
 * Every threshold of the rules, with the defaults from the issue. Build with {@link #defaults()}
 * and the withers of {@link #toBuilder()}; the constructor validates.
 *
 * @param maxSpeedKnots Segmentation: a step faster than this (and at least minJumpNm long) is
 *     impossible. Default 25.0.
 * @param minJumpNm Segmentation: steps shorter than this are never jumps (GPS noise, short
 *     intervals). Default 1.0.
 * @param maxOpenSegments Segmentation: open segments kept per MMSI (several transmitters sharing
 *     one MMSI). Default 4.
 * @param segmentMaxGapMillis Segmentation: a segment closes after this long without a fix. Default
 *     24 h.
 * @param gapThresholdMillis Going dark: silence of at least this long is a GAP. Default 6 h.
 * @param feedStallWindowMillis Going dark: a gap is a feed stall when its source went silent within
 *     this time of the vessel. Default 1 min.
 * @param vesselStateTtlMillis Gap and running-stats state (and source history) is freed after this
 *     long without a fix. Default 30 d.
 * @param loiterMaxSpeedKnots Loitering: speed strictly below this is slow. Default 2.0.
 * @param loiterMinDurationMillis Loitering: minimum duration of a slow episode. Default 4 h.
 * @param loiterMaxFixGapMillis Loitering: a silence longer than this ends an episode. Default 1 h.
 * @param geofenceConfirmFixes Geofences: consecutive fixes inside (outside) needed to confirm an
 *     entry (exit). Default 2.
 * @param geofenceTimeoutMillis Geofences: a vessel silent this long inside a fence is exited at its
 *     last fix. Default 24 h.
 * @param portStopSpeedKnots Port visits: speed strictly below this counts as stopped. Default 0.5.
 * @param portMinStopMillis Port visits: total stopped time inside a port needed for a PORT_VISIT.
 *     Default 30 min.
 * @param encounterMaxDistanceMeters Encounters: two vessels this close (or closer) are in
 *     proximity. Default 500.0.
 * @param encounterMinDurationMillis Encounters: minimum duration of a proximity episode. Default 2
 *     h.
 * @param encounterMaxSpeedKnots Encounters: the median of the faster vessel's speed must be below
 *     this. Default 2.0.
 * @param encounterMaxFixAgeMillis Encounters: the other vessel's latest fix must be at most this
 *     old to compare. Default 15 min.
 * @param encounterMaxGapMillis Encounters: a proximity episode ends after this long without an
 *     observation. Default 30 min.
 * @param maxOpenEvents Running stats: open events remembered per vessel. Default 8.
 */
public record RuleConfig(
    double maxSpeedKnots,
    double minJumpNm,
    int maxOpenSegments,
    long segmentMaxGapMillis,
    long gapThresholdMillis,
    long feedStallWindowMillis,
    long vesselStateTtlMillis,
    double loiterMaxSpeedKnots,
    long loiterMinDurationMillis,
    long loiterMaxFixGapMillis,
    int geofenceConfirmFixes,
    long geofenceTimeoutMillis,
    double portStopSpeedKnots,
    long portMinStopMillis,
    double encounterMaxDistanceMeters,
    long encounterMinDurationMillis,
    double encounterMaxSpeedKnots,
    long encounterMaxFixAgeMillis,
    long encounterMaxGapMillis,
    int maxOpenEvents)
    implements java.io.Serializable {
  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;

  public RuleConfig {
    positive("maxSpeedKnots", maxSpeedKnots);
    positive("minJumpNm", minJumpNm);
    positive("maxOpenSegments", maxOpenSegments);
    positive("segmentMaxGapMillis", segmentMaxGapMillis);
    positive("gapThresholdMillis", gapThresholdMillis);
    positive("feedStallWindowMillis", feedStallWindowMillis);
    positive("vesselStateTtlMillis", vesselStateTtlMillis);
    positive("loiterMaxSpeedKnots", loiterMaxSpeedKnots);
    positive("loiterMinDurationMillis", loiterMinDurationMillis);
    positive("loiterMaxFixGapMillis", loiterMaxFixGapMillis);
    positive("geofenceConfirmFixes", geofenceConfirmFixes);
    positive("geofenceTimeoutMillis", geofenceTimeoutMillis);
    positive("portStopSpeedKnots", portStopSpeedKnots);
    positive("portMinStopMillis", portMinStopMillis);
    positive("encounterMaxDistanceMeters", encounterMaxDistanceMeters);
    positive("encounterMinDurationMillis", encounterMinDurationMillis);
    positive("encounterMaxSpeedKnots", encounterMaxSpeedKnots);
    positive("encounterMaxFixAgeMillis", encounterMaxFixAgeMillis);
    positive("encounterMaxGapMillis", encounterMaxGapMillis);
    positive("maxOpenEvents", maxOpenEvents);
    if (vesselStateTtlMillis <= gapThresholdMillis) {
      throw new IllegalArgumentException("vesselStateTtlMillis must exceed gapThresholdMillis");
    }
    if (feedStallWindowMillis >= gapThresholdMillis) {
      throw new IllegalArgumentException("feedStallWindowMillis must be below gapThresholdMillis");
    }
    if (maxOpenSegments > 64 || maxOpenEvents > 64 || geofenceConfirmFixes > 100) {
      throw new IllegalArgumentException(
          "maxOpenSegments/maxOpenEvents <= 64, geofenceConfirmFixes <= 100");
    }
  }

  /** The documented defaults. */
  public static RuleConfig defaults() {
    return new Builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxSpeedKnots = maxSpeedKnots;
    b.minJumpNm = minJumpNm;
    b.maxOpenSegments = maxOpenSegments;
    b.segmentMaxGapMillis = segmentMaxGapMillis;
    b.gapThresholdMillis = gapThresholdMillis;
    b.feedStallWindowMillis = feedStallWindowMillis;
    b.vesselStateTtlMillis = vesselStateTtlMillis;
    b.loiterMaxSpeedKnots = loiterMaxSpeedKnots;
    b.loiterMinDurationMillis = loiterMinDurationMillis;
    b.loiterMaxFixGapMillis = loiterMaxFixGapMillis;
    b.geofenceConfirmFixes = geofenceConfirmFixes;
    b.geofenceTimeoutMillis = geofenceTimeoutMillis;
    b.portStopSpeedKnots = portStopSpeedKnots;
    b.portMinStopMillis = portMinStopMillis;
    b.encounterMaxDistanceMeters = encounterMaxDistanceMeters;
    b.encounterMinDurationMillis = encounterMinDurationMillis;
    b.encounterMaxSpeedKnots = encounterMaxSpeedKnots;
    b.encounterMaxFixAgeMillis = encounterMaxFixAgeMillis;
    b.encounterMaxGapMillis = encounterMaxGapMillis;
    b.maxOpenEvents = maxOpenEvents;
    return b;
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite: " + v);
    }
  }

  /** Mutable builder starting from the defaults. */
  public static final class Builder {
    private double maxSpeedKnots = 25.0;
    private double minJumpNm = 1.0;
    private int maxOpenSegments = 4;
    private long segmentMaxGapMillis = 24L * HOUR;
    private long gapThresholdMillis = 6L * HOUR;
    private long feedStallWindowMillis = MINUTE;
    private long vesselStateTtlMillis = 30L * DAY;
    private double loiterMaxSpeedKnots = 2.0;
    private long loiterMinDurationMillis = 4L * HOUR;
    private long loiterMaxFixGapMillis = HOUR;
    private int geofenceConfirmFixes = 2;
    private long geofenceTimeoutMillis = 24L * HOUR;
    private double portStopSpeedKnots = 0.5;
    private long portMinStopMillis = 30L * MINUTE;
    private double encounterMaxDistanceMeters = 500.0;
    private long encounterMinDurationMillis = 2L * HOUR;
    private double encounterMaxSpeedKnots = 2.0;
    private long encounterMaxFixAgeMillis = 15L * MINUTE;
    private long encounterMaxGapMillis = 30L * MINUTE;
    private int maxOpenEvents = 8;

    public Builder maxSpeedKnots(double v) {
      this.maxSpeedKnots = v;
      return this;
    }

    public Builder minJumpNm(double v) {
      this.minJumpNm = v;
      return this;
    }

    public Builder maxOpenSegments(int v) {
      this.maxOpenSegments = v;
      return this;
    }

    public Builder segmentMaxGapMillis(long v) {
      this.segmentMaxGapMillis = v;
      return this;
    }

    public Builder gapThresholdMillis(long v) {
      this.gapThresholdMillis = v;
      return this;
    }

    public Builder feedStallWindowMillis(long v) {
      this.feedStallWindowMillis = v;
      return this;
    }

    public Builder vesselStateTtlMillis(long v) {
      this.vesselStateTtlMillis = v;
      return this;
    }

    public Builder loiterMaxSpeedKnots(double v) {
      this.loiterMaxSpeedKnots = v;
      return this;
    }

    public Builder loiterMinDurationMillis(long v) {
      this.loiterMinDurationMillis = v;
      return this;
    }

    public Builder loiterMaxFixGapMillis(long v) {
      this.loiterMaxFixGapMillis = v;
      return this;
    }

    public Builder geofenceConfirmFixes(int v) {
      this.geofenceConfirmFixes = v;
      return this;
    }

    public Builder geofenceTimeoutMillis(long v) {
      this.geofenceTimeoutMillis = v;
      return this;
    }

    public Builder portStopSpeedKnots(double v) {
      this.portStopSpeedKnots = v;
      return this;
    }

    public Builder portMinStopMillis(long v) {
      this.portMinStopMillis = v;
      return this;
    }

    public Builder encounterMaxDistanceMeters(double v) {
      this.encounterMaxDistanceMeters = v;
      return this;
    }

    public Builder encounterMinDurationMillis(long v) {
      this.encounterMinDurationMillis = v;
      return this;
    }

    public Builder encounterMaxSpeedKnots(double v) {
      this.encounterMaxSpeedKnots = v;
      return this;
    }

    public Builder encounterMaxFixAgeMillis(long v) {
      this.encounterMaxFixAgeMillis = v;
      return this;
    }

    public Builder encounterMaxGapMillis(long v) {
      this.encounterMaxGapMillis = v;
      return this;
    }

    public Builder maxOpenEvents(int v) {
      this.maxOpenEvents = v;
      return this;
    }

    public RuleConfig build() {
      return new RuleConfig(
          maxSpeedKnots,
          minJumpNm,
          maxOpenSegments,
          segmentMaxGapMillis,
          gapThresholdMillis,
          feedStallWindowMillis,
          vesselStateTtlMillis,
          loiterMaxSpeedKnots,
          loiterMinDurationMillis,
          loiterMaxFixGapMillis,
          geofenceConfirmFixes,
          geofenceTimeoutMillis,
          portStopSpeedKnots,
          portMinStopMillis,
          encounterMaxDistanceMeters,
          encounterMinDurationMillis,
          encounterMaxSpeedKnots,
          encounterMaxFixAgeMillis,
          encounterMaxGapMillis,
          maxOpenEvents);
    }
  }
}
