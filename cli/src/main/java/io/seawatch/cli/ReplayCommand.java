package io.seawatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.seawatch.testdata.LineFiles;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code seawatch replay}: publishes an NMEA file (plain or gzip) to Kafka, one record per line.
 *
 * <p>Record value: the line as UTF-8 (every line, empty ones too, so that the pipeline sees what a
 * file read would). Record timestamp: the tag block's {@code c:} time when there is one (so event
 * time survives the trip), else the latest {@code c:} before it in the file, else the time of
 * sending. Fragments of a multipart
 * message are keyed alike (see {@link NmeaPeek}) and so land on one partition in file order;
 * single-part lines go round-robin over the partitions, without a key. Both make the partition of
 * every line a function of the file and the partition count alone.
 */
public final class ReplayCommand implements Command {
  static final String DEFAULT_TOPIC = "ais.nmea";
  static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
  static final int DEFAULT_PARTITIONS = 4;

  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int ADMIN_TIMEOUT_MS = 8_000;

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String summary() {
    return "Publish an NMEA file to Kafka";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    Flags flags =
        Flags.parse(
            name(),
            args,
            Set.of("file", "topic", "bootstrapServers", "rate", "partitions"),
            Set.of("max", "help"));
    if (flags.has("help")) {
      usage(out);
      return 0;
    }
    Path file = Path.of(flags.required("file"));
    String topic = flags.string("topic", DEFAULT_TOPIC);
    String bootstrap = flags.string("bootstrapServers", DEFAULT_BOOTSTRAP_SERVERS);
    int partitions = flags.positiveInt("partitions", DEFAULT_PARTITIONS);
    if (flags.has("rate") && flags.has("max")) {
      throw flags.error("give --rate=N or --max, not both");
    }
    int rate = flags.has("rate") ? flags.positiveInt("rate", 0) : 0;
    if (topic.isEmpty()) {
      throw flags.error("--topic must not be empty");
    }
    if (!Files.isRegularFile(file)) {
      throw new UserError("no such file: " + file);
    }
    if (!Files.isReadable(file)) {
      throw new UserError("cannot read " + file);
    }

    quietKafkaClientLogs();
    int topicPartitions = prepareTopic(bootstrap, topic, partitions, err);
    Summary s = replay(file, bootstrap, topic, topicPartitions, rate, err);
    s.print(out, file, topic);
    return 0;
  }

  /**
   * Checks that the broker answers, creates the topic if missing and returns its partition count.
   */
  static int prepareTopic(String bootstrap, String topic, int partitions, PrintStream err) {
    Admin admin;
    try {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS / 2,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS));
    } catch (KafkaException e) {
      throw new UserError("invalid --bootstrapServers=" + bootstrap + ": " + rootMessage(e));
    }
    try {
      if (!KafkaTopics.anyAcceptsConnections(bootstrap)) {
        throw KafkaTopics.cannotReach(bootstrap);
      }
      try {
        admin.describeCluster().clusterId().get(ADMIN_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw KafkaTopics.cannotReach(bootstrap);
      }
      TopicDescription existing = describe(admin, topic);
      if (existing != null) {
        warnAboutRetention(admin, topic, err);
        return existing.partitions().size();
      }
      // Replication: the broker's default.replication.factor (1 on the local broker).
      NewTopic newTopic =
          new NewTopic(topic, Optional.of(partitions), Optional.empty())
              // Historic AIS keeps its original timestamps, older than any time-based retention.
              .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
      try {
        admin.createTopics(List.of(newTopic)).all().get();
        err.printf(
            Locale.ROOT, "created topic %s (%d partitions, retention.ms=-1)%n", topic, partitions);
        return partitions;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicExistsException) {
          TopicDescription raced = describe(admin, topic);
          if (raced != null) {
            return raced.partitions().size();
          }
        }
        throw new UserError("cannot create topic " + topic + ": " + rootMessage(e));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted");
    } finally {
      admin.close(Duration.ofSeconds(1));
    }
  }

  private static TopicDescription describe(Admin admin, String topic) throws InterruptedException {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new UserError("cannot describe topic " + topic + ": " + rootMessage(e));
    }
  }

  /** An existing topic is used as is; but say so when it will delete old event times. */
  private static void warnAboutRetention(Admin admin, String topic, PrintStream err)
      throws InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      ConfigEntry retention = config == null ? null : config.get(TopicConfig.RETENTION_MS_CONFIG);
      if (retention != null && !"-1".equals(retention.value())) {
        err.printf(
            Locale.ROOT,
            "warning: topic %s has retention.ms=%s: records whose c: time is older than that "
                + "are deleted by the broker (kafka-configs --alter --add-config retention.ms=-1)%n",
            topic,
            retention.value());
      }
    } catch (ExecutionException e) {
      // Only a warning: not being allowed to read configs must not stop the replay.
    }
  }

  static Summary replay(
      Path file, String bootstrap, String topic, int partitions, int rate, PrintStream err)
      throws IOException {
    Summary s = new Summary(partitions);
    NmeaPeek peek = new NmeaPeek();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback acked =
        (RecordMetadata metadata, Exception e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            s.perPartition.incrementAndGet(metadata.partition());
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
          s.emptyLines++;
        }
        peek.peek(line);
        String key = peek.partitionKey();
        Integer partition = null;
        if (key == null) {
          partition = (int) (roundRobin++ % partitions);
        } else {
          s.multipartFragments++;
        }
        long timestamp = peek.timestampMillis();
        if (timestamp >= 0) {
          s.tagBlockTimes++;
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
        s.lines++;
        if (failure.get() != null) {
          break;
        }

        long now = System.nanoTime();
        if (rate > 0) {
          long due = start + s.lines * 1_000_000_000L / rate;
          if (due > now) {
            sleepNanos(due - now);
            now = System.nanoTime();
          }
        }
        if (now - lastReport >= PROGRESS_EVERY_NANOS) {
          double perSecond = (s.lines - linesAtLastReport) * 1e9 / (now - lastReport);
          err.printf(Locale.ROOT, "replayed %,d lines (%,.0f/s)%n", s.lines, perSecond);
          lastReport = now;
          linesAtLastReport = s.lines;
        }
      }
      producer.flush();
    }
    s.nanos = System.nanoTime() - start;
    Exception e = failure.get();
    if (e != null) {
      throw new UserError(
          String.format(
              Locale.ROOT,
              "sending to Kafka at %s failed after %,d lines: %s",
              bootstrap,
              s.lines,
              rootMessage(e)));
    }
    return s;
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
      throw new UserError("interrupted");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  /**
   * The Kafka clients log their configuration at INFO and every failed connection attempt at WARN,
   * through slf4j-simple to stderr: a wall of text for a broker that is simply not running. Errors
   * reach the user through exceptions instead. Loggers read this when created, so it is set before
   * the first client exists (and never overrides an explicit setting).
   */
  static void quietKafkaClientLogs() {
    String key = "org.slf4j.simpleLogger.log.org.apache.kafka";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "error");
    }
  }

  private static void usage(PrintStream out) {
    out.println("Usage: seawatch replay --file=F [options]");
    out.println();
    out.println("Publishes an NMEA file (plain or gzip) to Kafka, one record per line. Event time");
    out.println("(the tag block's c: field) becomes the record timestamp; the fragments of a");
    out.println("multipart message share a key and so a partition.");
    out.println();
    out.println("  --file=F                 the NMEA file (required)");
    out.println("  --topic=T                topic (default " + DEFAULT_TOPIC + ")");
    out.println(
        "  --bootstrapServers=H:P   Kafka (default " + DEFAULT_BOOTSTRAP_SERVERS + ")");
    out.println("  --rate=N                 at most N lines per second");
    out.println("  --max                    as fast as possible (default)");
    out.println(
        "  --partitions=N           partitions of a new topic (default " + DEFAULT_PARTITIONS + ")");
    out.println("                           a new topic gets retention.ms=-1; an existing topic");
    out.println("                           is used as is");
    out.println("  --help                   this text");
  }

  /** What one replay did. */
  static final class Summary {
    final AtomicLongArray perPartition;
    long lines;
    long emptyLines;
    long multipartFragments;
    long tagBlockTimes;
    long nanos;

    Summary(int partitions) {
      perPartition = new AtomicLongArray(partitions);
    }

    void print(PrintStream out, Path file, String topic) {
      double seconds = nanos / 1e9;
      out.printf(
          Locale.ROOT,
          "replayed %,d lines from %s to %s in %.1f s (%,.0f/s)%n",
          lines,
          file,
          topic,
          seconds,
          seconds > 0 ? lines / seconds : 0.0);
      StringBuilder parts = new StringBuilder("  per partition:");
      for (int p = 0; p < perPartition.length(); p++) {
        parts.append(String.format(Locale.ROOT, " %d=%,d", p, perPartition.get(p)));
      }
      out.println(parts);
      out.printf(
          Locale.ROOT,
          "  multipart fragments: %,d; with tag-block time: %,d; empty lines: %,d%n",
          multipartFragments,
          tagBlockTimes,
          emptyLines);
    }
  }
}
