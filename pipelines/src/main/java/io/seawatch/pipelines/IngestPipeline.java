package io.seawatch.pipelines;

import io.seawatch.beam.ApplyToEachPart;
import io.seawatch.beam.CountMessagesPerMinute;
import io.seawatch.beam.DecodeAisSentences;
import io.seawatch.beam.ReadAisFromKafka;
import io.seawatch.beam.analytics.Analytics;
import io.seawatch.beam.analytics.AnalyticsConfig;
import io.seawatch.beam.analytics.AnalyzeVessels;
import io.seawatch.beam.analytics.ReadGeofences;
import io.seawatch.beam.sinks.WriteDeadLetters;
import io.seawatch.beam.sinks.WriteDensity;
import io.seawatch.beam.sinks.WriteMessageCounts;
import io.seawatch.beam.sinks.WritePositions;
import io.seawatch.beam.analytics.ReconcileAlerts;
import io.seawatch.beam.analytics.RetractOrphanedProvisionals;
import io.seawatch.beam.coders.AlertCoder;
import io.seawatch.rules.Alert;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import io.seawatch.beam.sinks.PublishAlerts;
import io.seawatch.beam.sinks.WriteAlerts;
import io.seawatch.beam.sinks.WriteProvisionalEvents;
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
  public static final String STEP_RECONCILE_ALERTS = "ReconcileAlerts";
  public static final String STEP_SWEEP_PROVISIONAL = "RetractOrphanedProvisionals";
  public static final String STEP_ALL_ALERTS = "FlattenAlerts";
  public static final String STEP_WRITE_ALERTS = "WriteAlerts";
  public static final String STEP_PUBLISH_ALERTS = "PublishAlerts";
  public static final String STEP_WRITE_PROVISIONAL = "WriteProvisionalEvents";

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
          STEP_WRITE_LATE,
          STEP_RECONCILE_ALERTS,
          STEP_SWEEP_PROVISIONAL,
          STEP_ALL_ALERTS,
          STEP_WRITE_ALERTS,
          STEP_PUBLISH_ALERTS,
          STEP_WRITE_PROVISIONAL);

  /** The default of {@code --alertsTopic}. */
  public static final String ALERTS_TOPIC = "seawatch.alerts";

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
    @Default.Long(ReadAisFromKafka.DEFAULT_MAX_OUT_OF_ORDERNESS_SECONDS)
    long getMaxOutOfOrdernessSeconds();

    void setMaxOutOfOrdernessSeconds(long value);

    @Description("A caught-up partition without records for this long stops holding the watermark (s)")
    @Default.Long(ReadAisFromKafka.DEFAULT_IDLE_TIMEOUT_SECONDS)
    long getIdleTimeoutSeconds();

    void setIdleTimeoutSeconds(long value);

    @Description(
        "How far a partition's watermark may first move each time the runner asks (min, doubling"
            + " while capped, 6 times at most; 0: no limit): a jump fires its timers in slices"
            + " that checkpoints can pass between")
    @Default.Long(ReadAisFromKafka.DEFAULT_MAX_WATERMARK_STEP_MINUTES)
    long getMaxWatermarkStepMinutes();

    void setMaxWatermarkStepMinutes(long value);
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
    @Default.Long(DecodeAisSentences.DEFAULT_MULTIPART_TIMEOUT_SECONDS)
    long getMultipartTimeoutSeconds();

    void setMultipartTimeoutSeconds(long value);

    @Description("How late (event time) a message may be and still update its per-minute count (min)")
    @Default.Long(CountMessagesPerMinute.DEFAULT_ALLOWED_LATENESS_MINUTES)
    long getStatsAllowedLatenessMinutes();

    void setStatsAllowedLatenessMinutes(long value);
  }

  /**
   * Vessel analytics options: the rule thresholds of {@link RuleConfig} (documented in
   * docs/rules.md; each default is a {@code RuleConfig.DEFAULT_*} constant, in the option's
   * unit), the allowed lateness and the geofence refresh.
   */
  public interface AnalyticsOptions extends PipelineOptions {
    @Description("Run the vessel analytics (events, segments, density, running aggregates)")
    @Default.Boolean(true)
    boolean getAnalytics();

    void setAnalytics(boolean value);

    @Description("How far behind the watermark a position may arrive and still be analysed in order; later ones become LATE dead letters (min)")
    @Default.Long(AnalyticsConfig.DEFAULT_ALLOWED_LATENESS_MINUTES)
    long getAnalyticsAllowedLatenessMinutes();

    void setAnalyticsAllowedLatenessMinutes(long value);

    @Description("Streaming: re-read the geofence table this often (min); bounded runs read it once")
    @Default.Long(5)
    long getGeofenceRefreshMinutes();

    void setGeofenceRefreshMinutes(long value);

    @Description("Streaming: also publish provisional events (arrival order, seconds after the input), later confirmed or retracted by the exact ones")
    @Default.Boolean(true)
    boolean getProvisionalEvents();

    void setProvisionalEvents(boolean value);

    @Description("Kafka topic the alerts are published to when reading from Kafka (empty: table only)")
    @Default.String(ALERTS_TOPIC)
    String getAlertsTopic();

    void setAlertsTopic(String value);

    @Description("Segmentation: a step faster than this (and at least minJumpNm long) is a spoofed jump (kn)")
    @Default.Double(RuleConfig.DEFAULT_MAX_SPEED_KNOTS)
    double getMaxSpeedKnots();

    void setMaxSpeedKnots(double value);

    @Description("Segmentation: steps shorter than this are never jumps (NM)")
    @Default.Double(RuleConfig.DEFAULT_MIN_JUMP_NM)
    double getMinJumpNm();

    void setMinJumpNm(double value);

    @Description("Segmentation: a segment closes after this long without a fix (min)")
    @Default.Long(RuleConfig.DEFAULT_SEGMENT_MAX_GAP_MINUTES)
    long getSegmentMaxGapMinutes();

    void setSegmentMaxGapMinutes(long value);

    @Description("Going dark: a silence of at least this long is a GAP (min)")
    @Default.Long(RuleConfig.DEFAULT_GAP_THRESHOLD_MINUTES)
    long getGapThresholdMinutes();

    void setGapThresholdMinutes(long value);

    @Description("Going dark: a gap is a feed stall when its source went silent within this time of the vessel (s)")
    @Default.Long(RuleConfig.DEFAULT_FEED_STALL_WINDOW_SECONDS)
    long getFeedStallWindowSeconds();

    void setFeedStallWindowSeconds(long value);

    @Description("Per-vessel gap and running-aggregate state is freed after this long without a fix (days)")
    @Default.Long(RuleConfig.DEFAULT_VESSEL_STATE_TTL_DAYS)
    long getVesselStateTtlDays();

    void setVesselStateTtlDays(long value);

    @Description("Loitering: speed strictly below this is slow (kn)")
    @Default.Double(RuleConfig.DEFAULT_LOITER_MAX_SPEED_KNOTS)
    double getLoiterMaxSpeedKnots();

    void setLoiterMaxSpeedKnots(double value);

    @Description("Loitering: minimum duration of a slow episode (min)")
    @Default.Long(RuleConfig.DEFAULT_LOITER_MIN_DURATION_MINUTES)
    long getLoiterMinDurationMinutes();

    void setLoiterMinDurationMinutes(long value);

    @Description("Loitering: a silence longer than this ends an episode (min)")
    @Default.Long(RuleConfig.DEFAULT_LOITER_MAX_FIX_GAP_MINUTES)
    long getLoiterMaxFixGapMinutes();

    void setLoiterMaxFixGapMinutes(long value);

    @Description("Geofences: consecutive fixes inside (outside) that confirm an entry (exit)")
    @Default.Integer(RuleConfig.DEFAULT_GEOFENCE_CONFIRM_FIXES)
    int getGeofenceConfirmFixes();

    void setGeofenceConfirmFixes(int value);

    @Description("Geofences: a vessel silent this long inside a fence is exited at its last fix (min)")
    @Default.Long(RuleConfig.DEFAULT_GEOFENCE_TIMEOUT_MINUTES)
    long getGeofenceTimeoutMinutes();

    void setGeofenceTimeoutMinutes(long value);

    @Description("Port visits: speed strictly below this counts as stopped (kn)")
    @Default.Double(RuleConfig.DEFAULT_PORT_STOP_SPEED_KNOTS)
    double getPortStopSpeedKnots();

    void setPortStopSpeedKnots(double value);

    @Description("Port visits: total stopped time inside a port needed for a PORT_VISIT (min)")
    @Default.Long(RuleConfig.DEFAULT_PORT_MIN_STOP_MINUTES)
    long getPortMinStopMinutes();

    void setPortMinStopMinutes(long value);

    @Description("Encounters: two vessels this close (or closer) are in proximity (m)")
    @Default.Double(RuleConfig.DEFAULT_ENCOUNTER_MAX_DISTANCE_METERS)
    double getEncounterMaxDistanceMeters();

    void setEncounterMaxDistanceMeters(double value);

    @Description("Encounters: minimum duration of a proximity episode (min)")
    @Default.Long(RuleConfig.DEFAULT_ENCOUNTER_MIN_DURATION_MINUTES)
    long getEncounterMinDurationMinutes();

    void setEncounterMinDurationMinutes(long value);

    @Description("Encounters: the median speed of the faster vessel must be below this (kn)")
    @Default.Double(RuleConfig.DEFAULT_ENCOUNTER_MAX_SPEED_KNOTS)
    double getEncounterMaxSpeedKnots();

    void setEncounterMaxSpeedKnots(double value);

    @Description("Encounters: a proximity episode ends after this long without an observation (min)")
    @Default.Long(RuleConfig.DEFAULT_ENCOUNTER_MAX_GAP_MINUTES)
    long getEncounterMaxGapMinutes();

    void setEncounterMaxGapMinutes(long value);
  }

  /** Everything {@code seawatch ingest} accepts (plus the runner's own options). */
  public interface Options
      extends KafkaSourceOptions, FileSourceOptions, JdbcSinkOptions, DecodeOptions,
          AnalyticsOptions {}

  /**
   * The rule thresholds of the options (RuleConfig validates them). The only place the options'
   * units become RuleConfig's; with every option at its default this is {@link
   * AnalyticsConfig#defaults()} (IngestPipelineTest checks each option).
   */
  public static AnalyticsConfig analyticsConfig(AnalyticsOptions o) {
    RuleConfig rules =
        RuleConfig.defaults().toBuilder()
            .maxSpeedKnots(o.getMaxSpeedKnots())
            .minJumpNm(o.getMinJumpNm())
            .segmentMaxGapMillis(RuleConfig.minutes(o.getSegmentMaxGapMinutes()))
            .gapThresholdMillis(RuleConfig.minutes(o.getGapThresholdMinutes()))
            .feedStallWindowMillis(RuleConfig.seconds(o.getFeedStallWindowSeconds()))
            .vesselStateTtlMillis(RuleConfig.days(o.getVesselStateTtlDays()))
            .loiterMaxSpeedKnots(o.getLoiterMaxSpeedKnots())
            .loiterMinDurationMillis(RuleConfig.minutes(o.getLoiterMinDurationMinutes()))
            .loiterMaxFixGapMillis(RuleConfig.minutes(o.getLoiterMaxFixGapMinutes()))
            .geofenceConfirmFixes(o.getGeofenceConfirmFixes())
            .geofenceTimeoutMillis(RuleConfig.minutes(o.getGeofenceTimeoutMinutes()))
            .portStopSpeedKnots(o.getPortStopSpeedKnots())
            .portMinStopMillis(RuleConfig.minutes(o.getPortMinStopMinutes()))
            .encounterMaxDistanceMeters(o.getEncounterMaxDistanceMeters())
            .encounterMinDurationMillis(RuleConfig.minutes(o.getEncounterMinDurationMinutes()))
            .encounterMaxSpeedKnots(o.getEncounterMaxSpeedKnots())
            .encounterMaxGapMillis(RuleConfig.minutes(o.getEncounterMaxGapMinutes()))
            .build();
    return new AnalyticsConfig(
        rules, RuleConfig.minutes(o.getAnalyticsAllowedLatenessMinutes()));
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

  /**
   * Whether the job publishes its alerts to {@code --alertsTopic}: analytics on, the input a
   * Kafka topic (its broker takes the alerts too) and a topic named.
   */
  public static boolean publishesAlerts(Options options) {
    String topic = options.getAlertsTopic();
    return options.getAnalytics() && options.getInput() == null
        && options.getBootstrapServers() != null && topic != null && !topic.isEmpty();
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
    // Provisional events need an input that goes on: a bounded run ends by moving the watermark
    // to the end of time, which says nothing about silence (see DetectProvisionalEvents).
    boolean provisional = !bounded && options.getProvisionalEvents();
    PCollectionTuple analytics =
        decoded
            .get(DecodeAisSentences.POSITIONS)
            .apply(
                STEP_ANALYZE,
                AnalyzeVessels.with(analyticsConfig(options), geofences)
                    .withProvisionalEvents(provisional));
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
    PCollectionTuple alerts =
        analytics
            .get(Analytics.EVENTS)
            .apply(
                STEP_RECONCILE_ALERTS,
                provisional
                    ? ReconcileAlerts.with(analytics.get(Analytics.PROVISIONAL))
                    : ReconcileAlerts.exactOnly());
    PCollection<Alert> allAlerts = alerts.get(ReconcileAlerts.ALERTS);
    if (provisional) {
      PCollection<Alert> swept =
          allAlerts.apply(STEP_SWEEP_PROVISIONAL, RetractOrphanedProvisionals.in(target));
      allAlerts =
          PCollectionList.of(allAlerts)
              .and(swept)
              .apply(STEP_ALL_ALERTS, Flatten.pCollections())
              .setCoder(AlertCoder.of());
    }
    // The topic gets what the table has committed (see WriteAlerts).
    PCollection<Alert> written =
        allAlerts.apply(STEP_WRITE_ALERTS, WriteAlerts.to(target).withBatchSize(batch));
    if (publishesAlerts(options)) {
      written.apply(
          STEP_PUBLISH_ALERTS,
          PublishAlerts.to(options.getBootstrapServers(), options.getAlertsTopic()));
    }
    if (provisional) {
      alerts
          .get(ReconcileAlerts.PROVISIONAL_ROWS)
          .apply(STEP_WRITE_PROVISIONAL, WriteProvisionalEvents.to(target).withBatchSize(batch));
    }
  }
}
