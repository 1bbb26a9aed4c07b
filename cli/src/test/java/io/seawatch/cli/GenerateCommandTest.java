package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.seawatch.testdata.GeneratedFleet;
import io.seawatch.testdata.LineFiles;
import io.seawatch.testdata.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GenerateCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    return Seawatch.run(
        args,
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void writesTheTinyFleetGzippedAndPrintsItsManifest() throws Exception {
    Path file = tmp.getRoot().toPath().resolve("fleet.nmea.gz");
    assertEquals(0, run("generate", "--out=" + file, "--vessels=10", "--minutes=10", "--seed=42",
        "--corrupt=0.01"));
    GeneratedFleet tiny = Scenarios.tinyFleet();
    assertEquals(tiny.lines(), LineFiles.read(file));
    List<String> expected = new ArrayList<>();
    expected.add("wrote " + file);
    expected.addAll(tiny.manifest().summary());
    assertEquals(String.join(System.lineSeparator(), expected) + System.lineSeparator(), out());
    assertTrue(out().contains(System.lineSeparator() + "lines: 964" + System.lineSeparator()));
    assertEquals("", err());
  }

  @Test
  public void decimalHoursAndAPlainFile() throws Exception {
    Path file = tmp.getRoot().toPath().resolve("out/fleet.nmea");
    assertEquals(0, run("generate", "--out=" + file, "--vessels=3", "--hours=0.1",
        "--corrupt=0"));
    List<String> lines = LineFiles.read(file);
    assertTrue(out().contains(System.lineSeparator() + "lines: " + lines.size()
        + System.lineSeparator()));
    assertTrue(out().contains("last event time: 2024-06-01T00:05:59Z"));
    assertTrue(out().contains("corrupt lines: 0"));
  }

  @Test
  public void scenariosAreMergedInAndListedWithTheirExpectedEvents() throws Exception {
    Path file = tmp.getRoot().toPath().resolve("fleet.nmea");
    assertEquals(0, run("generate", "--out=" + file, "--vessels=10", "--minutes=10",
        "--scenarios=true"));
    List<String> lines = LineFiles.read(file);
    assertEquals(Scenarios.tinyFleet().lines().size() + 424, lines.size());
    assertTrue(out().contains("scenario feed-stall: lines 145, MMSIs 4, expected events"
        + " {GAP=3, SEGMENT=4}"));
    assertTrue(out().contains("scenario events expected: {ENCOUNTER=1, GAP=4, GEOFENCE_ENTRY=1,"
        + " GEOFENCE_EXIT=1, LOITERING=1, PORT_VISIT=1, SEGMENT=14, SPOOFED_JUMP=2}"));
    assertEquals(2, run("generate", "--out=x.nmea", "--scenarios=yes"));
  }

  @Test
  public void scenariosIsABooleanFlagInBothForms() throws Exception {
    Path withFlag = tmp.getRoot().toPath().resolve("flag.nmea");
    Path without = tmp.getRoot().toPath().resolve("false.nmea");
    assertEquals(0, run("generate", "--out=" + withFlag, "--vessels=10", "--minutes=10",
        "--scenarios"));
    assertEquals(0, run("generate", "--out=" + without, "--vessels=10", "--minutes=10",
        "--scenarios=false"));
    assertEquals(Scenarios.tinyFleet().lines().size() + 424, LineFiles.read(withFlag).size());
    assertEquals(Scenarios.tinyFleet().lines(), LineFiles.read(without));
  }

  @Test
  public void missingOutIsAUsageErrorWithTheSynopsis() {
    assertEquals(2, run("generate", "--vessels=3"));
    assertEquals(
        String.join(System.lineSeparator(),
            "seawatch generate: error: Missing required option: '--out=FILE'",
            "Usage: seawatch generate [-h] --out=FILE [--vessels=N] [--seed=S]",
            "                         [--corrupt=SHARE] [--scenarios[=true|false]] [--verbose",
            "                         [=true|false]] [--hours=H | --minutes=M]",
            "See 'seawatch generate --help'.",
            ""),
        err());
  }

  @Test
  public void badValuesAreUsageErrors() {
    assertEquals(2, run("generate", "--out=x.nmea", "--vessels=many"));
    assertEquals(2, run("generate", "--out=x.nmea", "--corrupt=1.5"));
    assertEquals(2, run("generate", "--out=x.nmea", "--hours=1", "--minutes=5"));
    assertEquals(2, run("generate", "--out=x.nmea", "--colour=blue"));
    assertEquals(2, run("generate", "--out=x.nmea", "--minutes=0"));
    assertEquals(
        List.of(
            "seawatch generate: error: Invalid value for option '--vessels': 'many' is not an int",
            "seawatch generate: error: --corrupt must be in [0, 1): 1.5",
            "seawatch generate: error: --hours=H, --minutes=M are mutually exclusive (specify"
                + " only one)",
            "seawatch generate: error: unknown option '--colour'",
            "seawatch generate: error: --minutes must be at least one second and at most 366"
                + " days: 0.0"),
        err().lines().filter(l -> l.startsWith("seawatch ")).toList());
  }

  @Test
  public void helpListsTheOptionsWithTheirDefaults() {
    assertEquals(0, run("generate", "--help"));
    assertTrue(out(), out().startsWith("Usage: seawatch generate [-h] --out=FILE [--vessels=N]"));
    assertTrue(out(), out().contains("--vessels=N       Number of vessels (default: 200)."));
    assertTrue(out(), out().contains("--corrupt=SHARE   Share of corrupt lines, 0 <= SHARE < 1"
        + " (default: 0.01)."));
    assertTrue(out(), out().contains("--hours=H         Duration in hours, decimals allowed"
        + " (default: 2)."));
  }
}
