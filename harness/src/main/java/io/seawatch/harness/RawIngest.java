package io.seawatch.harness;

import io.seawatch.ais.AisDecoder;
import io.seawatch.ais.AisException;
import io.seawatch.ais.AisMessage;
import io.seawatch.ais.AisProjections;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.beam.AisTimestampPolicy;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.PositionCopy;
import io.seawatch.model.MessageHash;
import io.seawatch.model.VesselPosition;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The benchmark's raw limit: what this machine does without Beam. Plain {@code KafkaConsumer}s
 * (one thread each, partitions split between them) read a topic to its end offsets, decode every
 * single-sentence line with the Seawatch decoder exactly as the pipeline does (same event time,
 * same message hash, same projection) and {@code COPY} the positions in binary into {@code
 * ais_position}. Multipart messages (static data, never positions) are skipped after parsing.
 */
public final class RawIngest {
  static final int COPY_BATCH = 5000;
  private static final Duration POLL = Duration.ofMillis(500);

  private RawIngest() {}

  /** What one run did, with the CPU it took (this process's worker threads, Postgres backends). */
  public record Result(long lines, long positions, double seconds, double workerCpuSeconds,
      double postgresCpuSeconds) {}

  /**
   * The position a line becomes in the pipeline, or null (multipart fragment, bad line, not a
   * position report).
   */
  public static VesselPosition position(String line, long recordTimestampMillis) {
    NmeaSentence sentence;
    try {
      sentence = NmeaSentence.parse(line);
      if (sentence.isMultipart()) {
        return null;
      }
      long eventTime = AisTimestampPolicy.eventTimeMillis(line, recordTimestampMillis);
      AisMessage message = AisDecoder.decode(List.of(sentence));
      return AisProjections.toPosition(
          message, eventTime, MessageHash.of(eventTime, sentence.payload()));
    } catch (AisException e) {
      return null;
    }
  }

  /** Reads {@code topic} up to its end offsets now, with {@code threads} consumers. */
  public static Result run(String bootstrap, String topic, JdbcTarget target, int threads)
      throws Exception {
    List<TopicPartition> partitions;
    Map<TopicPartition, Long> ends;
    try (KafkaConsumer<byte[], String> c = consumer(bootstrap)) {
      partitions = new ArrayList<>();
      c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      ends = c.endOffsets(partitions);
    }
    int n = Math.max(1, Math.min(threads, partitions.size()));
    List<List<TopicPartition>> shares = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < partitions.size(); i++) {
      shares.get(i % n).add(partitions.get(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(n);
    long start = System.nanoTime();
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (List<TopicPartition> share : shares) {
        futures.add(pool.submit(() -> work(bootstrap, share, ends, target)));
      }
      long lines = 0;
      long positions = 0;
      long cpuNanos = 0;
      long pgTicks = 0;
      for (Future<long[]> f : futures) {
        long[] r = f.get();
        lines += r[0];
        positions += r[1];
        cpuNanos += r[2];
        pgTicks += r[3];
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(lines, positions, seconds, cpuNanos / 1e9,
          pgTicks / (double) ProcessCpu.TICKS_PER_SECOND);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One consumer thread: {lines, positions, thread CPU ns, its Postgres backend's CPU ticks}. */
  private static long[] work(String bootstrap, List<TopicPartition> share,
      Map<TopicPartition, Long> ends, JdbcTarget target) throws SQLException {
    long lines = 0;
    long positions = 0;
    long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    try (KafkaConsumer<byte[], String> consumer = consumer(bootstrap);
        Connection db = connect(target)) {
      int backend = backendPid(db);
      long pgStart = ProcessCpu.ticks(backend);
      consumer.assign(share);
      consumer.seekToBeginning(share);
      Map<TopicPartition, Long> remaining = new HashMap<>();
      share.forEach(tp -> remaining.put(tp, ends.get(tp)));
      remaining.entrySet().removeIf(e -> e.getValue() == 0);
      List<VesselPosition> batch = new ArrayList<>(COPY_BATCH);
      while (!remaining.isEmpty()) {
        ConsumerRecords<byte[], String> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], String> r : records) {
          lines++;
          VesselPosition p = position(r.value() == null ? "" : r.value(), r.timestamp());
          if (p != null) {
            batch.add(p);
            if (batch.size() == COPY_BATCH) {
              positions += PositionCopy.copyDirect(db, batch);
              batch.clear();
            }
          }
        }
        for (TopicPartition tp : records.partitions()) {
          if (consumer.position(tp) >= remaining.getOrDefault(tp, Long.MAX_VALUE)) {
            remaining.remove(tp);
          }
        }
      }
      positions += PositionCopy.copyDirect(db, batch);
      long pgTicks = ProcessCpu.ticks(backend) - pgStart;
      long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
      return new long[] {lines, positions, cpu, pgTicks};
    }
  }

  static int backendPid(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static Connection connect(JdbcTarget target) throws SQLException {
    return target.connect();
  }

  private static KafkaConsumer<byte[], String> consumer(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props);
  }
}
