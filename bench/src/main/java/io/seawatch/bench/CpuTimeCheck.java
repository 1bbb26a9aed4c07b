package io.seawatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A companion to the JMH numbers for a shared machine: the same passes as {@link
 * DecoderBenchmark}, timed with the thread's CPU time instead of the wall clock, so that time
 * spent descheduled by other processes does not count. Prints sentences per CPU-second (median,
 * min and max of {@link #ROUNDS} rounds of {@link #PASSES} passes, after {@link #WARMUP} passes).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.seawatch.bench.CpuTimeCheck [benchmark...]}
 */
public final class CpuTimeCheck {
  private static final int WARMUP = 20;
  private static final int ROUNDS = 7;
  private static final int PASSES = 5;
  private static final String[] ALL = {
    "seawatchParseOnly", "seawatchDecode", "seawatchDecodeToJson", "aislibParseOnly", "aislibDecode"
  };

  private CpuTimeCheck() {}

  public static void main(String[] args) {
    Blackhole bh = new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] benchmarks = args.length > 0 ? args : ALL;
    System.out.printf("%-22s %-6s %14s %14s %14s%n", "benchmark", "corpus", "median/cpu-s",
        "min", "max");
    for (String corpus : new String[] {Corpus.MIXED, Corpus.CLEAN, Corpus.BARE}) {
      String[] lines = Corpus.lines(corpus);
      for (String b : benchmarks) {
        for (int i = 0; i < WARMUP; i++) {
          run(b, lines, bh);
        }
        double[] rate = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
          long t0 = mx.getCurrentThreadCpuTime();
          for (int i = 0; i < PASSES; i++) {
            run(b, lines, bh);
          }
          long t1 = mx.getCurrentThreadCpuTime();
          rate[r] = (double) PASSES * lines.length / ((t1 - t0) / 1e9);
        }
        Arrays.sort(rate);
        System.out.printf("%-22s %-6s %14.0f %14.0f %14.0f%n", b, corpus, rate[ROUNDS / 2],
            rate[0], rate[ROUNDS - 1]);
      }
    }
  }

  private static long run(String benchmark, String[] lines, Blackhole bh) {
    switch (benchmark) {
      case "seawatchParseOnly":
        return SeawatchRun.parseOnly(lines, bh);
      case "seawatchDecode":
        return SeawatchRun.decode(lines, bh);
      case "seawatchDecodeToJson":
        return SeawatchRun.decodeToJson(lines, bh);
      case "aislibParseOnly":
        return AislibRun.parseOnly(lines, bh);
      case "aislibDecode":
        return AislibRun.decode(lines, bh);
      default:
        throw new IllegalArgumentException("unknown benchmark: " + benchmark);
    }
  }
}
