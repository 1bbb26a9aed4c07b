package io.seawatch.bench;

import io.seawatch.beam.analytics.OrderedRuleWorkload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of one ordered-rule step ({@code DetectGapsFn}) over a whole workload of
 * {@link OrderedRuleShapes} (43,200 inputs each), state kept encoded as RocksDB keeps it (coder
 * work counted, RocksDB's own not). One operation is one whole workload; divide by the inputs for
 * time per input. The machine-independent numbers are {@link OrderedRuleStateCost}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class OrderedRuleBenchmark {
  @Param({OrderedRuleShapes.FLEET, OrderedRuleShapes.HOT_KEY, OrderedRuleShapes.SATELLITE})
  public String workload;

  @Benchmark
  public OrderedRuleWorkload.Result run() {
    return OrderedRuleWorkload.run(OrderedRuleShapes.of(workload));
  }
}
