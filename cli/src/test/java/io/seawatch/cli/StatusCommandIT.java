package io.seawatch.cli;

import static org.junit.Assert.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.seawatch.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * {@code seawatch status} against the in-process broker: offsets committed by a plain consumer give
 * the exact lag table; the Flink part comes from a stub REST server or reports its absence.
 */
public class StatusCommandIT {
  private static final String TOPIC = "status-it";
  private static final String GROUP = "status-group";

  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  @BeforeClass
  public static void publishAndCommit() throws Exception {
    KAFKA.createTopic(TOPIC, 3);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    // 1,500 records to partition 0, 7 to partition 1, none to partition 2.
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < 1_500; i++) {
        producer.send(new ProducerRecord<>(TOPIC, 0, null, "line " + i));
      }
      for (int i = 0; i < 7; i++) {
        producer.send(new ProducerRecord<>(TOPIC, 1, null, "line " + i));
      }
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
      // Partition 0 committed at 1,200, partition 1 fully, partition 2 never.
      consumer.commitSync(
          Map.of(
              new TopicPartition(TOPIC, 0), new OffsetAndMetadata(1_200),
              new TopicPartition(TOPIC, 1), new OffsetAndMetadata(7)));
    }
  }

  @Test
  public void printsTheLagPerPartitionAndSaysWhenNoFlinkAnswers() throws Exception {
    String rest = "http://127.0.0.1:" + freePort();
    String out = status("--consumerGroup=" + GROUP, "--flinkRest=" + rest);
    assertEquals(
        String.join("\n",
            "kafka " + KAFKA.bootstrapServers() + " topic status-it, consumer group status-group",
            "partition     end offset      committed            lag",
            "        0          1,500          1,200            300",
            "        1              7              7              0",
            "        2              0              -              0",
            "    total          1,507          1,207            300",
            "no Flink cluster at " + rest + " (ConnectException)",
            ""),
        out);
  }

  @Test
  public void aGroupWithoutCommitsLagsByEverything() throws Exception {
    String out = status("--consumerGroup=nobody", "--noFlink");
    assertEquals(
        String.join("\n",
            "kafka " + KAFKA.bootstrapServers() + " topic status-it, consumer group nobody",
            "partition     end offset      committed            lag",
            "        0          1,500              -          1,500",
            "        1              7              -              7",
            "        2              0              -              0",
            "    total          1,507              0          1,507",
            ""),
        out);
  }

  @Test
  public void printsTheFlinkJobsWithTheirLastCheckpoint() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve(server, "/jobs/overview",
        "{\"jobs\":[{\"jid\":\"aa11\",\"name\":\"seawatch-ingest\",\"state\":\"RUNNING\","
            + "\"start-time\":2000},{\"jid\":\"bb22\",\"name\":\"old\",\"state\":\"CANCELED\","
            + "\"start-time\":1000}]}");
    serve(server, "/jobs/aa11/checkpoints",
        "{\"counts\":{\"restored\":1,\"total\":14,\"in_progress\":0,\"completed\":12,\"failed\":2},"
            + "\"latest\":{\"completed\":{\"id\":14,\"state_size\":1461436,"
            + "\"checkpointed_size\":1187000,\"end_to_end_duration\":263}}}");
    serve(server, "/jobs/bb22/checkpoints",
        "{\"counts\":{\"restored\":0,\"total\":1,\"in_progress\":0,\"completed\":0,\"failed\":1},"
            + "\"latest\":{\"completed\":null}}");
    server.start();
    try {
      String rest = "http://127.0.0.1:" + server.getAddress().getPort();
      String out = status("--consumerGroup=" + GROUP, "--flinkRest=" + rest);
      String flink = out.substring(out.indexOf("flink "));
      assertEquals(
          String.join("\n",
              "flink " + rest + ": 2 job(s)",
              "  aa11 RUNNING    seawatch-ingest",
              "    checkpoints: 12 completed, 2 failed, 1 restored; last completed #14:"
                  + " size 1,461,436 bytes (uploaded 1,187,000), duration 263 ms",
              "  bb22 CANCELED   old",
              "    checkpoints: 0 completed, 1 failed, 0 restored; none completed yet",
              ""),
          flink);
    } finally {
      server.stop(0);
    }
  }

  @Test
  public void aMissingTopicIsOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Seawatch.run(
        new String[] {"status", "--bootstrapServers=" + KAFKA.bootstrapServers(),
            "--topic=nope", "--noFlink"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertEquals(
        "seawatch status: error: topic 'nope' does not exist at " + KAFKA.bootstrapServers() + "\n",
        err.toString(StandardCharsets.UTF_8));
  }

  private static void serve(HttpServer server, String path, String body) {
    server.createContext(path, exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
  }

  private static String status(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "status";
    args[1] = "--bootstrapServers=" + KAFKA.bootstrapServers();
    args[2] = "--topic=" + TOPIC;
    System.arraycopy(extra, 0, args, 3, extra.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Seawatch.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(err.toString(StandardCharsets.UTF_8), 0, code);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
