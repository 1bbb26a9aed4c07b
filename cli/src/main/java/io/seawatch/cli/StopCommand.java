package io.seawatch.cli;

import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.SessionJobs;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code seawatch stop JOB_ID}: stops a job of the session cluster with a savepoint and prints
 * where it is, so a new build can resume from it ({@code seawatch submit --fromSavepoint=PATH}).
 * {@code --cancel} cancels without a savepoint (the retained checkpoints stay).
 */
public final class StopCommand implements Command {
  static final String SAVEPOINT_PREFIX = "stop: savepoint ";

  @Override
  public String name() {
    return "stop";
  }

  @Override
  public String summary() {
    return "Stop a Flink job with a savepoint (prints its path) or cancel it";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    List<String> positional = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String a : args) {
      (a.startsWith("-") ? options : positional).add(a);
    }
    Flags flags = Flags.parse(name(), options,
        Set.of("flinkRest", "savepointDir", "timeoutSeconds"), Set.of("cancel", "drain", "help"));
    if (flags.has("help")) {
      usage(out);
      return 0;
    }
    if (positional.size() != 1) {
      throw flags.error(positional.isEmpty() ? "give the job id (seawatch jobs lists them)"
          : "give one job id, not " + positional.size());
    }
    String jobId = positional.get(0);
    if (!FlinkRest.isJobId(jobId)) {
      throw flags.error("'" + jobId + "' is not a Flink job id (32 hex digits; seawatch jobs)");
    }
    if (flags.has("cancel") && (flags.has("drain") || flags.has("savepointDir"))) {
      throw flags.error("--cancel takes no savepoint: leave out --drain and --savepointDir");
    }
    int timeout = flags.positiveInt("timeoutSeconds", 360);
    try {
      FlinkRest flink = new FlinkRest(flags.string("flinkRest", FlinkRest.DEFAULT_URL));
      if (flags.has("cancel")) {
        SessionJobs.cancel(flink, jobId);
        out.println("stop: cancelled job " + jobId + " (no savepoint; its retained checkpoints"
            + " stay in the cluster's checkpoint directory)");
        return 0;
      }
      String location = SessionJobs.stopWithSavepoint(flink, jobId, flags.has("drain"),
          flags.string("savepointDir", null), Duration.ofSeconds(timeout),
          LinePrefix.of(out, "stop: "));
      out.println("stop: job " + jobId + " stopped");
      out.println(SAVEPOINT_PREFIX + location);
      out.println("stop: next: resume a new build from it with the same options:");
      out.println("  seawatch submit --fromSavepoint=" + location + " --flinkMaster="
          + flink.master() + " --bootstrapServers=... --topic=... --jdbcUrl=...");
      return 0;
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static void usage(PrintStream out) {
    out.println(String.join("\n",
        "Usage: seawatch stop JOB_ID [--flinkRest=URL] [--drain] [--savepointDir=DIR]"
            + " [--timeoutSeconds=N] | --cancel",
        "Stops the job with a savepoint and prints its path; resume a new build from it with",
        "seawatch submit --fromSavepoint=PATH. A savepoint that fails leaves the job running and is",
        "tried again (" + SessionJobs.STOP_ATTEMPTS + " attempts).",
        "",
        "  --flinkRest=URL       the cluster (default " + FlinkRest.DEFAULT_URL + ")",
        "  --drain               close every window first (for a job that ends for good; do not"
            + " resume from such a savepoint)",
        "  --savepointDir=DIR    where (default: the cluster's state.savepoints.dir)",
        "  --timeoutSeconds=N    wait at most N s per attempt (default 360)",
        "  --cancel              cancel without a savepoint"));
  }
}
