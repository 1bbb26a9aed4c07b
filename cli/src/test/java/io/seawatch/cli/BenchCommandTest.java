package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.seawatch.harness.BenchChurn;
import io.seawatch.harness.BenchLatency;
import io.seawatch.harness.BenchScaling;
import io.seawatch.harness.RawIngest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

public class BenchCommandTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    return Seawatch.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String firstErrLine() {
    return errBytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
  }

  /** The parsed user object of {@code seawatch bench BENCHMARK args...}. */
  private static Object parse(String benchmark, String... args) {
    PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
    CommandLine line = new Seawatch(silent, silent).commandLine();
    String[] all = new String[args.length + 2];
    all[0] = "bench";
    all[1] = benchmark;
    System.arraycopy(args, 0, all, 2, args.length);
    return line.parseArgs(all).subcommand().subcommand().commandSpec().userObject();
  }

  private static BenchScaling.Settings scaling(String... args) {
    return BenchCommand.Scaling.class.cast(parse("scaling", args)).settings();
  }

  private static BenchChurn.Settings churn(String... args) {
    return BenchCommand.Churn.class.cast(parse("churn", args)).settings();
  }

  private static BenchLatency.Settings latency(String... args) {
    return BenchCommand.Latency.class.cast(parse("latency", args)).settings();
  }

  @Test
  public void parsesListsAndDefaults() {
    BenchScaling.Settings s = scaling("--skipFlink", "--repo=.", "--partitions=4,1",
        "--messages=5000", "--ingestArgs= --maxBundleSize=5000  --x=y ",
        "--flinkRest=http://127.0.0.1:38081/");
    assertEquals(List.of(4, 1), s.partitions());
    assertEquals(List.of(1, 2), s.parallelisms());
    assertEquals(5000, s.messages());
    assertEquals(2, s.rawThreads());
    assertEquals(List.of("--maxBundleSize=5000", "--x=y"), s.ingestArgs());
    assertEquals("http://127.0.0.1:38081", s.flinkRest());
    assertEquals(0, s.stackSamples());
    assertEquals(1, s.repeat());
    assertEquals(false, s.operatorCpu());
    BenchScaling.Settings repeated =
        scaling("--skipFlink", "--repo=.", "--repeat=3", "--operatorCpu");
    assertEquals(3, repeated.repeat());
    assertEquals(true, repeated.operatorCpu());
    assertEquals(BenchScaling.Builder.DEFAULT_PARTITIONS, scaling("--skipFlink", "--repo=.").partitions());
  }

  @Test
  public void badValuesAreUsageErrors() {
    ParameterException e = assertThrows(ParameterException.class,
        () -> scaling("--skipFlink", "--partitions=1,0"));
    assertEquals("--partitions takes positive whole numbers separated by commas", e.getMessage());
    e = assertThrows(ParameterException.class,
        () -> scaling("--skipFlink", "--ingestArgs=bounded"));
    assertEquals("--ingestArgs takes ingest options (--name=value), not 'bounded'",
        e.getMessage());
    assertEquals(2, run("bench", "scaling", "--partitions=1,x"));
    assertEquals("seawatch bench scaling: error: Invalid value for option '--partitions'"
        + " (P): 'x' is not an int", firstErrLine());
  }

  @Test
  public void unknownOrMissingBenchmarkIsAUsageError() {
    assertEquals(2, run("bench", "throughput"));
    assertEquals("seawatch bench: error: unknown action 'throughput': scaling, churn-data, churn,"
        + " latency", firstErrLine());
    errBytes.reset();
    assertEquals(2, run("bench"));
    assertEquals("seawatch bench: error: give a benchmark: scaling, churn-data, churn or latency",
        firstErrLine());
  }

  @Test
  public void eachBenchmarkHasItsOwnHelp() {
    assertEquals(0, run("bench", "--help"));
    String bench = out();
    outBytes.reset();
    assertEquals(0, run("bench", "scaling", "--help"));
    String scaling = out();
    outBytes.reset();
    assertEquals(0, run("bench", "churn", "--help"));
    String churn = out();
    outBytes.reset();
    assertEquals(0, run("bench", "latency", "--help"));
    String latency = out();
    assertNotEquals(scaling, churn);
    assertTrue(latency, latency.startsWith("Usage: seawatch bench latency [-h]"));
    assertTrue(latency, latency.contains(
        "\n      --rate=N              Lines per second, sent in 10 ms slices (default:\n"));
    assertTrue(latency, latency.contains("decisions the first 80 % (default: 10)."));
    assertTrue(bench, bench.contains("  latency     How soon alerts follow the input that decides"
        + " them\n"));
    assertNotEquals(bench, scaling);
    assertTrue(scaling, scaling.startsWith("Usage: seawatch bench scaling [-h]"));
    assertTrue(churn, churn.startsWith("Usage: seawatch bench churn [-h]"));
    assertTrue(scaling, scaling.contains(
        "\n      --partitions=P[,P...] Partition counts (default: 1,2,4).\n"));
    assertTrue(churn, churn.contains(
        "\n      --partitions=P        Partitions of a new topic (default: 2).\n"));
    assertTrue(churn, churn.contains("\n      --killAt=F            Kill the TaskManager at"));
  }

  @Test
  public void churnDataWritesTheGeneratorsLines() throws Exception {
    Path file = Files.createTempFile("churn", ".nmea");
    try {
      assertEquals(0, run("bench", "churn-data", "--out=" + file, "--vessels=5",
          "--arrivalsPerSecond=2", "--reports=3", "--intervalSeconds=60", "--trailerMinutes=2"));
      assertEquals("wrote " + file + ": 17 lines, about 5 vessels active at a time\n",
          out().replace(System.lineSeparator(), "\n"));
      List<String> lines = Files.readAllLines(file);
      assertEquals(17, lines.size());
      // Every line decodes to a position of the pipeline.
      for (String line : lines) {
        assertTrue(line, RawIngest.position(line, -1) != null);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  public void churnSettingsDefaultsAreTheDocumentedRun() {
    BenchChurn.Settings s = churn("--repo=.");
    assertEquals(1_000_000, s.vessels());
    assertEquals(5, s.arrivalsPerSecond());
    assertEquals(1, s.reports());
    assertEquals(1800, s.trailerMinutes());
    assertEquals(2, s.partitions());
    assertEquals(0.6, s.killAt(), 0);
    assertEquals(List.of("--segmentMaxGapMinutes=60", "--geofenceTimeoutMinutes=60"),
        s.ingestArgs());
    assertEquals(Duration.ofMinutes(31 * 60 + 6), s.hold());
    assertEquals(1_001_800, s.generator().lines());
  }

  @Test
  public void badChurnSettingsAreUsageErrors() {
    ParameterException e = assertThrows(ParameterException.class,
        () -> churn("--repo=.", "--killAt=1"));
    assertEquals("--killAt takes a share of the lines in [0, 1) (0: no kill)", e.getMessage());
    e = assertThrows(ParameterException.class,
        () -> churn("--repo=.", "--ingestArgs=analytics"));
    assertEquals("--ingestArgs takes ingest options (--name=value), not 'analytics'",
        e.getMessage());
  }

  @Test
  public void latencySettingsDefaultsAreTheHarnesss() {
    BenchLatency.Settings s = latency("--repo=.");
    assertEquals(BenchLatency.Builder.DEFAULT_RATE, s.rate());
    assertEquals(10_000, s.rate());
    assertEquals(120, s.seconds());
    assertEquals(2, s.partitions());
    assertEquals(2, s.parallelism());
    assertEquals(10, s.eventHours());
    assertEquals(100, s.probesPerKind());
    assertEquals(360, s.gapThresholdMinutes());
    assertEquals(240, s.loiterMinDurationMinutes());
    assertEquals(60, s.settleSeconds());
    assertEquals(List.of(), s.ingestArgs());
    assertTrue(s.restartTaskManager());
    s = latency("--repo=.", "--rate=2000", "--seconds=30", "--partitions=4", "--parallelism=1",
        "--eventHours=3", "--gapThresholdMinutes=60", "--loiterMinDurationMinutes=30",
        "--ingestArgs=--maxBundleTimeMills=100", "--keepTaskManager", "--settleSeconds=0",
        "--flinkRest=http://127.0.0.1:38081/");
    assertEquals(2000, s.rate());
    assertEquals(60_000, s.lines());
    assertEquals(4, s.partitions());
    assertEquals(1, s.parallelism());
    assertEquals(List.of("--maxBundleTimeMills=100"), s.ingestArgs());
    assertEquals("http://127.0.0.1:38081", s.flinkRest());
    assertEquals(false, s.restartTaskManager());
  }

  @Test
  public void badLatencySettingsAreUsageErrors() {
    ParameterException e = assertThrows(ParameterException.class,
        () -> latency("--repo=.", "--rate=0"));
    assertEquals("--rate must be a positive whole number, not '0'", e.getMessage());
    e = assertThrows(ParameterException.class, () -> latency("--repo=.", "--probesPerKind=501"));
    assertEquals("--probesPerKind must be in [1, 500], not '501'", e.getMessage());
    e = assertThrows(ParameterException.class,
        () -> latency("--repo=.", "--ingestArgs=provisional"));
    assertEquals("--ingestArgs takes ingest options (--name=value), not 'provisional'",
        e.getMessage());
    assertEquals(2, run("bench", "latency", "--seconds=x"));
    assertEquals("seawatch bench latency: error: Invalid value for option '--seconds':"
        + " 'x' is not an int", firstErrLine());
  }
}
