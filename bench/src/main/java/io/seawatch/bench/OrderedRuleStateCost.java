package io.seawatch.bench;

import io.seawatch.beam.analytics.OrderedRuleWorkload;
import io.seawatch.beam.testing.SerializedStateInternals.Counts;
import io.seawatch.beam.testing.StatefulDoFnDriver;

/**
 * State accesses of one ordered-rule step over each workload of {@link OrderedRuleShapes},
 * counted, not timed: the same on any machine. Prints, per input, the writes and reads of the
 * cells that hold pending inputs (separately for {@code @ProcessElement} and the flush timer),
 * and of all cells; then per flush. A write is one backend put/merge/delete; elements are inputs
 * encoded into (or decoded from) state.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.seawatch.bench.OrderedRuleStateCost
 * [workload...]}
 */
public final class OrderedRuleStateCost {
  private OrderedRuleStateCost() {}

  public static void main(String[] args) {
    String[] names = args.length > 0 ? args : OrderedRuleShapes.ALL;
    for (String name : names) {
      long t0 = System.nanoTime();
      OrderedRuleWorkload.Result r = OrderedRuleWorkload.run(OrderedRuleShapes.of(name));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      Counts c = r.counts();
      System.out.printf("%s: %d inputs, %d flushes, %d events, %d keys left, %d ms (one run)%n",
          name, r.inputs(), r.flushes(), r.events(), r.keysLeft(), ms);
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
    }
  }

  private static void row(String what, Counts.Cell cell, long per) {
    System.out.printf("  %-34s %10.2f %10.2f %10.1f %10.2f %10.2f %10.1f%n", what,
        (double) cell.writeOps / per, (double) cell.writtenElements / per,
        (double) cell.writtenBytes / per, (double) cell.readOps / per,
        (double) cell.readElements / per, (double) cell.readBytes / per);
  }
}
