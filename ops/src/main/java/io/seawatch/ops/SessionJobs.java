package io.seawatch.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.seawatch.pipelines.IngestPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The streaming ingest on the Flink session cluster: submit it (from a savepoint, optionally),
 * list the jobs with their checkpoints, stop one with a savepoint or cancel it.
 */
public final class SessionJobs {
  /** The runner profile a submission uses unless it names another. */
  public static final String DEFAULT_PROFILE = "flink-cluster";
  /** Attempts of a stop with savepoint (a failed savepoint leaves the job running). */
  public static final int STOP_ATTEMPTS = 3;

  private static final Pattern HOST_PORT = Pattern.compile("[^:/\\s]+:[0-9]{1,5}");
  private static final Duration FIND_JOB = Duration.ofSeconds(90);

  private SessionJobs() {}

  /**
   * A job this process submitted, and how to reach it: the REST address of its cluster and the
   * Kafka topic and consumer group it follows.
   */
  public record SubmittedJob(String id, String name, String state, String fromSavepoint,
      String flinkRest, String webPage, String bootstrapServers, String topic,
      String consumerGroup) {}

  /** A job of the cluster and one line about its checkpoints ({@link FlinkRest#describeCheckpoints}). */
  public record JobCheckpoints(FlinkRest.Job job, String checkpoints) {}

  /**
   * Submits the streaming ingest of the job jar to the session cluster and returns once the
   * cluster lists the new job.
   *
   * @param ingestArgs the ingest's options ({@code --name=value}); {@code --profile=flink-cluster}
   *     is added unless they name a profile or runner config
   * @param fromSavepoint a savepoint to resume from, or null
   * @param jar the job jar to stage; null: {@code --filesToStage} of the options, else the
   *     repository's build ({@link Repository#jobJar})
   * @param log the profile that was applied and the ingest's progress lines
   */
  public static SubmittedJob submit(List<String> ingestArgs, String fromSavepoint, Path jar,
      PrintStream log) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(ingestArgs);
    boolean profileGiven = args.stream().anyMatch(
        a -> a.startsWith("--" + RunnerProfiles.PROFILE_FLAG + "=")
            || a.startsWith("--" + RunnerProfiles.CONFIG_FLAG + "="));
    if (!profileGiven) {
      args.add(0, "--" + RunnerProfiles.PROFILE_FLAG + "=" + DEFAULT_PROFILE);
    }
    args = new ArrayList<>(RunnerProfiles.expand(args, log));
    String runner = value(args, "runner");
    if (runner == null || !runner.endsWith("FlinkRunner")) {
      throw new OperatorError("submit runs on a Flink session cluster (--runner=FlinkRunner), not "
          + runner + "; use seawatch ingest for other runners");
    }
    String master = value(args, "flinkMaster");
    if (master == null || !HOST_PORT.matcher(master).matches()) {
      throw new OperatorError("submit needs --flinkMaster=HOST:PORT (the cluster's REST port),"
          + " not " + master);
    }
    if (value(args, "bootstrapServers") == null || value(args, "input") != null) {
      throw new OperatorError("submit follows a Kafka topic: give --bootstrapServers=HOST:PORT"
          + " [--topic=T] (and no --input)");
    }
    FlinkRest flink = new FlinkRest(master);
    flink.requireReachable();
    if (fromSavepoint != null) {
      requireSavepoint(fromSavepoint);
      args.add("--savepointPath=" + fromSavepoint);
    }
    if (value(args, "filesToStage") == null || jar != null) {
      Path staged = jar != null ? jar.toAbsolutePath() : Repository.jobJar();
      if (!Files.isRegularFile(staged)) {
        throw new OperatorError("no job jar at " + staged + " (mvn -B -DskipTests package)");
      }
      args.removeIf(a -> a.startsWith("--filesToStage="));
      args.add("--filesToStage=" + staged);
    }
    String jobName = value(args, "jobName");
    Set<String> before = new HashSet<>();
    flink.jobs().forEach(j -> before.add(j.id()));

    IngestPipeline.Options options = Ingest.options(args);
    Ingest.Report report = Ingest.run(options, log);
    if (!report.submitted()) {
      throw new IllegalStateException("the ingest ended " + report.state()
          + " instead of running on the cluster");
    }
    FlinkRest.Job job = flink.awaitNewJob(jobName, before, FIND_JOB);
    return new SubmittedJob(job.id(), job.name(), job.state(), fromSavepoint, flink.url(),
        flink.jobPage(job.id()), options.getBootstrapServers(), options.getTopic(),
        options.getConsumerGroup());
  }

  /**
   * Stops a running job with a savepoint (no drain unless asked) and returns the savepoint's
   * location.
   *
   * @param savepointDir null: the cluster's {@code state.savepoints.dir}
   * @param log one line per attempt and failure
   * @throws OperatorError when the cluster does not answer or has no such running job
   */
  public static String stopWithSavepoint(FlinkRest flink, String jobId, boolean drain,
      String savepointDir, Duration timeout, PrintStream log)
      throws IOException, InterruptedException {
    requireRunning(flink, jobId);
    return flink.stopWithSavepoint(jobId, drain, savepointDir, STOP_ATTEMPTS, timeout,
        log::println);
  }

  /** Cancels a running job without a savepoint (its retained checkpoints stay). */
  public static void cancel(FlinkRest flink, String jobId) throws IOException {
    requireRunning(flink, jobId);
    flink.cancel(jobId);
  }

  private static void requireRunning(FlinkRest flink, String jobId) {
    flink.requireReachable();
    String state;
    try {
      state = flink.state(jobId);
    } catch (IOException e) {
      throw new OperatorError("the cluster at " + flink.url() + " has no job " + jobId
          + " (seawatch jobs --flinkRest=" + flink.url() + ")");
    }
    if (!state.equals("RUNNING")) {
      throw new OperatorError("job " + jobId + " is " + state + ", not RUNNING");
    }
  }

  /** Every job of the cluster, newest first, with its checkpoints (or why they are unknown). */
  public static List<JobCheckpoints> jobs(FlinkRest flink) throws IOException {
    List<JobCheckpoints> jobs = new ArrayList<>();
    for (FlinkRest.Job job : flink.jobs()) {
      String checkpoints;
      try {
        checkpoints = FlinkRest.describeCheckpoints(flink.checkpoints(job.id()));
      } catch (IOException e) {
        checkpoints = "checkpoints: not available (" + e.getMessage() + ")";
      }
      jobs.add(new JobCheckpoints(job, checkpoints));
    }
    return jobs;
  }

  /**
   * Restarts of a job and its checkpoint statistics in one line (for logs):
   * {@code restarts N; checkpoints: ...; duration min/avg/max ...}.
   */
  public static String describeJob(FlinkRest flink, String jobId) {
    StringBuilder b = new StringBuilder();
    try {
      b.append("restarts ").append(flink.metric(jobId, "numRestarts")).append("; ");
      JsonNode cp = flink.checkpoints(jobId);
      b.append(FlinkRest.describeCheckpoints(cp));
      JsonNode summary = cp.path("summary");
      JsonNode d = summary.path("end_to_end_duration");
      JsonNode size = summary.path("checkpointed_size");
      if (!d.isMissingNode()) {
        b.append(String.format(java.util.Locale.ROOT,
            "; duration min/avg/max %,d/%,d/%,d ms, uploaded size min/avg/max %,d/%,d/%,d bytes",
            d.path("min").asLong(), d.path("avg").asLong(), d.path("max").asLong(),
            size.path("min").asLong(), size.path("avg").asLong(), size.path("max").asLong()));
      }
    } catch (IOException e) {
      b.append("not available (").append(e.getMessage()).append(')');
    }
    return b.toString();
  }

  /** What {@code --fromCheckpoint} takes besides a path: the newest checkpoint of any job. */
  public static final String LATEST = "latest";

  private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-([0-9]+)");

  /**
   * The retained checkpoint a job resumes from after its JobManager died (the session cluster
   * has no high availability, so the job is gone and only its checkpoints are left): {@code
   * which} is {@link #LATEST} (the newest complete checkpoint of any job), a job id (that job's
   * newest) or a checkpoint directory. Complete means with its {@code _metadata}: the JobManager
   * writes it when the checkpoint completes, so a directory without it is one the crash
   * interrupted.
   *
   * @param clusterStateDir the session cluster's state directory, whose {@code checkpoints/} is
   *     its {@code state.checkpoints.dir} ({@code <job id>/chk-N})
   */
  public static Path resolveCheckpoint(Path clusterStateDir, String which) throws IOException {
    if (!which.equals(LATEST) && !JOB_ID.matcher(which).matches()) {
      requireSavepoint(which);
      return Path.of(which);
    }
    Path checkpointsDir = clusterStateDir.resolve("checkpoints");
    if (!Files.isDirectory(checkpointsDir)) {
      throw new OperatorError("no checkpoints directory at " + checkpointsDir
          + " (give the cluster's --stateDir)");
    }
    Path best = null;
    long bestTime = Long.MIN_VALUE;
    try (var jobs = Files.list(checkpointsDir)) {
      for (Path job : jobs.sorted().toList()) {
        if (!JOB_ID.matcher(job.getFileName().toString()).matches()
            || !(which.equals(LATEST) || job.getFileName().toString().equals(which))) {
          continue;
        }
        Path newest = newestComplete(job);
        if (newest != null) {
          long time = Files.getLastModifiedTime(newest.resolve("_metadata")).toMillis();
          if (time > bestTime) {
            best = newest;
            bestTime = time;
          }
        }
      }
    }
    if (best == null) {
      throw new OperatorError("no complete checkpoint of "
          + (which.equals(LATEST) ? "any job" : "job " + which) + " under " + checkpointsDir);
    }
    return best;
  }

  /** The job's complete checkpoint with the highest number, null if none. */
  private static Path newestComplete(Path jobDir) throws IOException {
    Path best = null;
    long bestId = -1;
    try (var dirs = Files.list(jobDir)) {
      for (Path d : dirs.toList()) {
        var m = CHECKPOINT_DIR.matcher(d.getFileName().toString());
        if (m.matches() && Files.isRegularFile(d.resolve("_metadata"))) {
          long id = Long.parseLong(m.group(1));
          if (id > bestId) {
            best = d;
            bestId = id;
          }
        }
      }
    }
    return best;
  }

  /** A local savepoint must be a directory with {@code _metadata} (or that file itself). */
  public static void requireSavepoint(String location) {
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
      throw new OperatorError("no savepoint at " + location + " (a savepoint is a directory with"
          + " a _metadata file; seawatch stop prints its path)");
    }
  }

  /** The value of {@code --name=value} in {@code args}, the last one winning; null if absent. */
  public static String value(List<String> args, String name) {
    String v = null;
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        v = a.substring(name.length() + 3);
      }
    }
    return v;
  }
}
