package io.seawatch.rules;

/**
 * Every threshold of the rules. Build with {@link #defaults()} and the withers of {@link
 * #toBuilder()}; the constructor validates. The defaults are declared once, as the {@code DEFAULT_*}
 * constants below (in the units of the ingest options); the pipeline's options refer to them.
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
  static final long SECOND = 1_000L;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;

  // The defaults, declared once, in the units of the ingest options that set them (the pipeline's
  // AnalyticsOptions annotate their @Default with these; IngestPipelineTest checks the mapping).
  public static final double DEFAULT_MAX_SPEED_KNOTS = 25.0;
  public static final double DEFAULT_MIN_JUMP_NM = 1.0;
  public static final int DEFAULT_MAX_OPEN_SEGMENTS = 4;
  public static final long DEFAULT_SEGMENT_MAX_GAP_MINUTES = 24 * 60;
  public static final long DEFAULT_GAP_THRESHOLD_MINUTES = 6 * 60;
  public static final long DEFAULT_FEED_STALL_WINDOW_SECONDS = 60;
  public static final long DEFAULT_VESSEL_STATE_TTL_DAYS = 30;
  public static final double DEFAULT_LOITER_MAX_SPEED_KNOTS = 2.0;
  public static final long DEFAULT_LOITER_MIN_DURATION_MINUTES = 4 * 60;
  public static final long DEFAULT_LOITER_MAX_FIX_GAP_MINUTES = 60;
  public static final int DEFAULT_GEOFENCE_CONFIRM_FIXES = 2;
  public static final long DEFAULT_GEOFENCE_TIMEOUT_MINUTES = 24 * 60;
  public static final double DEFAULT_PORT_STOP_SPEED_KNOTS = 0.5;
  public static final long DEFAULT_PORT_MIN_STOP_MINUTES = 30;
  public static final double DEFAULT_ENCOUNTER_MAX_DISTANCE_METERS = 500.0;
  public static final long DEFAULT_ENCOUNTER_MIN_DURATION_MINUTES = 2 * 60;
  public static final double DEFAULT_ENCOUNTER_MAX_SPEED_KNOTS = 2.0;
  public static final long DEFAULT_ENCOUNTER_MAX_FIX_AGE_MINUTES = 15;
  public static final long DEFAULT_ENCOUNTER_MAX_GAP_MINUTES = 30;
  public static final int DEFAULT_MAX_OPEN_EVENTS = 8;

  /** Milliseconds of {@code minutes}: the options' minutes become RuleConfig's millis here. */
  public static long minutes(long minutes) {
    return Math.multiplyExact(minutes, MINUTE);
  }

  public static long seconds(long seconds) {
    return Math.multiplyExact(seconds, SECOND);
  }

  public static long days(long days) {
    return Math.multiplyExact(days, DAY);
  }

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
    private double maxSpeedKnots = DEFAULT_MAX_SPEED_KNOTS;
    private double minJumpNm = DEFAULT_MIN_JUMP_NM;
    private int maxOpenSegments = DEFAULT_MAX_OPEN_SEGMENTS;
    private long segmentMaxGapMillis = minutes(DEFAULT_SEGMENT_MAX_GAP_MINUTES);
    private long gapThresholdMillis = minutes(DEFAULT_GAP_THRESHOLD_MINUTES);
    private long feedStallWindowMillis = seconds(DEFAULT_FEED_STALL_WINDOW_SECONDS);
    private long vesselStateTtlMillis = days(DEFAULT_VESSEL_STATE_TTL_DAYS);
    private double loiterMaxSpeedKnots = DEFAULT_LOITER_MAX_SPEED_KNOTS;
    private long loiterMinDurationMillis = minutes(DEFAULT_LOITER_MIN_DURATION_MINUTES);
    private long loiterMaxFixGapMillis = minutes(DEFAULT_LOITER_MAX_FIX_GAP_MINUTES);
    private int geofenceConfirmFixes = DEFAULT_GEOFENCE_CONFIRM_FIXES;
    private long geofenceTimeoutMillis = minutes(DEFAULT_GEOFENCE_TIMEOUT_MINUTES);
    private double portStopSpeedKnots = DEFAULT_PORT_STOP_SPEED_KNOTS;
    private long portMinStopMillis = minutes(DEFAULT_PORT_MIN_STOP_MINUTES);
    private double encounterMaxDistanceMeters = DEFAULT_ENCOUNTER_MAX_DISTANCE_METERS;
    private long encounterMinDurationMillis = minutes(DEFAULT_ENCOUNTER_MIN_DURATION_MINUTES);
    private double encounterMaxSpeedKnots = DEFAULT_ENCOUNTER_MAX_SPEED_KNOTS;
    private long encounterMaxFixAgeMillis = minutes(DEFAULT_ENCOUNTER_MAX_FIX_AGE_MINUTES);
    private long encounterMaxGapMillis = minutes(DEFAULT_ENCOUNTER_MAX_GAP_MINUTES);
    private int maxOpenEvents = DEFAULT_MAX_OPEN_EVENTS;

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
