package io.seawatch.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class BenchScalingTest {
  @Test
  public void tableShowsRatesRatiosAndCpuPerMillionLines() {
    List<BenchScaling.Row> rows = List.of(
        new BenchScaling.Row("raw", 2, "2 threads", 2_000_000, 1_900_000, 10.0, 200_000,
            Double.NaN, 4.0, 1.0, 6.0, ""),
        new BenchScaling.Row("flink", 2, "2", 2_000_000, 1_900_000, 40.0, 50_000, 52.5, 20.0,
            2.0, 8.0, ""));
    assertEquals(String.join("\n",
        "| path | partitions | parallelism | lines | positions | sustained s | lines/s | % of raw"
            + " | to committed s | CPU-s/M lines: worker | Kafka | Postgres | total |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        "| raw | 2 | 2 threads | 2,000,000 | 1,900,000 | 10.0 | 200,000 | 100 % | - | 2.0 | 0.5"
            + " | 3.0 | 5.5 |",
        "| flink | 2 | 2 | 2,000,000 | 1,900,000 | 40.0 | 50,000 | 25 % | 52.5 | 10.0 | 1.0"
            + " | 4.0 | 15.0 |",
        ""), BenchScaling.table(rows, 200_000).replace(System.lineSeparator(), "\n"));
  }

  @Test
  public void procStatTicksAreUserPlusSystem() {
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 93423 0 12 0 1500 250 0 0 20 0"
        + " 90 0 1234 987654 321 18446744073709551615";
    assertEquals(1750, ProcessCpu.parseTicks(stat));
    assertEquals(0, ProcessCpu.ticks(-1));
  }

  @Test
  public void settingsDefaultToTheRepositorysPaths() {
    BenchScaling.Settings s = BenchScaling.Settings.builder().skipFlink(true)
        .repo(Path.of("/r")).flinkRest("http://127.0.0.1:38081/").build();
    assertEquals(List.of(1, 2, 4), s.partitions());
    assertEquals(List.of(1, 2), s.parallelisms());
    assertEquals(1_000_000, s.messages());
    assertEquals("http://127.0.0.1:38081", s.flinkRest());
    assertEquals(Path.of("/r/.seawatch/flink"), s.stateDir());
    assertEquals(Path.of("/r/.seawatch/kafka"), s.kafkaDir());
    assertEquals(Path.of("/r/pipelines/target/seawatch-job.jar"), s.jar());
    assertTrue(s.restartTaskManager());
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
