package io.seawatch.ops;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.seawatch.testdata.LineFiles;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes an NMEA file (plain or gzip) to a Kafka topic, one record per line.
 *
 * <p>Record value: the line as UTF-8 (every line, empty ones too, so that the pipeline sees what a
 * file read would). Record timestamp: the tag block's {@code c:} time when there is one (so event
 * time survives the trip), else the latest {@code c:} before it in the file, else the time of
 * sending. Fragments of a multipart message are keyed alike (see {@link NmeaPeek}) and so land on
 * one partition in file order; single-part lines go round-robin over the partitions, without a
 * key. Both make the partition of every line a function of the file and the partition count alone.
 */
public final class FilePublisher {
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private FilePublisher() {}

  /** What one publication did; {@code perPartition} is indexed by partition. */
  public record Report(long lines, long emptyLines, long multipartFragments, long tagBlockTimes,
      long nanos, List<Long> perPartition) {
    public double seconds() {
      return nanos / 1e9;
    }
  }

  /**
   * Publishes {@code file} to {@code topic}, which has {@code partitions} partitions (see
   * {@link KafkaTopics#prepareTopic}).
   *
   * @param rate at most this many lines per second; 0: as fast as possible
   * @param progress a line every 2 s
   * @throws OperatorError when sending fails
   */
  public static Report publish(
      Path file, String bootstrap, String topic, int partitions, int rate, PrintStream progress)
      throws IOException {
    AtomicLongArray perPartition = new AtomicLongArray(partitions);
    long lines = 0;
    long emptyLines = 0;
    long multipartFragments = 0;
    long tagBlockTimes = 0;
    NmeaPeek peek = new NmeaPeek();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback acked =
        (RecordMetadata metadata, Exception e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            perPartition.incrementAndGet(metadata.partition());
          }
        };
    long start = System.nanoTime();
    long lastReport = start;
    long linesAtLastReport = 0;
    long roundRobin = 0;
    try (BufferedReader in = open(file);
        KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      String line;
      long clock = -1;
      while ((line = in.readLine()) != null) {
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
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(
                topic,
                partition,
                timestamp,
                key == null ? null : key.getBytes(UTF_8),
                line.getBytes(UTF_8));
        try {
          producer.send(record, acked);
        } catch (KafkaException e) {
          failure.compareAndSet(null, e);
        }
        lines++;
        if (failure.get() != null) {
          break;
        }

        long now = System.nanoTime();
        if (rate > 0) {
          long due = start + lines * 1_000_000_000L / rate;
          if (due > now) {
            sleepNanos(due - now);
            now = System.nanoTime();
          }
        }
        if (now - lastReport >= PROGRESS_EVERY_NANOS) {
          double perSecond = (lines - linesAtLastReport) * 1e9 / (now - lastReport);
          progress.printf(Locale.ROOT, "replayed %,d lines (%,.0f/s)%n", lines, perSecond);
          lastReport = now;
          linesAtLastReport = lines;
        }
      }
      producer.flush();
    }
    long nanos = System.nanoTime() - start;
    Exception e = failure.get();
    if (e != null) {
      throw new OperatorError(
          String.format(
              Locale.ROOT,
              "sending to Kafka at %s failed after %,d lines: %s",
              bootstrap,
              lines,
              KafkaTopics.rootMessage(e)));
    }
    List<Long> counts = new ArrayList<>();
    for (int p = 0; p < perPartition.length(); p++) {
      counts.add(perPartition.get(p));
    }
    return new Report(lines, emptyLines, multipartFragments, tagBlockTimes, nanos,
        List.copyOf(counts));
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

  /** Plain or gzip, told apart by the gzip magic number rather than by the file name. */
  private static BufferedReader open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    return LineFiles.newReader(raw, b1 == 0x1f && b2 == 0x8b);
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorError("interrupted");
    }
  }
}
