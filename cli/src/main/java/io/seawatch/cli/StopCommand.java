package io.seawatch.cli;

import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.SessionJobs;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch stop JOB_ID}: stops a job of the session cluster with a savepoint and prints
 * where it is, so a new build can resume from it ({@code seawatch submit --fromSavepoint=PATH}).
 * {@code --cancel} cancels without a savepoint (the retained checkpoints stay).
 */
@CommandLine.Command(
    name = "stop",
    sortOptions = false,
    sortSynopsis = false,
    description = {
      "Stop a Flink job with a savepoint (prints its path) or cancel it",
      "",
      "Stops the job with a savepoint and prints its path; resume a new build from it with"
          + " seawatch submit --fromSavepoint=PATH. A savepoint that fails leaves the job running"
          + " and is tried again (" + SessionJobs.STOP_ATTEMPTS + " attempts)."
    })
public final class StopCommand implements Callable<Integer> {
  static final String SAVEPOINT_PREFIX = "stop: savepoint ";
  static final int DEFAULT_TIMEOUT_SECONDS = 360;

  @Mixin private HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "JOB_ID", hideParamSyntax = true,
      description = "The job (32 hex digits; seawatch jobs lists them).")
  private List<String> jobIds = List.of();

  @Mixin private FlinkRestOption rest;

  @Option(names = "--drain", arity = "0..1", paramLabel = "true|false",
      description = "Close every window first (for a job that ends for good; do not resume from"
          + " such a savepoint).")
  private boolean drain;

  @Option(names = "--savepointDir", paramLabel = "DIR",
      description = "Where the savepoint goes (default: the cluster's state.savepoints.dir).")
  private String savepointDir;

  @Option(names = "--timeoutSeconds", paramLabel = "N", defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
      description = "Wait at most N s per attempt (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds;

  @Option(names = "--cancel", arity = "0..1", paramLabel = "true|false",
      description = "Cancel without a savepoint.")
  private boolean cancel;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintStream out = Seawatch.of(spec).out;
    if (jobIds.size() != 1) {
      throw Checks.usage(spec, jobIds.isEmpty() ? "give the job id (seawatch jobs lists them)"
          : "give one job id, not " + jobIds.size());
    }
    String jobId = jobIds.get(0);
    if (!FlinkRest.isJobId(jobId)) {
      throw Checks.usage(spec,
          "'" + jobId + "' is not a Flink job id (32 hex digits; seawatch jobs)");
    }
    if (cancel && (drain || savepointDir != null)) {
      throw Checks.usage(spec,
          "--cancel takes no savepoint: leave out --drain and --savepointDir");
    }
    Checks.positive(spec, "--timeoutSeconds", timeoutSeconds);
    FlinkRest flink = new FlinkRest(rest.url);
    if (cancel) {
      SessionJobs.cancel(flink, jobId);
      out.println("stop: cancelled job " + jobId + " (no savepoint; its retained checkpoints"
          + " stay in the cluster's checkpoint directory)");
      return 0;
    }
    String location = SessionJobs.stopWithSavepoint(flink, jobId, drain, savepointDir,
        Duration.ofSeconds(timeoutSeconds), LinePrefix.of(out, "stop: "));
    out.println("stop: job " + jobId + " stopped");
    out.println(SAVEPOINT_PREFIX + location);
    out.println("stop: next: resume a new build from it with the same options:");
    out.println("  seawatch submit --fromSavepoint=" + location + " --flinkMaster="
        + flink.master() + " --bootstrapServers=... --topic=... --jdbcUrl=...");
    return 0;
  }
}
