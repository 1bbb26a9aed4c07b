package io.seawatch.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoder throughput on one thread, in sentences (corpus lines, corrupt ones included) per
 * second: each invocation runs over the whole {@link Corpus} of {@link Corpus#LINES} lines. Run
 * with {@code -prof gc} for {@code gc.alloc.rate.norm}, the bytes allocated per sentence.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class DecoderBenchmark {
  @Param({Corpus.MIXED, Corpus.CLEAN, Corpus.BARE})
  public String corpus;

  private String[] lines;

  @Setup(Level.Trial)
  public void load() {
    lines = Corpus.lines(corpus);
  }

  /** Seawatch: NmeaSentence.parse of every line (checksums, tag block, fields) only. */
  @Benchmark
  @OperationsPerInvocation(Corpus.LINES)
  public long seawatchParseOnly(Blackhole bh) {
    return SeawatchRun.parseOnly(lines, bh);
  }

  /** Seawatch: parse + reassemble + decode + read the fields. */
  @Benchmark
  @OperationsPerInvocation(Corpus.LINES)
  public long seawatchDecode(Blackhole bh) {
    return SeawatchRun.decode(lines, bh);
  }

  /** Seawatch: parse + reassemble + decode + gpsd JSON of every message. */
  @Benchmark
  @OperationsPerInvocation(Corpus.LINES)
  public long seawatchDecodeToJson(Blackhole bh) {
    return SeawatchRun.decodeToJson(lines, bh);
  }

  /** AisLib: sentence parse + multipart collection (de-armors as it goes), no message decode. */
  @Benchmark
  @OperationsPerInvocation(Corpus.LINES)
  public long aislibParseOnly(Blackhole bh) {
    return AislibRun.parseOnly(lines, bh);
  }

  /** AisLib: the same work as {@link #seawatchDecode}. */
  @Benchmark
  @OperationsPerInvocation(Corpus.LINES)
  public long aislibDecode(Blackhole bh) {
    return AislibRun.decode(lines, bh);
  }
}
