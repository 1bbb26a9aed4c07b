package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class BenchCommandTest {
  private static final List<String> NO_FLINK = List.of("--skipFlink", "--repo=.");

  @Test
  public void parsesListsAndDefaults() {
    BenchCommand.Settings s = BenchCommand.Settings.parse(List.of("--skipFlink", "--repo=.",
        "--partitions=4,1", "--messages=5000", "--ingestArgs= --maxBundleSize=5000  --x=y ",
        "--flinkRest=http://127.0.0.1:38081/"));
    assertEquals(List.of(4, 1), s.partitions);
    assertEquals(List.of(1, 2), s.parallelisms);
    assertEquals(5000, s.messages);
    assertEquals(2, s.rawThreads);
    assertEquals(List.of("--maxBundleSize=5000", "--x=y"), s.ingestArgs);
    assertEquals("http://127.0.0.1:38081", s.flinkRest);
    assertEquals(0, s.stackSamples);
  }

  @Test
  public void helpIsNoRun() {
    assertNull(BenchCommand.Settings.parse(List.of("--help")));
  }

  @Test
  public void badValuesAreUserErrors() {
    UserError e = assertThrows(UserError.class,
        () -> BenchCommand.Settings.parse(List.of("--skipFlink", "--partitions=1,x")));
    assertEquals("--partitions takes positive whole numbers separated by commas"
        + " (see seawatch bench --help)", e.getMessage());
    e = assertThrows(UserError.class,
        () -> BenchCommand.Settings.parse(List.of("--skipFlink", "--ingestArgs=bounded")));
    assertEquals("--ingestArgs takes ingest options (--name=value), not 'bounded'"
        + " (see seawatch bench --help)", e.getMessage());
  }

  @Test
  public void unknownBenchmarkIsAUserError() {
    UserError e = assertThrows(UserError.class,
        () -> new BenchCommand().run(List.of("latency"), System.out, System.err));
    assertEquals("unknown benchmark 'latency' (known: scaling, churn-data, churn)",
        e.getMessage());
  }

  @Test
  public void churnDataWritesTheGeneratorsLines() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("churn", ".nmea");
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      int code = new BenchCommand().run(List.of("churn-data", "--out=" + file, "--vessels=5",
              "--arrivalsPerSecond=2", "--reports=3", "--intervalSeconds=60",
              "--trailerMinutes=2"),
          new PrintStream(buffer, true, StandardCharsets.UTF_8), System.err);
      assertEquals(0, code);
      assertEquals("wrote " + file + ": 17 lines, about 5 vessels active at a time\n",
          buffer.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
      List<String> lines = java.nio.file.Files.readAllLines(file);
      assertEquals(17, lines.size());
      // Every line decodes to a position of the pipeline.
      for (String line : lines) {
        assertTrue(line, RawIngest.position(line, -1) != null);
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Test
  public void noArgumentsPrintsUsage() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int code = new BenchCommand().run(List.of(), new PrintStream(buffer, true,
        StandardCharsets.UTF_8), System.err);
    assertEquals(2, code);
    assertTrue(buffer.toString(StandardCharsets.UTF_8)
        .startsWith("Usage: seawatch bench scaling [options]"));
  }

  @Test
  public void tableShowsRatesRatiosAndCpuPerMillionLines() {
    List<BenchCommand.Row> rows = List.of(
        new BenchCommand.Row("raw", 2, "2 threads", 2_000_000, 1_900_000, 10.0, 200_000,
            Double.NaN, 4.0, 1.0, 6.0, ""),
        new BenchCommand.Row("flink", 2, "2", 2_000_000, 1_900_000, 40.0, 50_000, 52.5, 20.0,
            2.0, 8.0, ""));
    assertEquals(String.join("\n",
        "| path | partitions | parallelism | lines | positions | sustained s | lines/s | % of raw"
            + " | to committed s | CPU-s/M lines: worker | Kafka | Postgres | total |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        "| raw | 2 | 2 threads | 2,000,000 | 1,900,000 | 10.0 | 200,000 | 100 % | - | 2.0 | 0.5"
            + " | 3.0 | 5.5 |",
        "| flink | 2 | 2 | 2,000,000 | 1,900,000 | 40.0 | 50,000 | 25 % | 52.5 | 10.0 | 1.0"
            + " | 4.0 | 15.0 |",
        ""), BenchCommand.table(rows, 200_000).replace(System.lineSeparator(), "\n"));
  }

  @Test
  public void procStatTicksAreUserPlusSystem() {
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 93423 0 12 0 1500 250 0 0 20 0"
        + " 90 0 1234 987654 321 18446744073709551615";
    assertEquals(1750, ProcessCpu.parseTicks(stat));
    assertEquals(0, ProcessCpu.ticks(-1));
  }

  @Test
  public void stackSamplesAreCategorizedByTheInnermostKnownFrame() {
    StackSampler sampler = new StackSampler(-1);
    sampler.add(String.join("\n",
        "\"Source: ReadAis (1/2)#0\" #80 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable",
        "   java.lang.Thread.State: RUNNABLE",
        "\tat java.util.HashMap.get(HashMap.java:556)",
        "\tat io.seawatch.ais.NmeaSentence.parse(NmeaSentence.java:60)",
        "\tat org.apache.beam.runners.core.SimpleDoFnRunner.processElement(X.java:1)",
        "",
        "\"kafka-poll\" #81 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable",
        "   java.lang.Thread.State: RUNNABLE",
        "\tat sun.nio.ch.EPoll.wait(Native Method)",
        "\tat org.apache.kafka.common.network.Selector.poll(Selector.java:1)",
        "",
        "\"waiter\" #82 prio=5 os_prio=0 tid=0x1 nid=0x2 waiting",
        "   java.lang.Thread.State: WAITING (parking)",
        "\tat jdk.internal.misc.Unsafe.park(Native Method)",
        "",
        "\"copy\" #83 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable",
        "   java.lang.Thread.State: RUNNABLE",
        "\tat java.net.SocketOutputStream.socketWrite0(Native Method)",
        "\tat org.postgresql.core.PGStream.flush(PGStream.java:1)",
        "\tat io.seawatch.db.PositionCopy.copy(PositionCopy.java:1)",
        ""));
    assertEquals(1, sampler.taken());
    String report = sampler.report();
    assertTrue(report, report.contains(" 50.0 %  decoder (io.seawatch.ais)"));
    assertTrue(report, report.contains(
        " 50.0 %  Postgres JDBC (client side, incl. waiting for the server)"));
    assertTrue(report, report.contains(" 50.0 %  io.seawatch.ais.NmeaSentence.parse"));
    assertTrue(report, report.contains("(2 running thread samples in 1 dumps"));
  }
}
