package io.seawatch.ops;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends NMEA lines to a Kafka topic one at a time, each as the record {@link FilePublisher}
 * documents (the one place that rule lives): value = the line as UTF-8; timestamp = the tag
 * block's {@code c:} time, else the latest {@code c:} before it, else the time of sending;
 * fragments of a multipart message keyed alike ({@link NmeaPeek}), single-part lines round-robin
 * over the partitions without a key. For callers that pace or time the lines themselves ({@code
 * FilePublisher} reads a file; the latency benchmark records when each line went out).
 *
 * <p>Not thread-safe. A failed send is remembered and reported by {@link #failed()} and {@link
 * #flush()}; later sends after a failure are still attempted, the caller decides when to stop.
 */
public final class LinePublisher implements AutoCloseable {
  private final String bootstrap;
  private final String topic;
  private final int partitions;
  private final Producer<byte[], byte[]> producer;
  private final NmeaPeek peek = new NmeaPeek();
  private final AtomicLongArray perPartition;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback acked;
  private long clock = -1;
  private long roundRobin;
  private long lines;
  private long emptyLines;
  private long multipartFragments;
  private long tagBlockTimes;

  /** A producer for {@code topic}, which has {@code partitions} partitions. */
  public LinePublisher(String bootstrap, String topic, int partitions) {
    this(bootstrap, topic, partitions, producer(bootstrap));
  }

  LinePublisher(String bootstrap, String topic, int partitions,
      Producer<byte[], byte[]> producer) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
    }
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.partitions = partitions;
    this.producer = producer;
    this.perPartition = new AtomicLongArray(partitions);
    this.acked = (RecordMetadata metadata, Exception e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      } else {
        perPartition.incrementAndGet(metadata.partition());
      }
    };
  }

  /**
   * Sends one line (without its terminator) and returns its record timestamp, the line's event
   * time in epoch milliseconds.
   */
  public long send(String line) {
    ProducerRecord<byte[], byte[]> record = record(line);
    try {
      producer.send(record, acked);
    } catch (KafkaException e) {
      failure.compareAndSet(null, e);
    }
    return record.timestamp();
  }

  /** The record of the next line, as {@link #send} sends it (and counts it). */
  ProducerRecord<byte[], byte[]> record(String line) {
    if (line.isEmpty()) {
      // Published all the same: the pipeline dead-letters it, as it does reading the file.
      emptyLines++;
    }
    peek.peek(line);
    String key = peek.partitionKey();
    Integer partition = null;
    if (key == null) {
      partition = (int) (roundRobin++ % partitions);
    } else {
      multipartFragments++;
    }
    long timestamp = peek.timestampMillis();
    if (timestamp >= 0) {
      tagBlockTimes++;
      clock = timestamp;
    } else {
      // Continuation lines of a tag-block group carry no c:; the receive clock carries
      // forward, exactly as `ingest --input` does for the same file.
      timestamp = clock >= 0 ? clock : System.currentTimeMillis();
    }
    lines++;
    return new ProducerRecord<>(topic, partition, timestamp,
        key == null ? null : key.getBytes(UTF_8), line.getBytes(UTF_8));
  }

  /** Whether a send has failed so far. */
  public boolean failed() {
    return failure.get() != null;
  }

  /**
   * Waits until every line sent so far is acknowledged.
   *
   * @throws OperatorError when a send failed
   */
  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new OperatorError(String.format(Locale.ROOT,
          "sending to Kafka at %s failed after %,d lines: %s", bootstrap, lines,
          KafkaTopics.rootMessage(e)));
    }
  }

  public long lines() {
    return lines;
  }

  public long emptyLines() {
    return emptyLines;
  }

  public long multipartFragments() {
    return multipartFragments;
  }

  public long tagBlockTimes() {
    return tagBlockTimes;
  }

  /** Acknowledged records per partition, indexed by partition. */
  public List<Long> perPartition() {
    List<Long> counts = new ArrayList<>();
    for (int p = 0; p < perPartition.length(); p++) {
      counts.add(perPartition.get(p));
    }
    return List.copyOf(counts);
  }

  @Override
  public void close() {
    producer.close();
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
            ProducerConfig.LINGER_MS_CONFIG, 10,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
            // Fail within a minute, not the default two, when the broker goes away mid-replay.
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
