package io.seawatch.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seawatch.db.AlertTable;
import io.seawatch.rules.Alert;
import io.seawatch.rules.VesselEvent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The alert engine's view: the alerts topic read from the beginning, each record applied by id
 * with {@link Alert#later}, must end with the rows of the {@code alert} table. Both sides are
 * brought to the same form (the topic's JSON of the kept version) and compared as sorted lists.
 */
public final class AlertTopicCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertTopicCheck() {}

  /** The outcome: records read from the topic, rows of the table, and what differs. */
  public record Result(long records, int rows, List<String> onlyInTopic, List<String> onlyInTable) {
    public boolean equal() {
      return onlyInTopic.isEmpty() && onlyInTable.isEmpty();
    }

    @Override
    public String toString() {
      return String.format(
          "alerts topic: %,d records -> %,d ids; table: %,d rows; %s", records,
          rows + onlyInTopic.size() - onlyInTable.size(), rows,
          equal() ? "equal" : "only in topic " + onlyInTopic + ", only in table " + onlyInTable);
    }
  }

  /** Reads {@code topic} up to its end offsets now and compares with {@code schema.alert}. */
  public static Result compare(String bootstrap, String topic, Connection c, String schema)
      throws IOException, SQLException {
    Map<Long, Alert> kept = new HashMap<>();
    long records = 0;
    for (String value : readAll(bootstrap, topic)) {
      records++;
      Alert a = parse(value);
      kept.merge(a.id(), a, Alert::later);
    }
    List<String> fromTopic = new ArrayList<>();
    kept.values().forEach(a -> fromTopic.add(a.toJson()));
    List<String> fromTable = table(c, schema);
    return new Result(records, fromTable.size(), sorted(CrashTest.minus(fromTopic, fromTable)),
        sorted(CrashTest.minus(fromTable, fromTopic)));
  }

  private static List<String> sorted(List<String> rows) {
    rows.sort(null);
    return rows;
  }

  /** One record value of the topic as an {@link Alert}. */
  static Alert parse(String json) throws IOException {
    JsonNode n = JSON.readTree(json);
    return new Alert(
        Long.parseLong(n.get("id").asText()),
        Alert.Kind.valueOf(n.get("kind").asText()),
        millis(n.get("time")),
        millis(n.get("end_time")),
        millis(n.get("decided_at")),
        n.get("mmsi").isNull() ? 0 : n.get("mmsi").asInt(),
        n.get("lat").isNull() ? Double.NaN : n.get("lat").asDouble(),
        n.get("lon").isNull() ? Double.NaN : n.get("lon").asDouble(),
        Long.parseLong(n.get("event_id").asText()),
        Alert.Status.ofWire(n.get("status").asText()),
        VesselEvent.detailsFromJson(n.get("details").toString()));
  }

  private static List<String> table(Connection c, String schema) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      // The schema name is the harness's own (crash_<run>_b), never input.
      st.execute("SET search_path TO \"" + schema + "\"");
      try (ResultSet rs = st.executeQuery(AlertTable.SELECT_ALL)) {
        while (rs.next()) {
          rows.add(AlertTable.read(rs).toJson());
        }
      } finally {
        st.execute("RESET search_path");
      }
    }
    return rows;
  }

  private static List<String> readAll(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end offsets");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }

  private static long millis(JsonNode n) {
    return n == null || n.isNull() ? -1 : Instant.parse(n.asText()).toEpochMilli();
  }
}
