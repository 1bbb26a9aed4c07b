package io.seawatch.cli;

import io.seawatch.ops.OperatorError;
import io.seawatch.ops.SessionJobs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code seawatch submit}: the streaming ingest of the job jar on the Flink session cluster
 * ({@code --profile=flink-cluster} unless another profile is given), optionally resumed from a
 * savepoint ({@link SessionJobs#submit}). Prints the job id, its web UI page and the commands that
 * follow it (status, stop). Every other option is the ingest's ({@code seawatch ingest --help}).
 */
public final class SubmitCommand implements Command {
  static final String JOB_PREFIX = "submit: job ";

  @Override
  public String name() {
    return "submit";
  }

  @Override
  public String summary() {
    return "Submit the streaming ingest to the Flink session cluster (--fromSavepoint to resume)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.stream().anyMatch(Seawatch::isHelp)) {
      usage(out);
      return 0;
    }
    String savepoint = null;
    Path jar = null;
    List<String> ingest = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--fromSavepoint=")) {
        savepoint = a.substring("--fromSavepoint=".length());
      } else if (a.startsWith("--jar=")) {
        jar = Path.of(a.substring("--jar=".length())).toAbsolutePath();
      } else if (a.equals("--fromSavepoint") || a.equals("--jar")) {
        throw new UserError(a + " needs a value: " + a + "=... (see seawatch submit --help)");
      } else if (a.startsWith("--savepointPath")) {
        throw new UserError("use --fromSavepoint=PATH (see seawatch submit --help)");
      } else {
        ingest.add(a);
      }
    }
    SessionJobs.SubmittedJob job;
    try {
      job = SessionJobs.submit(ingest, savepoint, jar, out);
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
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

  /** A local savepoint must be a directory with {@code _metadata} (or that file itself). */
  static void requireSavepoint(String location) {
    try {
      SessionJobs.requireSavepoint(location);
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static void usage(PrintStream out) {
    out.println(String.join("\n",
        "Usage: seawatch submit --bootstrapServers=HOST:PORT [--topic=T] [--jdbcUrl=URL]"
            + " [--flinkMaster=HOST:PORT] [--fromSavepoint=PATH] [ingest options]",
        "Submits the streaming ingest of the job jar to the Flink session cluster",
        "(seawatch cluster start) with the flink-cluster profile, and returns: the job runs until",
        "it is stopped. Prints the job id and its web UI page.",
        "",
        "  --flinkMaster=HOST:PORT  the cluster's REST address (default from the profile:"
            + " 127.0.0.1:8081)",
        "  --fromSavepoint=PATH     resume from a savepoint (seawatch stop prints its path); the",
        "                           job's step names are its operator ids, so a new build resumes",
        "                           where the old one stopped",
        "  --jar=FILE               the job jar to stage (default: pipelines/target/seawatch-job.jar)",
        "  --profile=NAME | --runnerConfig=FILE  (default --profile=flink-cluster)",
        "  --jobName=NAME           (default from the profile: seawatch-ingest)",
        "Other options: seawatch ingest --help."));
  }
}
