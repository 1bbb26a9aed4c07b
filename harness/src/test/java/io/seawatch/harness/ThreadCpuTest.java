package io.seawatch.harness;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import org.junit.Test;

public class ThreadCpuTest {
  private static final String DUMP_A =
      "\"AnalyzeVessels/TrackVessels/TrackVesselsFn (1/2)#0\" #81 prio=5 os_prio=0 cpu=1000.50ms"
          + " elapsed=60.1s tid=0x1 nid=0x2 runnable  [0x3]\n"
          + "   java.lang.Thread.State: RUNNABLE\n"
          + "\"AnalyzeVessels/TrackVessels/TrackVesselsFn (2/2)#0\" #82 prio=5 os_prio=0"
          + " cpu=500.00ms elapsed=60.1s tid=0x4 nid=0x5 waiting\n"
          + "\"C2 CompilerThread0\" #9 daemon prio=9 os_prio=0 cpu=2000.00ms elapsed=90s\n";
  private static final String DUMP_B =
      "\"AnalyzeVessels/TrackVessels/TrackVesselsFn (1/2)#0\" #81 prio=5 os_prio=0 cpu=3000.50ms"
          + " elapsed=80.1s\n"
          + "\"AnalyzeVessels/TrackVessels/TrackVesselsFn (2/2)#0\" #82 prio=5 os_prio=0"
          + " cpu=2500.00ms elapsed=80.1s\n"
          + "\"C2 CompilerThread0\" #9 daemon prio=9 os_prio=0 cpu=2500.00ms elapsed=110s\n"
          + "\"seawatch-jdbc-writer\" #99 daemon prio=5 os_prio=0 cpu=100.00ms elapsed=5s\n";

  @Test
  public void subtasksOfAChainAddUp() {
    assertEquals(
        Map.of("AnalyzeVessels/TrackVessels/TrackVesselsFn", 1500.5, "C2 CompilerThread0", 2000.0),
        ThreadCpu.parse(DUMP_A));
  }

  @Test
  public void reportGivesCpuSecondsPerMillionLinesBetweenTwoDumps() {
    // 4,000 ms of the chain, 500 of C2, 100 of a thread that started in between; 500,000 lines.
    assertEquals(
        "| thread (operator chain) | CPU-s per M lines |\n|---|---:|\n"
            + "| AnalyzeVessels/TrackVessels/TrackVesselsFn | 8.0 |\n"
            + "| C2 CompilerThread0 | 1.0 |\n"
            + "| all Java threads | 9.2 |",
        ThreadCpu.report(ThreadCpu.parse(DUMP_A), ThreadCpu.parse(DUMP_B), 500_000, 2));
  }
}
