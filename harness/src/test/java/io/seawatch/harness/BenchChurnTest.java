package io.seawatch.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class BenchChurnTest {
  private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
  private static final long H = 3_600_000L;

  private static BenchChurn.Sample sample(double wall, long cp, long size, long committed,
      long eventMillis, long holding, String note) {
    return new BenchChurn.Sample(wall, "3.50 2.00 1.00", cp, size, size / 10, 900,
        1_000_000L + (long) (wall * 1000), committed, eventMillis, holding * 2, holding, note);
  }

  @Test
  public void holdIsGapThresholdPlusRetentionLatenessWatermarkBoundAndFlushStep() {
    // 6 h + 1 d + 1 h + 5 min + 1 min = 31 h 6 min.
    assertEquals(Duration.ofMinutes(31 * 60 + 6), BenchChurn.holdAfterLastReport(
        Duration.ofHours(6), Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(5)));
    // The key retention is at least the allowed lateness.
    assertEquals(Duration.ofMinutes(60 + 120 + 120 + 0 + 1), BenchChurn.holdAfterLastReport(
        Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(2), Duration.ZERO));
  }

  @Test
  public void csvRowHasEventHoursAndBytesPerVessel() {
    BenchChurn.Sample s = sample(12.5, 7, 45_000_000, 100_000, START.toEpochMilli() + 3 * H / 2,
        30_000, "");
    assertEquals("12.5,3.50,7,45000000,4500000,900,100000,2024-06-01T01:30:00Z,1.5,60000,30000,"
        + "1500,", BenchChurn.csv(s, START));
    BenchChurn.Sample none = sample(1, -1, 0, 0, Long.MIN_VALUE, 0, "no REST answer");
    assertEquals("1.0,3.50,-1,0,0,900,0,,,0,0,,no REST answer", BenchChurn.csv(none, START));
  }

  @Test
  public void condensedTableKeepsOneNewCheckpointPerIntervalNotesAndTheLast() {
    List<BenchChurn.Sample> samples = List.of(
        sample(10, 1, 1_000_000, 10, START.toEpochMilli(), 100, ""),
        sample(20, 2, 2_000_000, 20, START.toEpochMilli() + H, 200, ""),
        sample(70, 3, 3_000_000, 30, START.toEpochMilli() + 2 * H, 300, ""),
        sample(75, 3, 3_000_000, 30, START.toEpochMilli() + 2 * H, 300, "TaskManager killed"),
        sample(80, 3, 3_000_000, 30, START.toEpochMilli() + 2 * H, 300, ""),
        // Due by time, but still the checkpoint of the last row: left out.
        sample(140, 3, 3_000_000, 30, START.toEpochMilli() + 2 * H, 300, ""),
        sample(150, 5, 5_000_000, 50, START.toEpochMilli() + 4 * H, 500, ""));
    String table = BenchChurn.condensed(samples, Duration.ofSeconds(60), START);
    assertEquals(String.join("\n",
        "| wall min | load | checkpoint | full size MB | incremental MB | lines committed"
            + " | event time h | MMSIs seen | vessels holding state | bytes/vessel | note |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        "| 0.2 | 3.50 | 1 | 1.0 | 0.1 | 10 | 0.0 | 200 | 100 | 10,000 |  |",
        "| 1.2 | 3.50 | 3 | 3.0 | 0.3 | 30 | 2.0 | 600 | 300 | 10,000 |  |",
        "| 1.3 | 3.50 | 3 | 3.0 | 0.3 | 30 | 2.0 | 600 | 300 | 10,000 | TaskManager killed |",
        "| 2.5 | 3.50 | 5 | 5.0 | 0.5 | 50 | 4.0 | 1,000 | 500 | 10,000 |  |",
        ""), table.replace(System.lineSeparator(), "\n"));
  }

  @Test
  public void steadyStateCountsEachCheckpointOnceInsideTheEventTimeWindow() {
    long t0 = START.toEpochMilli();
    List<BenchChurn.Sample> samples = List.of(
        sample(10, 1, 50, 1, t0 + H, 10, ""), // before the window
        sample(20, 2, 90, 2, t0 + 2 * H, 100, ""),
        sample(30, 2, 90, 2, t0 + 2 * H, 100, ""), // the same checkpoint again
        sample(40, 3, 110, 3, t0 + 3 * H, 100, ""),
        sample(50, 4, 100, 4, t0 + 4 * H, 100, ""),
        sample(60, 5, 40, 5, t0 + 5 * H, 100, "")); // after the window
    BenchChurn.Steady s = BenchChurn.steady(samples, START.plusSeconds(7200),
        START.plusSeconds(5 * 3600));
    assertEquals(3, s.samples());
    assertEquals(90, s.minState());
    assertEquals(110, s.maxState());
    assertEquals(100.0, s.meanState(), 1e-9);
    assertEquals(100.0, s.meanHolding(), 1e-9);
    assertEquals(0.9, s.minBytesPerVessel(), 1e-9);
    assertEquals(1.1, s.maxBytesPerVessel(), 1e-9);
    assertEquals(100.0 / 90 - 1, s.drift(), 1e-9);
    assertNull(BenchChurn.steady(samples, START.plusSeconds(99 * 3600),
        START.plusSeconds(100 * 3600)));
  }

  @Test
  public void recoveryTimesComeFromTheFirstCheckpointAndCommitAfterTheKill() {
    long t0 = START.toEpochMilli();
    List<BenchChurn.Sample> samples = List.of(
        sample(0, 8, 100, 1_000, t0, 1, ""),
        sample(60, 9, 100, 7_000, t0, 1, ""),
        sample(100, 10, 100, 10_000, t0, 1, ""), // kill at 100 s
        sample(102, 10, 100, 10_000, t0, 1, "TaskManager killed"),
        sample(130, 11, 100, 10_000, t0, 1, ""), // restored checkpoint #10: nothing new yet
        sample(140, 12, 100, 10_500, t0, 1, "recovered"),
        sample(200, 13, 100, 16_500, t0, 1, ""));
    long killEpoch = 1_000_000L + 100_000;
    BenchChurn.Recovery r = BenchChurn.recovery(samples, 100, killEpoch, 10, 10_000,
        new BenchChurn.Restore(killEpoch + 21_500, 10, killEpoch - 4_200));
    assertEquals(21.5, r.toRestoreSeconds(), 1e-9);
    assertEquals(10, r.restoredCheckpointId());
    assertEquals(4.2, r.restoredAgeSeconds(), 1e-9);
    assertEquals(11, r.checkpointId());
    assertEquals(30.0, r.toCheckpointSeconds(), 1e-9); // its ack time, 130 s on the sample clock
    assertEquals(40.0, r.toCommittedPastKillSeconds(), 1e-9);
    // From the last sample at least 60 s before the kill: (10,000 - 1,000) / 100 s.
    assertEquals(90.0, r.linesPerSecondBefore(), 1e-9);
    assertEquals(100.0, r.linesPerSecondAfter(), 1e-9); // (16,500 - 10,500) / 60 s
    BenchChurn.Recovery never = BenchChurn.recovery(samples.subList(0, 4), 100, killEpoch, 10,
        10_000, null);
    assertTrue(Double.isNaN(never.toRestoreSeconds()));
    assertTrue(Double.isNaN(never.restoredAgeSeconds()));
    assertTrue(Double.isNaN(never.toCheckpointSeconds()));
    assertTrue(Double.isNaN(never.toCommittedPastKillSeconds()));
  }

  @Test
  public void vertexNamesShortenToTheirFirstOperator() {
    assertEquals("AnalyzeVessels/DetectGaps/DetectGapsFn", BenchChurn.shortName(
        "AnalyzeVessels/DetectGaps/DetectGapsFn -> AnalyzeVessels/DetectGaps/KeyGapsBySource/Map"
            + "/ParMultiDo(Anonymous)"));
    assertEquals("ReadAis/ReadKafkaRecords/KafkaIO.Read.ReadFromKafkaViaUnbounded/Read"
        + "(KafkaUnboundedSource)", BenchChurn.shortName("Source: ReadAis/ReadKafkaRecords/"
        + "KafkaIO.Read.ReadFromKafkaViaUnbounded/Read(KafkaUnboundedSource) -> Flat Map"));
    assertEquals("WritePositions/CopyAisPosition", BenchChurn.shortName(
        "WritePositions/CopyAisPosition/ParMultiDo(CopyPositions)"));
    assertEquals("WriteVesselLatest/KeepWithCoordinates", BenchChurn.shortName(
        "WriteVesselLatest/KeepWithCoordinates/ParDo(Anonymous)/ParMultiDo(Anonymous) -> X"));
    assertEquals("AnalyzeVessels/ToFixes/Map", BenchChurn.shortName(
        "AnalyzeVessels/ToFixes/Map/ParMultiDo(Anonymous) -> (A, B)"));
  }

  @Test
  public void breakdownNamesVerticesAndSortsBySize() throws Exception {
    ObjectMapper json = new ObjectMapper();
    var job = json.readTree("{\"vertices\":[{\"id\":\"a\",\"name\":\"X/DetectGapsFn -> Y\"},"
        + "{\"id\":\"b\",\"name\":\"Source: ReadAis -> Flat Map\"},"
        + "{\"id\":\"c\",\"name\":\"W/KeepNewestPerMmsi -> Z\"}]}");
    var details = json.readTree("{\"id\":5,\"tasks\":{"
        + "\"a\":{\"state_size\":600000,\"checkpointed_size\":1000},"
        + "\"b\":{\"state_size\":100,\"checkpointed_size\":100},"
        + "\"c\":{\"state_size\":399900,\"checkpointed_size\":2000}}}");
    List<BenchChurn.VertexState> v = BenchChurn.breakdown(details, job);
    assertEquals(List.of(new BenchChurn.VertexState("X/DetectGapsFn", 600_000, 1000),
        new BenchChurn.VertexState("W/KeepNewestPerMmsi", 399_900, 2000),
        new BenchChurn.VertexState("ReadAis", 100, 100)), v);
    // Vertices under 0.1 % of the total are left out of the table, not out of the total.
    assertEquals(String.join("\n",
        "| operator (first of the vertex) | full size MB | share | bytes/vessel | incremental MB |",
        "|---|---:|---:|---:|---:|",
        "| X/DetectGapsFn | 0.60 | 60.0 % | 600 | 0.00 |",
        "| W/KeepNewestPerMmsi | 0.40 | 40.0 % | 400 | 0.00 |",
        "| all 3 vertices | 1.00 | 100 % | 1000 | 0.00 |",
        ""), BenchChurn.breakdownTable(v, 1000).replace(System.lineSeparator(), "\n"));
  }

  @Test
  public void rpcPortIsReadFromTheClustersConfig() throws Exception {
    Path f = Files.createTempFile("config", ".yaml");
    try {
      Files.writeString(f, "jobmanager.rpc.address: 127.0.0.1\njobmanager.rpc.port: 36123\n");
      assertEquals("36123", BenchChurn.rpcPort(f));
      Files.writeString(f, "rest.port: 8081\n");
      assertNull(BenchChurn.rpcPort(f));
      assertNull(BenchChurn.rpcPort(f.resolveSibling("missing-" + f.getFileName())));
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
