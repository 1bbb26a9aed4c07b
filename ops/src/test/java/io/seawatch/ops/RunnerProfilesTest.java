package io.seawatch.ops;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunnerProfilesTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static Map<String, String> parse(String text) {
    return RunnerProfiles.parse(
        new StringReader(text), "test.properties", name -> name.equals("home") ? "/h" : null);
  }

  @Test
  public void parseKeepsFileOrderAndReplacesVariables() {
    Map<String, String> options =
        parse("# comment\nrunner=FlinkRunner\nparallelism = 2 \npath=file://${home}/cp\n");
    assertEquals(
        List.of("runner", "parallelism", "path"), List.copyOf(options.keySet()));
    assertEquals(
        Map.of("runner", "FlinkRunner", "parallelism", "2", "path", "file:///h/cp"), options);
  }

  @Test
  public void unknownVariableIsAOperatorError() {
    OperatorError e = assertThrows(OperatorError.class, () -> parse("path=${nope}/x\n"));
    assertEquals(
        "runner config test.properties: path uses ${nope}, which is not a Java system property",
        e.getMessage());
  }

  @Test
  public void keyWithDashesIsAOperatorError() {
    OperatorError e = assertThrows(OperatorError.class, () -> parse("--runner=FlinkRunner\n"));
    assertEquals(
        "runner config test.properties: '--runner' is not an option name", e.getMessage());
  }

  @Test
  public void commandLineWinsOverProfile() {
    List<String> merged =
        RunnerProfiles.merge(
            List.of("--parallelism=4", "--streaming", "--input=f"),
            parse("runner=FlinkRunner\nparallelism=2\nstreaming=false\n"));
    assertEquals(
        List.of("--parallelism=4", "--streaming", "--input=f", "--runner=FlinkRunner"), merged);
  }

  @Test
  public void argsWithoutProfileAreReturnedAsTheyAre() {
    List<String> args = List.of("--input=f", "--runner=FlinkRunner");
    assertSame(args, RunnerProfiles.expand(args, new PrintStream(new ByteArrayOutputStream())));
  }

  @Test
  public void runnerConfigFileIsExpanded() throws IOException {
    Path file = tmp.newFile("p.properties").toPath();
    Files.writeString(file, "runner=FlinkRunner\nparallelism=2\n", StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> expanded =
        RunnerProfiles.expand(
            List.of("--input=f", "--runnerConfig=" + file, "--parallelism=1"),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(List.of("--input=f", "--parallelism=1", "--runner=FlinkRunner"), expanded);
    assertEquals(
        "runner config " + file + ": 1 of 2 options applied (the command line sets the others)\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void twoProfilesAreAOperatorError() {
    OperatorError e =
        assertThrows(
            OperatorError.class,
            () ->
                RunnerProfiles.expand(
                    List.of("--profile=direct", "--runnerConfig=x"), System.out));
    assertEquals("give one --profile or --runnerConfig", e.getMessage());
  }

  @Test
  public void profileIsFoundUnderTheFirstRootThatHasIt() throws IOException {
    Path a = tmp.newFolder("a").toPath();
    Path b = tmp.newFolder("b").toPath();
    Files.createDirectories(b.resolve("runner-configs"));
    Path file = b.resolve("runner-configs").resolve("fast.properties");
    Files.writeString(file, "runner=DirectRunner\n", StandardCharsets.UTF_8);
    assertEquals(file, RunnerProfiles.locate("fast", List.of(a, b)));
  }

  @Test
  public void unknownProfileListsTheKnownOnes() throws IOException {
    Path a = tmp.newFolder("a").toPath();
    Files.createDirectories(a.resolve("runner-configs"));
    Files.writeString(a.resolve("runner-configs/direct.properties"), "", StandardCharsets.UTF_8);
    OperatorError e =
        assertThrows(OperatorError.class, () -> RunnerProfiles.locate("flink", List.of(a)));
    assertThat(e.getMessage(), containsString("no runner profile 'flink'"));
    assertThat(e.getMessage(), containsString("(known: direct)"));
  }

  @Test
  public void profileNameCannotLeaveTheFolder() {
    OperatorError e =
        assertThrows(
            OperatorError.class, () -> RunnerProfiles.locate("../etc/passwd", List.of(Path.of("."))));
    assertEquals("--profile=../etc/passwd is not a profile name", e.getMessage());
  }
}
