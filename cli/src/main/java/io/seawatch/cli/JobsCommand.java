package io.seawatch.cli;

import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.OperatorError;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code seawatch jobs}: the jobs of the Flink session cluster and their last checkpoint. */
public final class JobsCommand implements Command {
  @Override
  public String name() {
    return "jobs";
  }

  @Override
  public String summary() {
    return "List the jobs of the Flink session cluster with their checkpoints";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Flags flags = Flags.parse(name(), args, Set.of("flinkRest"), Set.of("help"));
    if (flags.has("help")) {
      out.println("Usage: seawatch jobs [--flinkRest=URL]   (default " + FlinkRest.DEFAULT_URL + ")");
      out.println("Every job of the cluster, newest first: id, state, name and checkpoints.");
      return 0;
    }
    try {
      FlinkRest flink = new FlinkRest(flags.string("flinkRest", FlinkRest.DEFAULT_URL));
      flink.requireReachable();
      StatusCommand.printJobs(flink, out);
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
    return 0;
  }
}
