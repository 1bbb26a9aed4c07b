package io.seawatch.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.DefaultPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.Test;

/** The records lines become: partition, key, timestamp, value (FilePublisher's rule). */
public class LinePublisherTest {
  private static final String SINGLE = "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C";
  private static final String GROUP1 = "\\g:1-2-1001,s:hoek,c:1717200000*00\\"
      + "!AIVDM,2,1,3,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1D";
  private static final String GROUP2 = "\\g:2-2-1001*00\\!AIVDM,2,2,3,B,88888888880,2*24";

  private static MockProducer<byte[], byte[]> mock(boolean autoComplete) {
    Node node = new Node(0, "localhost", 9092);
    Cluster cluster = new Cluster("c", List.of(node), List.of(
        new PartitionInfo("t", 0, node, new Node[] {node}, new Node[] {node}),
        new PartitionInfo("t", 1, node, new Node[] {node}, new Node[] {node})),
        java.util.Set.of(), java.util.Set.of());
    @SuppressWarnings("deprecation")
    DefaultPartitioner partitioner = new DefaultPartitioner();
    return new MockProducer<>(cluster, autoComplete, partitioner, new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  @Test
  public void linesBecomeRecordsAsFilePublisherDocumentsThem() {
    MockProducer<byte[], byte[]> producer = mock(true);
    try (LinePublisher p = new LinePublisher("x:1", "t", 2, producer)) {
      assertEquals(1_717_200_000_000L, p.send("\\s:dover,c:1717200000*00\\" + SINGLE));
      assertEquals(1_717_200_000_000L, p.send(GROUP1));
      // A continuation without c: carries the clock forward.
      assertEquals(1_717_200_000_000L, p.send(GROUP2));
      assertEquals(1_717_200_005_000L, p.send("\\c:1717200005*00\\" + SINGLE));
      p.send("");
      p.flush();
      List<ProducerRecord<byte[], byte[]>> sent = producer.history();
      assertEquals(5, sent.size());
      // Single-part lines round-robin without a key, the fragments of one message keyed alike.
      assertEquals(Integer.valueOf(0), sent.get(0).partition());
      assertNull(sent.get(0).key());
      assertNull(sent.get(1).partition());
      assertEquals("g:1001", new String(sent.get(1).key(), UTF_8));
      assertEquals("g:1001", new String(sent.get(2).key(), UTF_8));
      assertEquals(Integer.valueOf(1), sent.get(3).partition());
      assertEquals(Integer.valueOf(0), sent.get(4).partition());
      assertEquals(GROUP2, new String(sent.get(2).value(), UTF_8));
      assertEquals(5, p.lines());
      assertEquals(1, p.emptyLines());
      assertEquals(2, p.multipartFragments());
      assertEquals(3, p.tagBlockTimes());
      assertEquals(5L, (long) p.perPartition().get(0) + p.perPartition().get(1));
      assertFalse(p.failed());
    }
  }

  @Test
  public void aFailedSendIsReportedByFlush() {
    MockProducer<byte[], byte[]> producer = mock(false);
    try (LinePublisher p = new LinePublisher("x:1", "t", 2, producer)) {
      p.send(SINGLE);
      producer.errorNext(new RuntimeException("broker gone"));
      assertTrue(p.failed());
      OperatorError e = assertThrows(OperatorError.class, p::flush);
      assertEquals("sending to Kafka at x:1 failed after 1 lines: broker gone", e.getMessage());
    }
  }
}
