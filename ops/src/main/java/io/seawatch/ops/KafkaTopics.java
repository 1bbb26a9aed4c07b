package io.seawatch.ops;

import io.seawatch.beam.ReadAisFromKafka.PartitionRange;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka as the operator sees it: is a broker there, create a topic, each partition's offsets, a
 * consumer group's lag, clean up. Every failure the operator can fix is an {@link OperatorError}
 * in one line.
 */
public final class KafkaTopics {
  public static final String DEFAULT_TOPIC = "ais.nmea";
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
  /** Partitions of a topic created by a replay. */
  public static final int DEFAULT_PARTITIONS = 4;
  /** The consumer group of the streaming ingest (IngestPipeline's default). */
  public static final String DEFAULT_CONSUMER_GROUP = "seawatch-ingest";

  private static final int CONNECT_TIMEOUT_MS = 2000;
  private static final int ADMIN_TIMEOUT_MS = 8_000;

  private KafkaTopics() {}

  /**
   * A plain TCP connect first: a stopped broker is then reported at once instead of after the admin
   * client's retries. The admin call that follows still checks that Kafka answers.
   */
  public static boolean anyAcceptsConnections(String bootstrap) {
    for (String server : bootstrap.split(",")) {
      int colon = server.lastIndexOf(':');
      if (colon <= 0) {
        return true; // let the admin client judge what it has already accepted
      }
      try (Socket socket = new Socket()) {
        String host = server.substring(0, colon).trim();
        int port = Integer.parseInt(server.substring(colon + 1).trim());
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        return true;
      } catch (IOException | IllegalArgumentException e) {
        // try the next one
      }
    }
    return false;
  }

  /** The one-line error for a broker that does not answer, with the hint how to start one. */
  public static OperatorError cannotReach(String bootstrap) {
    return new OperatorError(
        "cannot reach Kafka at " + bootstrap + " (is it running? runner-configs/bin/kafka start)");
  }

  /**
   * Returns each partition's first and end offset now.
   *
   * @throws OperatorError when the broker cannot be reached or the topic does not exist
   */
  public static List<PartitionRange> partitionRanges(
      String bootstrapServers, String topic, Duration timeout) {
    if (!anyAcceptsConnections(bootstrapServers)) {
      throw cannotReach(bootstrapServers);
    }
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      Map<String, List<PartitionInfo>> topics = consumer.listTopics(timeout);
      List<PartitionInfo> infos = topics.get(topic);
      if (infos == null || infos.isEmpty()) {
        throw new OperatorError(
            "topic '" + topic + "' does not exist at " + bootstrapServers
                + " (publish to it with: seawatch replay --file=F --topic=" + topic + ")");
      }
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo info : infos) {
        tps.add(new TopicPartition(topic, info.partition()));
      }
      tps.sort(Comparator.comparingInt(TopicPartition::partition));
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
      List<PartitionRange> ranges = new ArrayList<>();
      for (TopicPartition tp : tps) {
        ranges.add(new PartitionRange(tp.partition(), begin.get(tp), end.get(tp)));
      }
      return ranges;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new OperatorError(
          "cannot reach Kafka at " + bootstrapServers + " within " + timeout.toSeconds()
              + " s (is it running? runner-configs/bin/kafka start)");
    } catch (KafkaException e) {
      throw new OperatorError("Kafka at " + bootstrapServers + ": " + e.getMessage());
    }
  }

  /**
   * Checks that the broker answers, creates the topic if missing (with {@code retention.ms=-1})
   * and returns it. Says on {@code log} when it created the topic, and warns there when an
   * existing topic's retention will delete old event times.
   */
  public static PreparedTopic prepareTopic(
      String bootstrap, String topic, int partitions, PrintStream log) {
    Admin admin;
    try {
      admin = admin(bootstrap);
    } catch (KafkaException e) {
      throw new OperatorError("invalid --bootstrapServers=" + bootstrap + ": " + rootMessage(e));
    }
    try {
      if (!anyAcceptsConnections(bootstrap)) {
        throw cannotReach(bootstrap);
      }
      try {
        admin.describeCluster().clusterId().get(ADMIN_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw cannotReach(bootstrap);
      }
      TopicDescription existing = describe(admin, topic);
      if (existing != null) {
        warnAboutRetention(admin, topic, log);
        return new PreparedTopic(topic, existing.partitions().size(), false);
      }
      // Replication: the broker's default.replication.factor (1 on the local broker).
      NewTopic newTopic =
          new NewTopic(topic, Optional.of(partitions), Optional.empty())
              // Historic AIS keeps its original timestamps, older than any time-based retention.
              .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
      try {
        admin.createTopics(List.of(newTopic)).all().get();
        log.printf(
            Locale.ROOT, "created topic %s (%d partitions, retention.ms=-1)%n", topic, partitions);
        return new PreparedTopic(topic, partitions, true);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicExistsException) {
          TopicDescription raced = describe(admin, topic);
          if (raced != null) {
            return new PreparedTopic(topic, raced.partitions().size(), false);
          }
        }
        throw new OperatorError("cannot create topic " + topic + ": " + rootMessage(e));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorError("interrupted");
    } finally {
      admin.close(Duration.ofSeconds(1));
    }
  }

  /** A topic ready to publish to. {@code created}: by this call. */
  public record PreparedTopic(String name, int partitions, boolean created) {}

  private static Admin admin(String bootstrap) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS / 2,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS));
  }

  private static TopicDescription describe(Admin admin, String topic) throws InterruptedException {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new OperatorError("cannot describe topic " + topic + ": " + rootMessage(e));
    }
  }

  /** An existing topic is used as is; but say so when it will delete old event times. */
  private static void warnAboutRetention(Admin admin, String topic, PrintStream log)
      throws InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      ConfigEntry retention = config == null ? null : config.get(TopicConfig.RETENTION_MS_CONFIG);
      if (retention != null && !"-1".equals(retention.value())) {
        log.printf(
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

  /** Whether {@code topic} exists at {@code bootstrap}. */
  public static boolean exists(String bootstrap, String topic) {
    try (Admin admin = admin(bootstrap)) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
    } catch (Exception e) {
      throw new OperatorError("cannot reach Kafka at " + bootstrap + ": " + e.getMessage());
    }
  }

  /** One partition: its end offset, the group's committed offset (-1: none) and the lag. */
  public record PartitionLag(int partition, long beginOffset, long endOffset, long committed) {
    /** Records the group has yet to commit; without a commit, everything from the first offset. */
    public long lag() {
      return endOffset - (committed < 0 ? beginOffset : committed);
    }
  }

  /** The lag of {@code group} on every partition of {@code topic}, by partition. */
  public static List<PartitionLag> lag(String bootstrap, String topic, String group) {
    if (!anyAcceptsConnections(bootstrap)) {
      throw cannotReach(bootstrap);
    }
    try (Admin admin = admin(bootstrap)) {
      TopicDescription description =
          get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      for (TopicPartitionInfo p : description.partitions()) {
        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
      }
      Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(latest).all());
      Map<TopicPartition, ListOffsetsResultInfo> begins = get(admin.listOffsets(earliest).all());
      Map<TopicPartition, OffsetAndMetadata> committed =
          get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
      List<PartitionLag> lags = new ArrayList<>();
      for (TopicPartition tp : latest.keySet()) {
        OffsetAndMetadata c = committed.get(tp);
        lags.add(new PartitionLag(tp.partition(), begins.get(tp).offset(), ends.get(tp).offset(),
            c == null ? -1 : c.offset()));
      }
      lags.sort(Comparator.comparingInt(PartitionLag::partition));
      return lags;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new OperatorError("topic '" + topic + "' does not exist at " + bootstrap);
      }
      throw new OperatorError("Kafka at " + bootstrap + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new OperatorError("Kafka at " + bootstrap + " did not answer within "
          + ADMIN_TIMEOUT_MS / 1000 + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorError("interrupted");
    }
  }

  /** The sum of {@link #lag} over the partitions. */
  public static long totalLag(String bootstrap, String topic, String group) {
    return lag(bootstrap, topic, group).stream().mapToLong(PartitionLag::lag).sum();
  }

  private static <T> T get(KafkaFuture<T> f)
      throws ExecutionException, TimeoutException, InterruptedException {
    return f.get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** Deletes test topics and consumer groups (waits up to 30 s each). */
  public static void delete(String bootstrap, List<String> topics, List<String> groups)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
      }
      if (!groups.isEmpty()) {
        admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The Kafka clients log their configuration at INFO and every failed connection attempt at WARN,
   * through slf4j-simple to stderr: a wall of text for a broker that is simply not running. Errors
   * reach the user through exceptions instead. Loggers read this when created, so it is set before
   * the first client exists (and never overrides an explicit setting).
   */
  public static void quietClientLogs() {
    String key = "org.slf4j.simpleLogger.log.org.apache.kafka";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "error");
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
