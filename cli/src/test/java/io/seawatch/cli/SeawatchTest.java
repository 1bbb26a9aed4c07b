package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.Test;
import picocli.CommandLine;

/** The command tree: help, version, exit codes and one-line errors, for every command. */
public class SeawatchTest {
  private static final String JOB = "0123456789abcdef0123456789abcdef";

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private int run(String... args) {
    return Seawatch.run(args, out, err);
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private List<String> errLines() {
    return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  public void helpListsEveryCommandWithItsSummary() {
    assertEquals(0, run("--help"));
    List<String> commands =
        out().lines()
            .dropWhile(l -> !l.equals("Commands:"))
            .skip(1)
            .filter(l -> l.matches("  [a-z]+ +\\S.*"))
            .map(l -> l.trim().split(" ")[0])
            .toList();
    assertEquals(
        List.of("decode", "generate", "replay", "ingest", "migrate", "postgres", "tables",
            "geofences", "cluster", "submit", "jobs", "stop", "status", "crashtest", "bench",
            "help"),
        commands);
    assertTrue(out(), out().contains(
        "  decode     Decode NMEA AIS sentences to gpsd-style JSON lines.\n"));
    assertTrue(out(), out().contains(
        "  jobs       List the jobs of the Flink session cluster with their checkpoints\n"));
    assertEquals(List.of(), errLines());
  }

  @Test
  public void noCommandIsAUsageError() {
    assertEquals(2, run());
    assertEquals("", out());
    assertEquals("Usage: seawatch [-hV] [--verbose[=true|false]] COMMAND", errLines().get(0));
  }

  @Test
  public void versionComesFromTheJarManifest() {
    assertEquals(0, run("--version"));
    // Tests run from target/classes: no manifest (SeawatchJarIT checks the jar's).
    assertEquals("seawatch (development build: not run from seawatch.jar)\n", out());
    outBytes.reset();
    assertEquals(0, run("-V"));
    assertEquals("seawatch (development build: not run from seawatch.jar)\n", out());
  }

  @Test
  public void unknownCommandIsAUsageErrorWithASuggestion() {
    assertEquals(2, run("decod", "x.nmea"));
    assertEquals(
        List.of(
            "seawatch: error: unknown command 'decod'",
            "Did you mean: seawatch decode?",
            "Usage: seawatch [-hV] [--verbose[=true|false]] COMMAND",
            "See 'seawatch --help'."),
        errLines());
  }

  @Test
  public void verboseIsSeawatchsAndAUsageErrorHasNoStackTrace() {
    // --verbose is seawatch's (inherited) and does not take the job id for its value.
    assertEquals(2, run("stop", "--verbose", JOB, "--cancel", "--drain"));
    assertEquals(
        List.of(
            "seawatch stop: error: --cancel takes no savepoint: leave out --drain and"
                + " --savepointDir",
            "Usage: seawatch stop [-h] [--flinkRest=URL] [--drain[=true|false]]"),
        errLines().subList(0, 2));
  }

  @Test
  public void everyCommandAndActionHasItsOwnHelp() {
    for (String[] command : List.of(new String[] {"decode"}, new String[] {"generate"},
        new String[] {"replay"}, new String[] {"ingest"}, new String[] {"migrate"},
        new String[] {"postgres"}, new String[] {"postgres", "url"},
        new String[] {"postgres", "start"}, new String[] {"postgres", "stop"},
        new String[] {"postgres", "status"}, new String[] {"tables"}, new String[] {"geofences"},
        new String[] {"cluster"}, new String[] {"submit"}, new String[] {"jobs"},
        new String[] {"stop"}, new String[] {"status"}, new String[] {"crashtest"},
        new String[] {"bench"}, new String[] {"bench", "scaling"},
        new String[] {"bench", "churn-data"}, new String[] {"bench", "churn"},
        new String[] {"bench", "latency"})) {
      outBytes.reset();
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      assertEquals(String.join(" ", args), 0, run(args));
      String name = "seawatch " + String.join(" ", command);
      assertTrue(out(), out().startsWith("Usage: " + name + " "));
      outBytes.reset();
      String[] helpCommand = new String[command.length + 1];
      helpCommand[0] = "help";
      System.arraycopy(command, 0, helpCommand, 1, command.length);
      if (command.length == 1) {
        assertEquals(0, run(helpCommand));
        assertTrue(out(), out().startsWith("Usage: " + name + " "));
      }
    }
  }

  /** A command that fails as nobody expected. */
  @CommandLine.Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("boom", new IOException("disk"));
    }
  }

  private int runWithBoom(String... args) {
    Seawatch seawatch = new Seawatch(out, err);
    CommandLine line = seawatch.commandLine();
    line.addSubcommand(new Boom());
    return line.execute(args);
  }

  @Test
  public void anUnexpectedErrorIsOneLineAndItsStackTraceOnlyWithVerbose() {
    assertEquals(1, runWithBoom("boom"));
    assertEquals(
        List.of("seawatch boom: failed: java.lang.IllegalStateException: boom;"
            + " cause: java.io.IOException: disk (--verbose shows the stack trace)"),
        errLines());
    errBytes.reset();
    assertEquals(1, runWithBoom("--verbose=false", "boom"));
    assertEquals(1, errLines().size());
    errBytes.reset();
    assertEquals(1, runWithBoom("--verbose", "boom"));
    assertEquals(
        "seawatch boom: failed: java.lang.IllegalStateException: boom;"
            + " cause: java.io.IOException: disk",
        errLines().get(0));
    assertEquals("java.lang.IllegalStateException: boom", errLines().get(1));
    assertTrue(errLines().get(2),
        errLines().get(2).startsWith("\tat io.seawatch.cli.SeawatchTest$Boom.call("));
  }
}
