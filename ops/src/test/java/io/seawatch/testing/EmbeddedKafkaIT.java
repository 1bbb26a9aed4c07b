package io.seawatch.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.ClassRule;
import org.junit.Test;

public class EmbeddedKafkaIT {
  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  private static final String TOPIC = "embedded-kafka-it";
  private static final int PARTITIONS = 3;
  private static final int RECORDS = 1000;

  @Test
  public void producesAndConsumesEveryRecordExactlyOnce() {
    KAFKA.createTopic(TOPIC, PARTITIONS);
    Set<String> sent = new TreeSet<>();
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < RECORDS; i++) {
        String value = "record-" + i;
        producer.send(new ProducerRecord<>(TOPIC, "key-" + (i % 17), value));
        sent.add(value);
      }
      producer.flush();
    }

    List<String> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      List<TopicPartition> partitions =
          IntStream.range(0, PARTITIONS)
              .mapToObj(p -> new TopicPartition(TOPIC, p))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      assertThat(end.values().stream().mapToLong(Long::longValue).sum(), equalTo((long) RECORDS));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < RECORDS && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          received.add(r.value());
        }
      }
    }
    assertThat(received.size(), equalTo(RECORDS));
    assertThat(new TreeSet<>(received), equalTo(sent));
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
