package io.seawatch.cli;

import io.seawatch.ops.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch cluster start|stop|status}: the local Flink session cluster. A thin wrapper around
 * {@code runner-configs/bin/flink-cluster}, which users without the jar run directly; the script
 * owns the processes, the config and the state directory. Its other actions (kill-taskmanager,
 * restart-taskmanager) are for the crash test and the benchmarks, not offered here.
 */
@CommandLine.Command(
    name = "cluster",
    sortOptions = false,
    sortSynopsis = false,
    synopsisSubcommandLabel = "ACTION",
    commandListHeading = "%nActions:%n",
    description = "Start, stop or inspect the local Flink session cluster.",
    subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class,
        ClusterCommand.Status.class},
    footer = {
      "",
      "Runs " + ClusterCommand.SCRIPT + ". Ports: SEAWATCH_FLINK_REST_PORT (default 8081) and"
          + " SEAWATCH_FLINK_RPC_PORT (default 6123)."
    })
public final class ClusterCommand implements Callable<Integer> {
  static final String SCRIPT = Repository.FLINK_CLUSTER_SCRIPT;

  @Mixin private HelpOption help;
  @Spec private CommandSpec spec;

  /** No action given. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "give an action: start, stop or status");
  }

  /** One action of the script: its stdout and stderr are ours, and so is its exit code. */
  abstract static class Action implements Callable<Integer> {
    @Mixin private HelpOption help;

    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        description = "Config, logs, checkpoints, savepoints and pid files"
            + " (default: <repository>/.seawatch/flink).")
    private String stateDir;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Seawatch seawatch = Seawatch.of(spec);
      List<String> args = new ArrayList<>();
      args.add(spec.name());
      if (stateDir != null) {
        args.add("--state-dir=" + stateDir);
      }
      return runScript(locate(Repository.searchRoots()), args, seawatch.out, seawatch.err);
    }
  }

  @CommandLine.Command(
      sortOptions = false,
      sortSynopsis = false,
      name = "start",
      description = "Start the JobManager and the TaskManager in the background; wait until the"
          + " TaskManager's slots are registered.")
  static final class Start extends Action {}

  @CommandLine.Command(
      sortOptions = false,
      sortSynopsis = false,
      name = "stop",
      description = "Stop both (SIGTERM, then SIGKILL if they do not end); running jobs stop"
          + " with them (their retained checkpoints stay in DIR/checkpoints).")
  static final class Stop extends Action {}

  @CommandLine.Command(
      sortOptions = false,
      sortSynopsis = false,
      name = "status",
      description = "Processes, slots and jobs; exit status 3 if the JobManager does not answer.")
  static final class Status extends Action {}

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
    throw new CommandFailure(
        "cannot find " + SCRIPT + " under " + roots + "; run seawatch from the repository");
  }
}
