package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.seawatch.harness.BenchChurn;
import io.seawatch.harness.BenchScaling;
import io.seawatch.harness.RawIngest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class BenchCommandTest {
  private static final List<String> NO_FLINK = List.of("--skipFlink", "--repo=.");

  @Test
  public void parsesListsAndDefaults() {
    BenchScaling.Settings s = BenchCommand.scalingSettings(List.of("--skipFlink", "--repo=.",
        "--partitions=4,1", "--messages=5000", "--ingestArgs= --maxBundleSize=5000  --x=y ",
        "--flinkRest=http://127.0.0.1:38081/"));
    assertEquals(List.of(4, 1), s.partitions());
    assertEquals(List.of(1, 2), s.parallelisms());
    assertEquals(5000, s.messages());
    assertEquals(2, s.rawThreads());
    assertEquals(List.of("--maxBundleSize=5000", "--x=y"), s.ingestArgs());
    assertEquals("http://127.0.0.1:38081", s.flinkRest());
    assertEquals(0, s.stackSamples());
  }

  @Test
  public void helpIsNoRun() {
    assertNull(BenchCommand.scalingSettings(List.of("--help")));
  }

  @Test
  public void badValuesAreUserErrors() {
    UserError e = assertThrows(UserError.class,
        () -> BenchCommand.scalingSettings(List.of("--skipFlink", "--partitions=1,x")));
    assertEquals("--partitions takes positive whole numbers separated by commas"
        + " (see seawatch bench --help)", e.getMessage());
    e = assertThrows(UserError.class,
        () -> BenchCommand.scalingSettings(List.of("--skipFlink", "--ingestArgs=bounded")));
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
  public void churnSettingsDefaultsAreTheDocumentedRun() {
    BenchChurn.Settings s = BenchCommand.churnSettings(List.of("--repo=."));
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
    assertNull(BenchCommand.churnSettings(List.of("--help")));
  }

  @Test
  public void badChurnSettingsAreUserErrors() {
    UserError e = assertThrows(UserError.class,
        () -> BenchCommand.churnSettings(List.of("--repo=.", "--killAt=1")));
    assertEquals("--killAt takes a share of the lines in [0, 1) (0: no kill)"
        + " (see seawatch bench --help)", e.getMessage());
    e = assertThrows(UserError.class,
        () -> BenchCommand.churnSettings(List.of("--repo=.", "--ingestArgs=analytics")));
    assertEquals("--ingestArgs takes ingest options (--name=value), not 'analytics'"
        + " (see seawatch bench --help)", e.getMessage());
  }
}
