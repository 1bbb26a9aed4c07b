package io.seawatch.cli;

import io.seawatch.ops.Repository;
import io.seawatch.ops.SessionJobs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code seawatch submit}: the streaming ingest of the job jar on the Flink session cluster
 * ({@code --profile=flink-cluster} unless another profile is given), optionally resumed from a
 * savepoint ({@link SessionJobs#submit}). Prints the job id, its web UI page and the commands that
 * follow it (status, stop). Every other option is the ingest's, handed on as {@code ingest} does.
 */
@CommandLine.Command(
    name = "submit",
    sortOptions = false,
    optionListHeading = "%nOptions:%n",
    customSynopsis = {
      "seawatch submit --bootstrapServers=HOST:PORT [--topic=T]",
      "                [--flinkMaster=HOST:PORT] [--fromSavepoint=PATH |",
      "                --fromCheckpoint=latest|JOB_ID|PATH [--stateDir=DIR]] [--jar=FILE]",
      "                [--jdbcUrl=URL] [--OPTION=VALUE...]"
    },
    description = {
      "Submit the streaming ingest to the Flink session cluster (--fromSavepoint to resume)",
      "",
      "Submits the streaming ingest of the job jar to the Flink session cluster (seawatch"
          + " cluster start) with the " + SessionJobs.DEFAULT_PROFILE + " profile unless"
          + " another is given, and returns: the job runs until it is stopped. Prints the job id"
          + " and its web UI page."
    })
public final class SubmitCommand implements Callable<Integer> {
  static final String JOB_PREFIX = "submit: job ";

  @Mixin private HelpOption help;

  @Option(names = "--fromSavepoint", paramLabel = "PATH",
      description = "Resume from a savepoint (seawatch stop prints its path); the job's step names"
          + " are its operator ids, so a new build resumes where the old one stopped.")
  private String savepoint;

  @Option(names = "--fromCheckpoint", paramLabel = "latest|JOB_ID|PATH",
      description = "Resume from a retained checkpoint: the newest complete one of any job"
          + " (latest), of one job, or this one. The way back after the JobManager died: the"
          + " session cluster has no high availability, so its jobs are gone with it.")
  private String checkpoint;

  @Option(names = "--stateDir", paramLabel = "DIR",
      description = "The cluster's state directory, whose checkpoints/ --fromCheckpoint searches"
          + " (default: <repository>/.seawatch/flink).")
  private Path stateDir;

  @Option(names = "--jar", paramLabel = "FILE",
      description = "The job jar to stage (default: pipelines/target/seawatch-job.jar).")
  private Path jar;

  @Unmatched private List<String> args = new ArrayList<>();

  @Spec private CommandSpec spec;

  /** The command with the ingest's generated help of the pipeline options. */
  static CommandLine line() {
    CommandLine line = new CommandLine(new SubmitCommand());
    // --fromSavepoint is how a submission resumes: Beam's --savepointPath is refused.
    IngestCommand.addOptionsHelp(line.getCommandSpec(), List.of("savepointPath"));
    return line;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = Seawatch.of(spec).out;
    if (args.stream().anyMatch(a -> a.startsWith("--savepointPath"))) {
      throw Checks.usage(spec, "use --fromSavepoint=PATH");
    }
    PipelineFlags.check(spec, args, PipelineFlags.names());
    if (checkpoint != null) {
      if (savepoint != null) {
        throw Checks.usage(spec, "give --fromSavepoint or --fromCheckpoint, not both");
      }
      Path dir =
          stateDir != null ? stateDir : Repository.root().resolve(Repository.FLINK_STATE_DIR);
      savepoint = SessionJobs.resolveCheckpoint(dir, checkpoint).toAbsolutePath().toString();
      out.println("submit: resuming from checkpoint " + savepoint);
    }
    SessionJobs.SubmittedJob job = SessionJobs.submit(args, savepoint,
        jar == null ? null : jar.toAbsolutePath(), out);
    out.println(IngestCommand.SUBMITTED);
    out.println(JOB_PREFIX + job.id() + " " + job.state() + ": " + job.name()
        + (savepoint == null ? "" : " (resumed from " + savepoint + ")"));
    out.println("submit: web UI " + job.webPage());
    out.println("submit: next:");
    out.println("  seawatch status --flinkRest=" + job.flinkRest() + " --bootstrapServers="
        + job.bootstrapServers() + " --topic=" + job.topic()
        + " --consumerGroup=" + job.consumerGroup() + "   lag and checkpoints");
    out.println("  seawatch stop " + job.id() + " --flinkRest=" + job.flinkRest()
        + "   stop with a savepoint (then submit --fromSavepoint=PATH to resume)");
    return 0;
  }
}
