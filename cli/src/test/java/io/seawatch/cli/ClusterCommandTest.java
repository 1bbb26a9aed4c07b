package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ClusterCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void theRepositoryScriptIsFound() {
    // Surefire runs in pipelines/, the repository is its parent.
    Path repo = Path.of("..").toAbsolutePath().normalize();
    assertEquals(
        repo.resolve("runner-configs/bin/flink-cluster"),
        ClusterCommand.locate(List.of(Path.of("").toAbsolutePath(), repo)).normalize());
  }

  @Test
  public void aScriptThatIsNotExecutableIsNotUsed() throws IOException {
    Path root = tmp.newFolder("r").toPath();
    Path script = root.resolve(ClusterCommand.SCRIPT);
    Files.createDirectories(script.getParent());
    Files.writeString(script, "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    CommandFailure e = assertThrows(CommandFailure.class, () -> ClusterCommand.locate(List.of(root)));
    assertEquals(
        "cannot find runner-configs/bin/flink-cluster under [" + root
            + "]; run seawatch from the repository",
        e.getMessage());
  }

  @Test
  public void unknownOrMissingActionIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, Seawatch.run(new String[] {"cluster", "restart"}, silent(), stream(err)));
    assertEquals(
        "seawatch cluster: error: unknown action 'restart': start, stop, status",
        err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    err.reset();
    assertEquals(2, Seawatch.run(new String[] {"cluster"}, silent(), stream(err)));
    assertEquals(
        "seawatch cluster: error: give an action: start, stop or status",
        err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
  }

  @Test
  public void helpListsOnlyTheActionsItAccepts() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, Seawatch.run(new String[] {"cluster", "--help"}, stream(out), silent()));
    String help = out.toString(StandardCharsets.UTF_8);
    // The action list: "  start   Start the JobManager ...".
    assertEquals(
        List.of("start", "stop", "status"),
        help.lines().filter(l -> l.matches("  [a-z-]+ +[A-Z].*"))
            .map(l -> l.trim().split(" ")[0]).toList());
    assertFalse(help, help.contains("taskmanager"));
  }

  private static PrintStream stream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static PrintStream silent() {
    return new PrintStream(OutputStream.nullOutputStream());
  }

  @Test
  public void theScriptWritesToTheGivenStreamsAndItsExitCodeIsOurs() throws Exception {
    Path script = tmp.newFile("script").toPath();
    Files.writeString(script, "#!/bin/sh\necho \"out $1\"\necho \"err $2\" >&2\nexit 3\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ClusterCommand.runScript(
            script,
            List.of("status", "x"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(3, code);
    assertEquals("out status\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("err x\n", err.toString(StandardCharsets.UTF_8));
  }
}
