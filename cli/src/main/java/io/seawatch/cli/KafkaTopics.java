package io.seawatch.cli;

import io.seawatch.beam.ReadAisFromKafka.PartitionRange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Looks a topic up before a pipeline is built, so that a bad address fails in one line. */
final class KafkaTopics {
  private static final int CONNECT_TIMEOUT_MS = 2000;

  private KafkaTopics() {}

  /**
   * A plain TCP connect first: a stopped broker is then reported at once instead of after the admin
   * client's retries. The admin call that follows still checks that Kafka answers.
   */
  static boolean anyAcceptsConnections(String bootstrap) {
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
  static UserError cannotReach(String bootstrap) {
    return new UserError(
        "cannot reach Kafka at " + bootstrap + " (is it running? runner-configs/bin/kafka start)");
  }

  /**
   * Returns each partition's first and end offset now.
   *
   * @throws UserError when the broker cannot be reached or the topic does not exist
   */
  static List<PartitionRange> partitionRanges(
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
        throw new UserError(
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
      throw new UserError(
          "cannot reach Kafka at " + bootstrapServers + " within " + timeout.toSeconds()
              + " s (is it running? runner-configs/bin/kafka start)");
    } catch (KafkaException e) {
      throw new UserError("Kafka at " + bootstrapServers + ": " + e.getMessage());
    }
  }
}
