package io.seawatch.pipelines;

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
    if (args.isEmpty() || !ACTIONS.contains(args.get(0)) && !isHelp(args.get(0))) {
      throw new UserError(
          (args.isEmpty() ? "give an action" : "unknown action '" + args.get(0) + "'")
              + ": start, stop or status (see seawatch cluster --help)");
    }
    Path script = locate(RunnerProfiles.searchRoots());
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(args);
    // The script prints its own progress and errors; its exit code is ours.
    Process process = new ProcessBuilder(command).inheritIO().start();
    return process.waitFor();
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

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }
}
