package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * The built seawatch.jar through its launcher, from another directory: the version in the jar's
 * manifest, and the command list.
 */
public class SeawatchJarIT {
  // Failsafe runs in cli/; the repository is its parent.
  private static final Path LAUNCHER =
      Path.of("..", "runner-configs", "bin", "seawatch").toAbsolutePath().normalize();

  private record Result(int code, String out, String err) {}

  private static Result seawatch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out, err);
  }

  @Test
  public void versionIsTheBuildsVersion() throws Exception {
    Result r = seawatch("--version");
    assertEquals(r.err(), 0, r.code());
    assertEquals("seawatch " + System.getProperty("seawatch.version") + "\n", r.out());
  }

  @Test
  public void helpListsTheCommands() throws Exception {
    Result r = seawatch("--help");
    assertEquals(r.err(), 0, r.code());
    assertTrue(r.out(), r.out().startsWith("Usage: seawatch [-hV] [--verbose[=true|false]] COMMAND\n"));
    assertTrue(r.out(), r.out().contains(
        "\n  cluster    Start, stop or inspect the local Flink session cluster.\n"));
  }
}
