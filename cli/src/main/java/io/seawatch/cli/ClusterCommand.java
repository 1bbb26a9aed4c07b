package io.seawatch.cli;

import io.seawatch.ops.RunnerProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code seawatch cluster start|stop|status}: the local Flink session cluster. A thin wrapper around
 * {@code runner-configs/bin/flink-cluster}, which users without the jar run directly; the script
 * owns the processes, the config and the state directory.
 */
public final class ClusterCommand implements Command {
  static final String SCRIPT = RunnerProfiles.DIR + "/bin/flink-cluster";
  private static final Set<String> ACTIONS = Set.of("start", "stop", "status");

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public String summary() {
    return "Start, stop or inspect the local Flink session cluster (start | stop | status)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty() || !ACTIONS.contains(args.get(0)) && !Seawatch.isHelp(args.get(0))) {
      throw new UserError(
          (args.isEmpty() ? "give an action" : "unknown action '" + args.get(0) + "'")
              + ": start, stop or status (see seawatch cluster --help)");
    }
    return runScript(locate(RunnerProfiles.searchRoots()), args, out, err);
  }

  /**
   * Runs the script with these arguments, copying its stdout to {@code out} and its stderr to
   * {@code err}; its exit code is ours. The Flink processes it starts write to their own log files,
   * so both pipes end when the script does.
   */
  static int runScript(Path script, List<String> args, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    Thread errCopy = new Thread(() -> copy(process.getErrorStream(), err), "cluster-stderr");
    errCopy.start();
    copy(process.getInputStream(), out);
    errCopy.join();
    return process.waitFor();
  }

  private static void copy(InputStream from, PrintStream to) {
    try (from) {
      from.transferTo(to);
    } catch (IOException e) {
      to.println("seawatch cluster: lost the script's output: " + e.getMessage());
    }
    to.flush();
  }

  static Path locate(List<Path> roots) {
    for (Path root : roots) {
      Path script = root.resolve(SCRIPT);
      if (Files.isExecutable(script)) {
        return script;
      }
    }
    throw new UserError(
        "cannot find " + SCRIPT + " under " + roots + "; run seawatch from the repository");
  }
}
