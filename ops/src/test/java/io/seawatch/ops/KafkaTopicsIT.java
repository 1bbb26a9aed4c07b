package io.seawatch.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.ReadAisFromKafka.PartitionRange;
import io.seawatch.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Topics, publishing a file and a group's lag through the typed API, on an in-process broker. */
public class KafkaTopicsIT {
  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aFileIsPublishedRoundRobinAndItsLagIsEverythingUntilCommitted() throws Exception {
    String bootstrap = KAFKA.bootstrapServers();
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(logged, true, UTF_8);

    KafkaTopics.PreparedTopic topic = KafkaTopics.prepareTopic(bootstrap, "ops-it", 3, log);
    assertEquals(new KafkaTopics.PreparedTopic("ops-it", 3, true), topic);
    assertEquals("created topic ops-it (3 partitions, retention.ms=-1)\n",
        logged.toString(UTF_8).replace(System.lineSeparator(), "\n"));
    assertEquals(new KafkaTopics.PreparedTopic("ops-it", 3, false),
        KafkaTopics.prepareTopic(bootstrap, "ops-it", 5, log));
    assertTrue(KafkaTopics.exists(bootstrap, "ops-it"));
    assertFalse(KafkaTopics.exists(bootstrap, "ops-it-none"));

    Path file = tmp.newFile("four.nmea").toPath();
    Files.writeString(file, String.join("\n",
        "\\c:1700000000*5F\\!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24",
        "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24",
        "",
        "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24", ""));
    FilePublisher.Report r = FilePublisher.publish(file, bootstrap, "ops-it", 3, 0, log);
    assertEquals(4, r.lines());
    assertEquals(1, r.emptyLines());
    assertEquals(0, r.multipartFragments());
    assertEquals(1, r.tagBlockTimes());
    assertEquals(List.of(2L, 1L, 1L), r.perPartition());

    assertEquals(List.of(new PartitionRange(0, 0, 2), new PartitionRange(1, 0, 1),
            new PartitionRange(2, 0, 1)),
        KafkaTopics.partitionRanges(bootstrap, "ops-it", Duration.ofSeconds(10)));
    assertEquals(List.of(new KafkaTopics.PartitionLag(0, 0, 2, -1),
            new KafkaTopics.PartitionLag(1, 0, 1, -1), new KafkaTopics.PartitionLag(2, 0, 1, -1)),
        KafkaTopics.lag(bootstrap, "ops-it", "no-commits-yet"));
    assertEquals(4, KafkaTopics.totalLag(bootstrap, "ops-it", "no-commits-yet"));

    KafkaTopics.delete(bootstrap, List.of("ops-it"), List.of());
    OperatorError e = assertThrows(OperatorError.class,
        () -> KafkaTopics.lag(bootstrap, "ops-it-none", "g"));
    assertEquals("topic 'ops-it-none' does not exist at " + bootstrap, e.getMessage());
  }
}
