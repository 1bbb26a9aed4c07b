package io.seawatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import io.seawatch.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Sentences: the type 1 and type 5 examples of the gpsd "AIVDM/AIVDO protocol decoding" document
 * (sequence id / channel changed, checksums recomputed); tag-block checksums computed for these
 * lines.
 */
public class ReplayCommandIT {
  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final String TYPE1_TAGGED =
      "\\s:r003669945,c:1700000000*7A\\!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C";
  private static final String TYPE1_BARE = "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24";
  private static final String TYPE5_PART1 =
      "\\g:1-2-4242,s:r003669945,c:1700000005*0D\\"
          + "!AIVDM,2,1,3,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1D";
  private static final String TYPE5_PART2 =
      "\\g:2-2-4242,c:1700000005*2B\\!AIVDM,2,2,3,B,88888888880,2*24";
  private static final String TYPE1_MILLIS =
      "\\s:r003669945,c:1700000010123*4B\\!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C";

  @Test
  public void replaysEveryLineWithEventTimeAndKeepsFragmentsTogether() throws Exception {
    Path file = tmp.newFile("small.nmea").toPath();
    // CRLF on two lines and one empty line: terminators are stripped, the empty line is sent too.
    Files.writeString(
        file,
        TYPE1_TAGGED + "\r\n"
            + TYPE5_PART1 + "\n"
            + TYPE1_BARE + "\r\n"
            + "\n"
            + TYPE5_PART2 + "\n"
            + TYPE1_MILLIS + "\n",
        UTF_8);
    String topic = "replay-it";
    Result r = seawatch("replay", "--file=" + file, "--topic=" + topic, "--partitions=3",
        "--bootstrapServers=" + KAFKA.bootstrapServers());
    assertThat(r.err, r.exitCode, equalTo(0));

    try (Admin admin = KAFKA.admin()) {
      assertThat(
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size(),
          equalTo(3));
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("retention.ms").value(), equalTo("-1"));
    }

    List<ConsumerRecord<String, String>> records = consumeAll(topic, 3, 6);
    assertThat(records.size(), equalTo(6));
    Map<String, ConsumerRecord<String, String>> byValue =
        records.stream().collect(Collectors.toMap(ConsumerRecord::value, rec -> rec));
    assertThat(
        byValue.keySet(),
        equalTo(java.util.Set.of(TYPE1_TAGGED, TYPE5_PART1, TYPE1_BARE, "", TYPE5_PART2, TYPE1_MILLIS)));

    // Event time from c: (seconds, or milliseconds above 10^11); lines without one carry the
    // latest c: before them forward.
    assertThat(byValue.get(TYPE1_TAGGED).timestamp(), equalTo(1_700_000_000_000L));
    assertThat(byValue.get(TYPE5_PART1).timestamp(), equalTo(1_700_000_005_000L));
    assertThat(byValue.get(TYPE5_PART2).timestamp(), equalTo(1_700_000_005_000L));
    assertThat(byValue.get(TYPE1_MILLIS).timestamp(), equalTo(1_700_000_010_123L));
    assertThat(byValue.get(TYPE1_BARE).timestamp(), equalTo(1_700_000_005_000L));
    assertThat(byValue.get("").timestamp(), equalTo(1_700_000_005_000L));

    // Both fragments: same key, same partition, in file order.
    ConsumerRecord<String, String> p1 = byValue.get(TYPE5_PART1);
    ConsumerRecord<String, String> p2 = byValue.get(TYPE5_PART2);
    assertThat(p1.key(), equalTo("g:4242"));
    assertThat(p2.key(), equalTo("g:4242"));
    assertThat(p2.partition(), equalTo(p1.partition()));
    assertThat(p1.offset(), lessThan(p2.offset()));

    // Single-part lines: no key, round-robin in file order.
    assertThat(byValue.get(TYPE1_TAGGED).key(), equalTo(null));
    assertThat(byValue.get(TYPE1_TAGGED).partition(), equalTo(0));
    assertThat(byValue.get(TYPE1_BARE).partition(), equalTo(1));
    assertThat(byValue.get("").partition(), equalTo(2));
    assertThat(byValue.get(TYPE1_MILLIS).partition(), equalTo(0));
  }

  @Test
  public void replaysGzipIntoAnExistingTopicAsIs() throws Exception {
    String topic = "replay-gz-it";
    KAFKA.createTopic(topic, 2);
    Path file = tmp.newFile("small.nmea.gz").toPath();
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((TYPE1_TAGGED + "\n" + TYPE1_BARE + "\n").getBytes(UTF_8));
    }
    Result r = seawatch("replay", "--file=" + file, "--topic=" + topic, "--partitions=5",
        "--rate=1000", "--bootstrapServers=" + KAFKA.bootstrapServers());
    assertThat(r.err, r.exitCode, equalTo(0));
    List<ConsumerRecord<String, String>> records = consumeAll(topic, 2, 2);
    assertThat(
        records.stream().map(ConsumerRecord::value).sorted().collect(Collectors.toList()),
        equalTo(List.of(TYPE1_BARE, TYPE1_TAGGED)));
  }

  @Test
  public void unreachableBrokerIsOneLineAndExitCode1() throws Exception {
    Path file = tmp.newFile("one.nmea").toPath();
    Files.writeString(file, TYPE1_BARE + "\n", UTF_8);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    Result r = seawatch("replay", "--file=" + file, "--bootstrapServers=127.0.0.1:" + closedPort);
    assertThat(r.exitCode, equalTo(1));
    assertThat(
        r.err,
        equalTo(
            "seawatch replay: error: cannot reach Kafka at 127.0.0.1:"
                + closedPort
                + " (is it running? runner-configs/bin/kafka start)\n"));
  }

  @Test
  public void missingFileIsOneLineAndExitCode1() {
    Result r = seawatch("replay", "--file=/nonexistent/ais.nmea");
    assertThat(r.exitCode, equalTo(1));
    assertThat(r.err, equalTo("seawatch replay: error: no such file: /nonexistent/ais.nmea\n"));
  }

  private static List<ConsumerRecord<String, String>> consumeAll(
      String topic, int partitions, int expected) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        tps.add(new TopicPartition(topic, p));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long endSum = consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
      assertThat(endSum, equalTo((long) expected));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static Result seawatch(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, UTF_8);
        PrintStream e = new PrintStream(err, true, UTF_8)) {
      code = Seawatch.run(args, o, e);
    }
    return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private static final class Result {
    final int exitCode;
    final String out;
    final String err;

    Result(int exitCode, String out, String err) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }
  }
}
