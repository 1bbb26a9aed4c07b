package io.seawatch.beam;

import io.seawatch.beam.coders.RawLineCoder;
import io.seawatch.model.Origin;
import io.seawatch.model.RawLine;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.joda.time.Duration;

/**
 * Reads raw AIS lines from a Kafka topic, one line per record, with event time from the tag block
 * (see {@link AisTimestampPolicy}) and the record's topic/partition/offset as origin.
 *
 * <p>Two modes:
 *
 * <ul>
 *   <li>{@link #unbounded}: follows the topic forever. Offsets are committed to the consumer group
 *       only when a checkpoint is finalized ({@code commitOffsetsInFinalize}), so a restarted job
 *       resumes where its last checkpoint was. Watermark: bounded out-of-orderness per partition;
 *       idle partitions follow the busiest one.
 *   <li>{@link #bounded}: reads each partition from its first offset up to the end offset that the
 *       caller looked up at start, and stops. Used for batch runs over what is in the topic now;
 *       each partition gets its own exact record count (KafkaIO's {@code withMaxNumRecords} on the
 *       whole topic splits the count evenly and hangs on uneven partitions).
 * </ul>
 */
public final class ReadAisFromKafka extends PTransform<PBegin, PCollection<RawLine>> {
  private static final long serialVersionUID = 1L;

  static final String STEP_READ = "ReadKafkaRecords";
  static final String STEP_FLATTEN = "FlattenPartitions";
  static final String STEP_TO_RAW_LINE = "ToRawLine";

  /** First offset and end offset (exclusive) of one partition. */
  public record PartitionRange(int partition, long beginOffset, long endOffset)
      implements Serializable {
    public long count() {
      return endOffset - beginOffset;
    }
  }

  private final String bootstrapServers;
  private final String topic;
  private final String consumerGroup;
  private final List<PartitionRange> ranges; // null when unbounded
  private final Duration maxOutOfOrderness;
  private final Duration idleTimeout;
  private final Duration maxWatermarkStep; // null: none

  private ReadAisFromKafka(
      String bootstrapServers,
      String topic,
      String consumerGroup,
      List<PartitionRange> ranges,
      Duration maxOutOfOrderness,
      Duration idleTimeout,
      Duration maxWatermarkStep) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.consumerGroup = consumerGroup;
    this.ranges = ranges;
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.idleTimeout = idleTimeout;
    this.maxWatermarkStep = maxWatermarkStep;
  }

  /** The defaults, also of {@code --maxOutOfOrdernessSeconds} and {@code --idleTimeoutSeconds}. */
  public static final long DEFAULT_MAX_OUT_OF_ORDERNESS_SECONDS = 300;

  public static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 30;

  /** The default of {@code --maxWatermarkStepMinutes}: see {@link AisTimestampPolicy}. */
  public static final long DEFAULT_MAX_WATERMARK_STEP_MINUTES = 10;

  /** Follows {@code topic} with the offsets of {@code consumerGroup}. */
  public static ReadAisFromKafka unbounded(
      String bootstrapServers, String topic, String consumerGroup) {
    return new ReadAisFromKafka(
        bootstrapServers,
        topic,
        Objects.requireNonNull(consumerGroup, "consumerGroup"),
        null,
        Duration.standardSeconds(DEFAULT_MAX_OUT_OF_ORDERNESS_SECONDS),
        Duration.standardSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS),
        Duration.standardMinutes(DEFAULT_MAX_WATERMARK_STEP_MINUTES));
  }

  /** Reads exactly the given partition ranges and stops. */
  public static ReadAisFromKafka bounded(
      String bootstrapServers, String topic, List<PartitionRange> ranges) {
    return new ReadAisFromKafka(
        bootstrapServers,
        topic,
        null,
        List.copyOf(ranges),
        Duration.standardSeconds(DEFAULT_MAX_OUT_OF_ORDERNESS_SECONDS),
        Duration.standardSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS),
        null);
  }

  /** How far behind the newest event time a partition's watermark stays (default 5 min). */
  public ReadAisFromKafka withMaxOutOfOrderness(Duration d) {
    return new ReadAisFromKafka(
        bootstrapServers, topic, consumerGroup, ranges, d, idleTimeout, maxWatermarkStep);
  }

  /** After how long without records a caught-up partition counts as idle (default 30 s). */
  public ReadAisFromKafka withIdleTimeout(Duration d) {
    return new ReadAisFromKafka(
        bootstrapServers, topic, consumerGroup, ranges, maxOutOfOrderness, d, maxWatermarkStep);
  }

  /**
   * How far a partition's watermark may move per call (unbounded default 10 min; bounded reads
   * none); null: no limit. See {@link AisTimestampPolicy}.
   */
  public ReadAisFromKafka withMaxWatermarkStep(Duration d) {
    return new ReadAisFromKafka(
        bootstrapServers, topic, consumerGroup, ranges, maxOutOfOrderness, idleTimeout, d);
  }

  @Override
  public PCollection<RawLine> expand(PBegin input) {
    List<PCollection<KafkaRecord<byte[], String>>> parts = new ArrayList<>();
    if (ranges == null) {
      parts.add(
          input.apply(
              STEP_READ, baseRead(consumerGroupConfig()).withTopic(topic).commitOffsetsInFinalize()));
    } else {
      Map<String, Object> config = new HashMap<>();
      config.put("auto.offset.reset", "earliest");
      config.put("enable.auto.commit", false);
      for (PartitionRange r : ranges) {
        if (r.count() > 0) {
          parts.add(
              input.apply(
                  STEP_READ + "-p" + r.partition(),
                  baseRead(config)
                      .withTopicPartitions(List.of(new TopicPartition(topic, r.partition())))
                      .withMaxNumRecords(r.count())));
        }
      }
    }
    if (parts.isEmpty()) {
      return input.apply(STEP_TO_RAW_LINE, Create.empty(RawLineCoder.of()));
    }
    PCollection<KafkaRecord<byte[], String>> records =
        parts.size() == 1
            ? parts.get(0)
            : PCollectionList.of(parts).apply(STEP_FLATTEN, Flatten.pCollections());
    return records
        .apply(STEP_TO_RAW_LINE, ParDo.of(new ToRawLineFn()))
        .setCoder(RawLineCoder.of());
  }

  private Map<String, Object> consumerGroupConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("group.id", consumerGroup);
    config.put("enable.auto.commit", false);
    config.put("auto.offset.reset", "earliest");
    return config;
  }

  private KafkaIO.Read<byte[], String> baseRead(Map<String, Object> config) {
    return KafkaIO.<byte[], String>read()
        .withBootstrapServers(bootstrapServers)
        .withKeyDeserializer(ByteArrayDeserializer.class)
        .withValueDeserializer(StringDeserializer.class)
        .withConsumerConfigUpdates(config)
        .withTimestampPolicyFactory(
            AisTimestampPolicy.factory(maxOutOfOrderness, idleTimeout, maxWatermarkStep));
  }

  /** Keeps the line and where it came from; the timestamp policy already set event time. */
  static final class ToRawLineFn extends DoFn<KafkaRecord<byte[], String>, RawLine> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KafkaRecord<byte[], String> record, OutputReceiver<RawLine> out) {
      String value = record.getKV().getValue();
      out.output(
          new RawLine(
              value == null ? "" : value,
              Origin.kafka(record.getTopic(), record.getPartition(), record.getOffset())));
    }
  }
}
