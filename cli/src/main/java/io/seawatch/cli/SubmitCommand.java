package io.seawatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code seawatch submit}: the streaming ingest of the job jar on the Flink session cluster
 * ({@code --profile=flink-cluster} unless another profile is given), optionally resumed from a
 * savepoint. Prints the job id, its web UI page and the commands that follow it (status, stop).
 * Every other option is the ingest's ({@code seawatch ingest --help}).
 */
public final class SubmitCommand implements Command {
  static final String JOB_PREFIX = "submit: job ";
  private static final Pattern HOST_PORT = Pattern.compile("[^:/\\s]+:[0-9]{1,5}");
  private static final int FIND_JOB_SECONDS = 90;

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
    boolean profileGiven = false;
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
        profileGiven |= a.startsWith("--profile=") || a.startsWith("--runnerConfig=");
        ingest.add(a);
      }
    }
    if (!profileGiven) {
      ingest.add(0, "--profile=flink-cluster");
    }
    ingest = new ArrayList<>(RunnerProfiles.expand(ingest, out));
    String runner = value(ingest, "runner");
    if (runner == null || !runner.endsWith("FlinkRunner")) {
      throw new UserError("submit runs on a Flink session cluster (--runner=FlinkRunner), not "
          + runner + "; use seawatch ingest for other runners");
    }
    String master = value(ingest, "flinkMaster");
    if (master == null || !HOST_PORT.matcher(master).matches()) {
      throw new UserError("submit needs --flinkMaster=HOST:PORT (the cluster's REST port), not "
          + master);
    }
    if (value(ingest, "bootstrapServers") == null || value(ingest, "input") != null) {
      throw new UserError("submit follows a Kafka topic: give --bootstrapServers=HOST:PORT"
          + " [--topic=T] (and no --input)");
    }
    FlinkRest flink = new FlinkRest(master);
    flink.requireReachable();
    if (savepoint != null) {
      requireSavepoint(savepoint);
      ingest.add("--savepointPath=" + savepoint);
    }
    if (value(ingest, "filesToStage") == null || jar != null) {
      Path staged = jar != null ? jar : jobJar();
      if (!Files.isRegularFile(staged)) {
        throw new UserError("no job jar at " + staged + " (mvn -B -DskipTests package)");
      }
      ingest.removeIf(a -> a.startsWith("--filesToStage="));
      ingest.add("--filesToStage=" + staged);
    }
    String jobName = value(ingest, "jobName");
    Set<String> before = new HashSet<>();
    flink.jobs().forEach(j -> before.add(j.id()));

    int code = new IngestCommand().run(ingest, out, err);
    if (code != 0) {
      return code;
    }
    FlinkRest.Job job = awaitNewJob(flink, jobName, before);
    out.println(JOB_PREFIX + job.id() + " " + job.state() + ": " + job.name()
        + (savepoint == null ? "" : " (resumed from " + savepoint + ")"));
    out.println("submit: web UI " + flink.jobPage(job.id()));
    out.println("submit: next:");
    out.println("  seawatch status --flinkRest=" + flink.url() + " --bootstrapServers="
        + value(ingest, "bootstrapServers") + " --topic=" + topic(ingest)
        + " --consumerGroup=" + group(ingest) + "   lag and checkpoints");
    out.println("  seawatch stop " + job.id() + " --flinkRest=" + flink.url()
        + "   stop with a savepoint (then submit --fromSavepoint=PATH to resume)");
    return 0;
  }

  private static String topic(List<String> args) {
    String t = value(args, "topic");
    return t != null ? t : ReplayCommand.DEFAULT_TOPIC;
  }

  private static String group(List<String> args) {
    String g = value(args, "consumerGroup");
    return g != null ? g : "seawatch-ingest";
  }

  /** The job named {@code name} that was not there before the submission. */
  private static FlinkRest.Job awaitNewJob(FlinkRest flink, String name, Set<String> before)
      throws IOException, InterruptedException {
    for (int i = 0; i < FIND_JOB_SECONDS; i++) {
      for (FlinkRest.Job j : flink.jobs()) {
        if (!before.contains(j.id()) && (name == null || j.name().equals(name))) {
          return j;
        }
      }
      Thread.sleep(1000);
    }
    throw new IOException("the job was submitted but " + flink.url() + " lists no new job named "
        + name + " after " + FIND_JOB_SECONDS + " s");
  }

  /** A local savepoint must be a directory with {@code _metadata} (or that file itself). */
  static void requireSavepoint(String location) {
    Path path;
    try {
      URI uri = new URI(location);
      if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
        return; // a remote file system: the cluster checks it
      }
      path = uri.getScheme() == null ? Path.of(location) : Path.of(uri);
    } catch (URISyntaxException | IllegalArgumentException e) {
      path = Path.of(location);
    }
    if (!Files.isRegularFile(path.resolve("_metadata"))
        && !(Files.isRegularFile(path) && path.getFileName().toString().equals("_metadata"))) {
      throw new UserError("no savepoint at " + location + " (a savepoint is a directory with a"
          + " _metadata file; seawatch stop prints its path)");
    }
  }

  /** Where the build puts the job jar, relative to the repository root. */
  static final String JOB_JAR = "pipelines/target/seawatch-job.jar";

  /** The repository's build of the thin job jar that the cluster receives. */
  static Path jobJar() {
    for (Path root : RunnerProfiles.searchRoots()) {
      Path jar = root.resolve(JOB_JAR);
      if (Files.isRegularFile(jar)) {
        return jar.toAbsolutePath();
      }
    }
    return Path.of(JOB_JAR).toAbsolutePath();
  }

  /** The value of {@code --name=value} in {@code args}, the last one winning; null if absent. */
  static String value(List<String> args, String name) {
    String v = null;
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        v = a.substring(name.length() + 3);
      }
    }
    return v;
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
