package io.seawatch.pipelines;

import io.seawatch.beam.CountMessagesPerMinute;
import io.seawatch.beam.DecodeAisSentences;
import io.seawatch.beam.sinks.WriteDeadLetters;
import io.seawatch.beam.sinks.WriteMessageCounts;
import io.seawatch.beam.sinks.WritePositions;
import io.seawatch.beam.sinks.WriteVesselLatest;
import io.seawatch.beam.sinks.WriteVesselStatic;
import io.seawatch.db.JdbcTarget;
import io.seawatch.model.RawLine;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
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
          STEP_WRITE_DEAD_LETTERS);

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
    @Default.String("jdbc:postgresql://127.0.0.1:5432/postgres")
    String getJdbcUrl();

    void setJdbcUrl(String value);

    @Description("Postgres user (the password is read from the PGPASSWORD environment variable)")
    @Default.String("postgres")
    String getJdbcUser();

    void setJdbcUser(String value);

    @Description("Rows per JDBC batch")
    @Default.Integer(1000)
    int getJdbcBatchSize();

    void setJdbcBatchSize(int value);
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

  /** Everything {@code seawatch ingest} accepts (plus the runner's own options). */
  public interface Options extends KafkaSourceOptions, FileSourceOptions, JdbcSinkOptions, DecodeOptions {}

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

    decoded
        .get(DecodeAisSentences.POSITIONS)
        .apply(STEP_WRITE_POSITIONS, WritePositions.to(target).withBatchSize(batch));
    decoded
        .get(DecodeAisSentences.POSITIONS)
        .apply(STEP_WRITE_LATEST, WriteVesselLatest.to(target).withBatchSize(batch));
    decoded
        .get(DecodeAisSentences.STATICS)
        .apply(STEP_WRITE_STATIC, WriteVesselStatic.to(target).withBatchSize(batch));
    decoded
        .get(DecodeAisSentences.MESSAGE_TYPES)
        .apply(
            STEP_COUNT_PER_MINUTE,
            CountMessagesPerMinute.create()
                .withAllowedLateness(
                    Duration.standardMinutes(options.getStatsAllowedLatenessMinutes())))
        .apply(STEP_WRITE_COUNTS, WriteMessageCounts.to(target).withBatchSize(batch));
    decoded
        .get(DecodeAisSentences.DEAD_LETTERS)
        .apply(STEP_WRITE_DEAD_LETTERS, WriteDeadLetters.to(target).withBatchSize(batch));
    return decoded;
  }
}
