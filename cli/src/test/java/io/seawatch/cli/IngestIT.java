package io.seawatch.cli;

import static org.junit.Assert.assertEquals;

import io.seawatch.db.TestSchema;
import io.seawatch.testdata.FleetManifest;
import io.seawatch.testdata.GeneratedFleet;
import io.seawatch.testdata.Scenarios;
import io.seawatch.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The whole ingest against the real Postgres (and the in-process Kafka broker): the generated tiny
 * fleet, read from a file and from Kafka, gives exact row counts, the same tables both ways, and
 * the same tables again when it is ingested a second time.
 */
public class IngestIT {
  private static final Set<Integer> POSITION_TYPES = Set.of(1, 2, 3, 9, 18, 19, 27);

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  @Rule public final TestSchema fromFile = new TestSchema("ingest_file");
  @Rule public final TestSchema fromKafka = new TestSchema("ingest_kafka");

  private static GeneratedFleet fleet;
  private static Path file;

  @BeforeClass
  public static void writeFleet() throws Exception {
    fleet = Scenarios.tinyFleet();
    file = TMP.getRoot().toPath().resolve("tiny.nmea.gz");
    fleet.write(file);
  }

  @Test
  public void fileIngestGivesExactCountsAndIsIdempotent() throws Exception {
    ingest(fromFile, "--input=" + file);
    FleetManifest m = fleet.manifest();
    long positions =
        m.messagesByType().entrySet().stream()
            .filter(e -> POSITION_TYPES.contains(e.getKey()))
            .mapToLong(e -> e.getValue())
            .sum();
    assertEquals(List.of(Long.toString(positions)), fromFile.dump("SELECT count(*) FROM ais_position"));
    assertEquals(
        List.of(Long.toString(m.decodedMessages())),
        fromFile.dump("SELECT sum(messages) FROM ais_stats_minute"));
    assertEquals(
        List.of(Long.toString(m.corruptLineCount())),
        fromFile.dump("SELECT count(*) FROM dead_letter"));
    assertEquals(
        fromFile.dump("SELECT count(DISTINCT mmsi) FROM ais_position WHERE lat IS NOT NULL"),
        fromFile.dump("SELECT count(*) FROM vessel_latest"));
    // vessel_latest holds the newest position of each vessel.
    assertEquals(
        List.of("0"),
        fromFile.dump(
            "SELECT count(*) FROM vessel_latest l JOIN (SELECT mmsi, max(ts) ts FROM ais_position"
                + " WHERE lat IS NOT NULL GROUP BY mmsi) p USING (mmsi) WHERE l.ts <> p.ts"));

    List<List<String>> first = dumps(fromFile);
    ingest(fromFile, "--input=" + file);
    assertEquals("a second ingest of the same input changes nothing", first, dumps(fromFile));
  }

  @Test
  public void boundedKafkaIngestGivesTheSameTablesAsTheFile() throws Exception {
    String topic = "ingest-it";
    assertEquals(0, Seawatch.run(new String[] {"replay", "--file=" + file, "--topic=" + topic,
        "--partitions=3", "--bootstrapServers=" + KAFKA.bootstrapServers()},
        quiet(), quiet()));
    ingest(fromKafka, "--bootstrapServers=" + KAFKA.bootstrapServers(), "--topic=" + topic,
        "--bounded");
    ingest(fromFile, "--input=" + file);
    assertEquals(dumps(fromFile), dumps(fromKafka));
  }

  /** Every table, fully, in key order; dead letters without their origin (file vs Kafka). */
  private static List<List<String>> dumps(TestSchema s) throws Exception {
    return List.of(
        s.dump("SELECT * FROM ais_position ORDER BY mmsi, ts, msg_hash"),
        s.dump("SELECT * FROM vessel_latest ORDER BY mmsi"),
        s.dump("SELECT * FROM vessel_static ORDER BY mmsi"),
        s.dump("SELECT * FROM ais_stats_minute ORDER BY minute, msg_type"),
        s.dump("SELECT id, payload, payload_bytes, stage, reason, event_time FROM dead_letter"
            + " ORDER BY id"));
  }

  private static void ingest(TestSchema schema, String... sourceArgs) {
    String[] args = new String[sourceArgs.length + 3];
    args[0] = "ingest";
    System.arraycopy(sourceArgs, 0, args, 1, sourceArgs.length);
    args[sourceArgs.length + 1] = "--jdbcUrl=" + schema.target().url();
    args[sourceArgs.length + 2] = "--jdbcUser=" + schema.target().user();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Seawatch.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(err.toString(StandardCharsets.UTF_8), 0, code);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
