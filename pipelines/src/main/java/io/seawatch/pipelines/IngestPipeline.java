package io.seawatch.pipelines;

import io.seawatch.beam.ApplyToEachPart;
import io.seawatch.beam.CountMessagesPerMinute;
import io.seawatch.beam.DecodeAisSentences;
import io.seawatch.beam.analytics.Analytics;
import io.seawatch.beam.analytics.AnalyticsConfig;
import io.seawatch.beam.analytics.AnalyzeVessels;
import io.seawatch.beam.analytics.ReadGeofences;
import io.seawatch.beam.sinks.WriteDeadLetters;
import io.seawatch.beam.sinks.WriteDensity;
import io.seawatch.beam.sinks.WriteMessageCounts;
import io.seawatch.beam.sinks.WritePositions;
import io.seawatch.beam.sinks.WriteVesselEvents;
import io.seawatch.beam.sinks.WriteVesselLatest;
import io.seawatch.beam.sinks.WriteVesselStatic;
import io.seawatch.beam.sinks.WriteVesselStats;
import io.seawatch.db.GeofenceRow;
import io.seawatch.db.JdbcTarget;
import io.seawatch.model.RawLine;
import io.seawatch.rules.RuleConfig;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;

/**
 * The ingest pipeline: raw AIS lines (Kafka or files) are decoded and fanned out to Postgres:
 * every position ({@code ais_position}), the latest position per vessel ({@code vessel_latest}),
 * merged static data ({@code vessel_static}), per-minute message counts ({@code ais_stats_minute})
 * and every undecodable line ({@code dead_letter}).
 *
 * <p>All writes are idempotent (deterministic keys, guarded upserts), so replays, retried bundles
 * and restarts from a checkpoint leave the tables as one clean run would.
 */
public final class IngestPipeline {
  // Step names become Flink operator uids: renaming one orphans savepoint state.
  public static final String STEP_READ = "ReadAis";
  public static final String STEP_DECODE = "DecodeAisSentences";
  public static final String STEP_WRITE_POSITIONS = "WritePositions";
  public static final String STEP_WRITE_LATEST = "WriteVesselLatest";
  public static final String STEP_WRITE_STATIC = "WriteVesselStatic";
  public static final String STEP_COUNT_PER_MINUTE = "CountMessagesPerMinute";
  public static final String STEP_WRITE_COUNTS = "WriteMessageCounts";
  public static final String STEP_WRITE_DEAD_LETTERS = "WriteDeadLetters";
  // Analytics (--analytics=true).
  public static final String STEP_READ_GEOFENCES = "ReadGeofences";
  public static final String STEP_ANALYZE = "AnalyzeVessels";
  public static final String STEP_WRITE_EVENTS = "WriteVesselEvents";
  public static final String STEP_WRITE_DENSITY = "WriteDensity";
  public static final String STEP_WRITE_STATS = "WriteVesselStats";
  public static final String STEP_WRITE_LATE = "WriteLateDeadLetters";

  /** All step names of the top level, in order (a test pins them). */
  public static final List<String> STEPS =
      List.of(
          STEP_READ,
          STEP_DECODE,
          STEP_WRITE_POSITIONS,
          STEP_WRITE_LATEST,
          STEP_WRITE_STATIC,
          STEP_COUNT_PER_MINUTE,
          STEP_WRITE_COUNTS,
          STEP_WRITE_DEAD_LETTERS,
          STEP_READ_GEOFENCES,
          STEP_ANALYZE,
          STEP_WRITE_EVENTS,
          STEP_WRITE_DENSITY,
          STEP_WRITE_STATS,
          STEP_WRITE_LATE);

  private IngestPipeline() {}

  /** Source options: Kafka. */
  public interface KafkaSourceOptions extends PipelineOptions {
    @Description("Kafka bootstrap servers (HOST:PORT[,...]); read from Kafka when set")
    String getBootstrapServers();

    void setBootstrapServers(String value);

    @Description("Kafka topic with one raw NMEA line per record")
    @Default.String("ais.nmea")
    String getTopic();

    void setTopic(String value);

    @Description("Consumer group whose offsets are committed when checkpoints finalize")
    @Default.String("seawatch-ingest")
    String getConsumerGroup();

    void setConsumerGroup(String value);

    @Description(
        "Read the topic up to the end offsets present at start, then stop (a batch run); "
            + "otherwise follow the topic until cancelled")
    @Default.Boolean(false)
    boolean getBounded();

    void setBounded(boolean value);

    @Description("Watermark bound: how far event time may run out of order per partition (s)")
    @Default.Long(300)
    long getMaxOutOfOrdernessSeconds();

    void setMaxOutOfOrdernessSeconds(long value);

    @Description("A caught-up partition without records for this long stops holding the watermark (s)")
    @Default.Long(30)
    long getIdleTimeoutSeconds();

    void setIdleTimeoutSeconds(long value);
  }

  /** Source options: files. */
  public interface FileSourceOptions extends PipelineOptions {
    @Description("NMEA file or glob to read instead of Kafka (.gz is decompressed)")
    String getInput();

    void setInput(String value);
  }

  /** Sink options: Postgres. The password comes from the PGPASSWORD environment variable only. */
  public interface JdbcSinkOptions extends PipelineOptions {
    @Description("Postgres JDBC URL")
    @Default.String(JdbcTarget.DEFAULT_URL)
    String getJdbcUrl();

    void setJdbcUrl(String value);

    @Description("Postgres user (the password is read from the PGPASSWORD environment variable)")
    @Default.String(JdbcTarget.DEFAULT_USER)
    String getJdbcUser();

    void setJdbcUser(String value);

    @Description("Rows per JDBC batch")
    @Default.Integer(1000)
    int getJdbcBatchSize();

    void setJdbcBatchSize(int value);

    @Description("Rows per COPY into ais_position (a bundle's end flushes earlier)")
    @Default.Integer(10000)
    int getPositionCopyBatchSize();

    void setPositionCopyBatchSize(int value);
  }

  /** Decoding and aggregation options. */
  public interface DecodeOptions extends PipelineOptions {
    @Description("Fragments of a multipart message missing their partners this long (event time) become dead letters (s)")
    @Default.Long(120)
    long getMultipartTimeoutSeconds();

    void setMultipartTimeoutSeconds(long value);

    @Description("How late (event time) a message may be and still update its per-minute count (min)")
    @Default.Long(1440)
    long getStatsAllowedLatenessMinutes();

    void setStatsAllowedLatenessMinutes(long value);
  }

  /**
   * Vessel analytics options: the rule thresholds of {@link RuleConfig} (documented in
   * docs/rules.md; the defaults here are RuleConfig's), the allowed lateness and the geofence
   * refresh.
   */
  public interface AnalyticsOptions extends PipelineOptions {
    @Description("Run the vessel analytics (events, segments, density, running aggregates)")
    @Default.Boolean(true)
    boolean getAnalytics();

    void setAnalytics(boolean value);

    @Description("How far behind the watermark a position may arrive and still be analysed in order; later ones become LATE dead letters (min)")
    @Default.Long(60)
    long getAnalyticsAllowedLatenessMinutes();

    void setAnalyticsAllowedLatenessMinutes(long value);

    @Description("Streaming: re-read the geofence table this often (min); bounded runs read it once")
    @Default.Long(5)
    long getGeofenceRefreshMinutes();

    void setGeofenceRefreshMinutes(long value);

    @Description("Segmentation: a step faster than this (and at least minJumpNm long) is a spoofed jump (kn)")
    @Default.Double(25.0)
    double getMaxSpeedKnots();

    void setMaxSpeedKnots(double value);

    @Description("Segmentation: steps shorter than this are never jumps (NM)")
    @Default.Double(1.0)
    double getMinJumpNm();

    void setMinJumpNm(double value);

    @Description("Segmentation: a segment closes after this long without a fix (min)")
    @Default.Long(1440)
    long getSegmentMaxGapMinutes();

    void setSegmentMaxGapMinutes(long value);

    @Description("Going dark: a silence of at least this long is a GAP (min)")
    @Default.Long(360)
    long getGapThresholdMinutes();

    void setGapThresholdMinutes(long value);

    @Description("Going dark: a gap is a feed stall when its source went silent within this time of the vessel (s)")
    @Default.Long(60)
    long getFeedStallWindowSeconds();

    void setFeedStallWindowSeconds(long value);

    @Description("Per-vessel gap and running-aggregate state is freed after this long without a fix (days)")
    @Default.Long(30)
    long getVesselStateTtlDays();

    void setVesselStateTtlDays(long value);

    @Description("Loitering: speed strictly below this is slow (kn)")
    @Default.Double(2.0)
    double getLoiterMaxSpeedKnots();

    void setLoiterMaxSpeedKnots(double value);

    @Description("Loitering: minimum duration of a slow episode (min)")
    @Default.Long(240)
    long getLoiterMinDurationMinutes();

    void setLoiterMinDurationMinutes(long value);

    @Description("Loitering: a silence longer than this ends an episode (min)")
    @Default.Long(60)
    long getLoiterMaxFixGapMinutes();

    void setLoiterMaxFixGapMinutes(long value);

    @Description("Geofences: consecutive fixes inside (outside) that confirm an entry (exit)")
    @Default.Integer(2)
    int getGeofenceConfirmFixes();

    void setGeofenceConfirmFixes(int value);

    @Description("Geofences: a vessel silent this long inside a fence is exited at its last fix (min)")
    @Default.Long(1440)
    long getGeofenceTimeoutMinutes();

    void setGeofenceTimeoutMinutes(long value);

    @Description("Port visits: speed strictly below this counts as stopped (kn)")
    @Default.Double(0.5)
    double getPortStopSpeedKnots();

    void setPortStopSpeedKnots(double value);

    @Description("Port visits: total stopped time inside a port needed for a PORT_VISIT (min)")
    @Default.Long(30)
    long getPortMinStopMinutes();

    void setPortMinStopMinutes(long value);

    @Description("Encounters: two vessels this close (or closer) are in proximity (m)")
    @Default.Double(500.0)
    double getEncounterMaxDistanceMeters();

    void setEncounterMaxDistanceMeters(double value);

    @Description("Encounters: minimum duration of a proximity episode (min)")
    @Default.Long(120)
    long getEncounterMinDurationMinutes();

    void setEncounterMinDurationMinutes(long value);

    @Description("Encounters: the median speed of the faster vessel must be below this (kn)")
    @Default.Double(2.0)
    double getEncounterMaxSpeedKnots();

    void setEncounterMaxSpeedKnots(double value);

    @Description("Encounters: a proximity episode ends after this long without an observation (min)")
    @Default.Long(30)
    long getEncounterMaxGapMinutes();

    void setEncounterMaxGapMinutes(long value);
  }

  /** Everything {@code seawatch ingest} accepts (plus the runner's own options). */
  public interface Options
      extends KafkaSourceOptions, FileSourceOptions, JdbcSinkOptions, DecodeOptions,
          AnalyticsOptions {}

  /** The rule thresholds of the options (RuleConfig validates them). */
  public static AnalyticsConfig analyticsConfig(AnalyticsOptions o) {
    long minute = 60_000L;
    RuleConfig rules =
        RuleConfig.defaults().toBuilder()
            .maxSpeedKnots(o.getMaxSpeedKnots())
            .minJumpNm(o.getMinJumpNm())
            .segmentMaxGapMillis(o.getSegmentMaxGapMinutes() * minute)
            .gapThresholdMillis(o.getGapThresholdMinutes() * minute)
            .feedStallWindowMillis(o.getFeedStallWindowSeconds() * 1000L)
            .vesselStateTtlMillis(o.getVesselStateTtlDays() * 24 * 60 * minute)
            .loiterMaxSpeedKnots(o.getLoiterMaxSpeedKnots())
            .loiterMinDurationMillis(o.getLoiterMinDurationMinutes() * minute)
            .loiterMaxFixGapMillis(o.getLoiterMaxFixGapMinutes() * minute)
            .geofenceConfirmFixes(o.getGeofenceConfirmFixes())
            .geofenceTimeoutMillis(o.getGeofenceTimeoutMinutes() * minute)
            .portStopSpeedKnots(o.getPortStopSpeedKnots())
            .portMinStopMillis(o.getPortMinStopMinutes() * minute)
            .encounterMaxDistanceMeters(o.getEncounterMaxDistanceMeters())
            .encounterMinDurationMillis(o.getEncounterMinDurationMinutes() * minute)
            .encounterMaxSpeedKnots(o.getEncounterMaxSpeedKnots())
            .encounterMaxGapMillis(o.getEncounterMaxGapMinutes() * minute)
            .build();
    return new AnalyticsConfig(rules, o.getAnalyticsAllowedLatenessMinutes() * minute);
  }

  /**
   * Adds the ingest to {@code pipeline}, reading with {@code source}.
   *
   * @return the decoder's outputs, for tests and for pipelines that add more consumers
   */
  public static PCollectionTuple buildPipeline(
      Pipeline pipeline,
      PTransform<PBegin, PCollection<RawLine>> source,
      JdbcTarget target,
      Options options) {
    PCollectionTuple decoded =
        pipeline
            .apply(STEP_READ, source)
            .apply(
                STEP_DECODE,
                DecodeAisSentences.create()
                    .withMultipartTimeout(
                        Duration.standardSeconds(options.getMultipartTimeoutSeconds())));
    int batch = options.getJdbcBatchSize();

    // The sinks of the high-volume outputs take the decoder's two parts separately, so that on
    // Flink they chain onto the parser instead of receiving the union (ApplyToEachPart).
    List<String> parts = DecodeAisSentences.PART_NAMES;
    DecodeAisSentences.parts(decoded, DecodeAisSentences.POSITIONS)
        .apply(
            STEP_WRITE_POSITIONS,
            ApplyToEachPart.of(
                parts,
                WritePositions.to(target).withBatchSize(options.getPositionCopyBatchSize())));
    DecodeAisSentences.parts(decoded, DecodeAisSentences.POSITIONS)
        .apply(
            STEP_WRITE_LATEST,
            ApplyToEachPart.of(parts, WriteVesselLatest.to(target).withBatchSize(batch)));
    DecodeAisSentences.parts(decoded, DecodeAisSentences.STATICS)
        .apply(
            STEP_WRITE_STATIC,
            ApplyToEachPart.of(parts, WriteVesselStatic.to(target).withBatchSize(batch)));
    DecodeAisSentences.parts(decoded, DecodeAisSentences.MESSAGE_TYPES)
        .apply(
            STEP_COUNT_PER_MINUTE,
            CountMessagesPerMinute.create()
                .withAllowedLateness(
                    Duration.standardMinutes(options.getStatsAllowedLatenessMinutes())))
        .apply(STEP_WRITE_COUNTS, WriteMessageCounts.to(target).withBatchSize(batch));
    decoded
        .get(DecodeAisSentences.DEAD_LETTERS)
        .apply(STEP_WRITE_DEAD_LETTERS, WriteDeadLetters.to(target).withBatchSize(batch));
    if (options.getAnalytics()) {
      addAnalytics(pipeline, decoded, target, options);
    }
    return decoded;
  }

  /** The stateful vessel analytics and their sinks (vessel_event, density_hourly, vessel_latest). */
  private static void addAnalytics(
      Pipeline pipeline, PCollectionTuple decoded, JdbcTarget target, Options options) {
    int batch = options.getJdbcBatchSize();
    boolean bounded = options.getInput() != null || options.getBounded();
    PCollectionView<List<KV<Long, List<GeofenceRow>>>> geofences =
        pipeline.apply(
            STEP_READ_GEOFENCES,
            bounded
                ? ReadGeofences.once(target)
                : ReadGeofences.every(
                    target, Duration.standardMinutes(options.getGeofenceRefreshMinutes())));
    PCollectionTuple analytics =
        decoded
            .get(DecodeAisSentences.POSITIONS)
            .apply(STEP_ANALYZE, AnalyzeVessels.with(analyticsConfig(options), geofences));
    analytics
        .get(Analytics.EVENTS)
        .apply(STEP_WRITE_EVENTS, WriteVesselEvents.to(target).withBatchSize(batch));
    analytics
        .get(Analytics.DENSITY)
        .apply(STEP_WRITE_DENSITY, WriteDensity.to(target).withBatchSize(batch));
    analytics
        .get(Analytics.STATS)
        .apply(STEP_WRITE_STATS, WriteVesselStats.to(target).withBatchSize(batch));
    analytics
        .get(Analytics.DEAD_LETTERS)
        .apply(STEP_WRITE_LATE, WriteDeadLetters.to(target).withBatchSize(batch));
  }
}
