package io.seawatch.bench;

import io.seawatch.beam.analytics.OrderedRuleWorkload;
import io.seawatch.beam.testing.SerializedStateInternals.Counts;
import io.seawatch.beam.testing.StatefulDoFnDriver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * State accesses of one ordered-rule step over each workload of {@link OrderedRuleShapes},
 * counted, not timed: the same on any machine. Prints, per input, the writes and reads of the
 * cells that hold pending inputs (separately for {@code @ProcessElement} and the flush timer),
 * and of all cells; then per flush, and the totals per phase and state id. A write is one backend
 * put/merge/delete; elements are inputs encoded into (or decoded from) state.
 *
 * <p>With {@code --cpu}, each workload is then run {@value #WARMUP} + {@value #ROUNDS} more times
 * and the median thread CPU time of the last {@value #ROUNDS} is printed: on a shared machine,
 * time spent descheduled does not count ({@link OrderedRuleBenchmark} gives the wall time).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.seawatch.bench.OrderedRuleStateCost [--cpu]
 * [workload...]}
 */
public final class OrderedRuleStateCost {
  private static final int WARMUP = 3;
  private static final int ROUNDS = 7;

  private OrderedRuleStateCost() {}

  public static void main(String[] args) {
    boolean cpu = Arrays.asList(args).contains("--cpu");
    String[] names = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
    for (String name : names.length > 0 ? names : OrderedRuleShapes.ALL) {
      OrderedRuleWorkload.Result r = OrderedRuleWorkload.run(OrderedRuleShapes.of(name));
      Counts c = r.counts();
      System.out.printf("%s: %d inputs, %d flushes, %d events, %d keys left%n",
          name, r.inputs(), r.flushes(), r.events(), r.keysLeft());
      System.out.printf("  %-34s %10s %10s %10s %10s %10s %10s%n", "per input", "write ops",
          "elem wr", "bytes wr", "read ops", "elem rd", "bytes rd");
      row("pending cells, process", c.of(StatefulDoFnDriver.PROCESS,
          OrderedRuleWorkload.PENDING_CELLS), r.inputs());
      row("pending cells, flush", c.of(StatefulDoFnDriver.TIMER,
          OrderedRuleWorkload.PENDING_CELLS), r.inputs());
      row("pending cells, total", c.of(null, OrderedRuleWorkload.PENDING_CELLS), r.inputs());
      row("all cells, total", c.of(null), r.inputs());
      System.out.printf("  %-34s%n", "per flush");
      row("pending cells, flush", c.of(StatefulDoFnDriver.TIMER,
          OrderedRuleWorkload.PENDING_CELLS), r.flushes());
      row("all cells, flush", c.of(StatefulDoFnDriver.TIMER), r.flushes());
      c.byPhase().forEach((phase, cells) -> cells.forEach((id, cell) ->
          System.out.printf("    %-8s %-10s writes %9d (%10d elements, %11d bytes)  reads %9d "
              + "(%10d elements, %11d bytes)%n", phase, id, cell.writeOps,
              cell.writtenElements, cell.writtenBytes, cell.readOps, cell.readElements,
              cell.readBytes)));
      if (cpu) {
        double ms = cpuMillis(name);
        System.out.printf("  cpu per run (median of %d after %d warm-up runs): %.0f ms, %.1f us"
            + " per input%n", ROUNDS, WARMUP, ms, ms * 1000 / r.inputs());
      }
    }
  }

  private static double cpuMillis(String name) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARMUP; i++) {
      OrderedRuleWorkload.run(OrderedRuleShapes.of(name));
    }
    double[] ms = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = mx.getCurrentThreadCpuTime();
      OrderedRuleWorkload.run(OrderedRuleShapes.of(name));
      ms[i] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[ROUNDS / 2];
  }

  private static void row(String what, Counts.Cell cell, long per) {
    System.out.printf("  %-34s %10.2f %10.2f %10.1f %10.2f %10.2f %10.1f%n", what,
        (double) cell.writeOps / per, (double) cell.writtenElements / per,
        (double) cell.writtenBytes / per, (double) cell.readOps / per,
        (double) cell.readElements / per, (double) cell.readBytes / per);
  }
}
