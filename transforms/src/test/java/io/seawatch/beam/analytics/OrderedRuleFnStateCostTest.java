package io.seawatch.beam.analytics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.analytics.OrderedRuleWorkload.Result;
import io.seawatch.beam.analytics.OrderedRuleWorkload.Shape;
import io.seawatch.beam.testing.SerializedStateInternals.Counts;
import io.seawatch.beam.testing.StatefulDoFnDriver;
import org.junit.Test;

/**
 * What a flush costs in state accesses, counted (not timed) with the step run as a runner runs
 * it: the pending inputs are written about twice each (bag, then slot), however many are pending
 * and however busy the key. Rewriting everything pending on every flush wrote each once per flush
 * while it waited, 60 times at 60 min lateness (docs/benchmarks.md).
 */
public class OrderedRuleFnStateCostTest {
  private static final long LATENESS = 60 * 60_000L;

  @Test
  public void aVesselsInputsAreWrittenTwiceNotOncePerFlush() {
    Result r = OrderedRuleWorkload.run(new Shape(2, 5_000, 150, LATENESS, 0, 0));
    assertCheap(r, 2 * 1_800);
  }

  @Test
  public void aBusyKeyCostsTheSamePerInput() {
    Result r = OrderedRuleWorkload.run(new Shape(1, 500, 150, LATENESS, 0, 0));
    assertCheap(r, 18_000);
  }

  @Test
  public void lateArrivalsJoinTheirSlots() {
    Result r = OrderedRuleWorkload.run(new Shape(2, 5_000, 150, LATENESS, 10, 30 * 60_000L));
    assertCheap(r, 2 * 1_800);
  }

  private static void assertCheap(Result r, long inputs) {
    assertEquals(inputs, r.inputs());
    assertEquals(0, r.keysLeft());
    Counts.Cell process = r.counts().of(StatefulDoFnDriver.PROCESS, OrderedRuleWorkload.PENDING_CELLS);
    Counts.Cell flush = r.counts().of(StatefulDoFnDriver.TIMER, OrderedRuleWorkload.PENDING_CELLS);
    // An input is one bag append, and no read, when it arrives.
    assertEquals(inputs, process.writeOps);
    assertEquals(inputs, process.writtenElements);
    assertEquals(0, process.readOps);
    // The flushes write each input about once more (into its slot) ...
    assertTrue(flush.writtenElements + " elements written", flush.writtenElements <= 2 * inputs);
    // ... read it about twice (from the bag, from its slot) ...
    assertTrue(flush.readElements + " elements read", flush.readElements <= 3 * inputs);
    // ... with a handful of backend calls per flush, not one per pending input.
    assertTrue(flush.writeOps + " writes in " + r.flushes() + " flushes",
        flush.writeOps <= 6 * r.flushes());
  }
}
