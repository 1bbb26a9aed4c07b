package io.seawatch.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The few calls of the Flink REST API (the JobManager's web port) that Seawatch's job commands
 * make: jobs, checkpoints, metrics, stop with a savepoint, cancel. One JSON request each; a cluster
 * that does not answer is an {@link IOException}.
 */
public final class FlinkRest {
  public static final String DEFAULT_URL = "http://127.0.0.1:8081";
  private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofSeconds(1);

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** @param url {@code http://HOST:PORT}, or {@code HOST:PORT} as Beam's {@code --flinkMaster} */
  public FlinkRest(String url) {
    String u = url.contains("://") ? url : "http://" + url;
    this.base = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new OperatorError("not a Flink REST address: '" + url + "' (expected http://HOST:PORT)");
    }
    if (uri.getHost() == null || uri.getPort() <= 0) {
      throw new OperatorError("not a Flink REST address: '" + url + "' (expected http://HOST:PORT)");
    }
  }

  public String url() {
    return base;
  }

  /** {@code HOST:PORT}, as Beam's {@code --flinkMaster} wants it. */
  public String master() {
    URI uri = URI.create(base);
    return uri.getHost() + ":" + uri.getPort();
  }

  /** The web UI page of one job. */
  public String jobPage(String jobId) {
    return base + "/#/job/running/" + jobId + "/overview";
  }

  public static boolean isJobId(String s) {
    return JOB_ID.matcher(s).matches();
  }

  /** A OperatorError unless the cluster answers. */
  public void requireReachable() {
    try {
      get("/overview");
    } catch (IOException e) {
      throw new OperatorError("no Flink cluster answers at " + base
          + " (start one: seawatch cluster start; or give its address)");
    }
  }

  /** Whether the cluster answers at all. */
  public boolean reachable() {
    try {
      get("/overview");
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The job's state ({@code RUNNING}, {@code FINISHED}, ...); an IOException when unknown. */
  public String state(String jobId) throws IOException {
    return job(jobId).path("state").asText();
  }

  /** Completed checkpoints of the job so far; -1 when the cluster does not answer. */
  public long completedCheckpoints(String jobId) {
    try {
      return checkpoints(jobId).path("counts").path("completed").asLong();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * The job named {@code name} (any name when null) whose id is not in {@code before}: the job a
   * submission has just created.
   */
  public Job awaitNewJob(String name, Set<String> before, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      for (Job j : jobs()) {
        if (!before.contains(j.id()) && (name == null || j.name().equals(name))) {
          return j;
        }
      }
      Thread.sleep(POLL.toMillis());
    } while (System.nanoTime() < deadline);
    throw new IOException("the job was submitted but " + base + " lists no new job named "
        + name + " after " + timeout.toSeconds() + " s");
  }

  /** One line about {@code /jobs/:id/checkpoints}: counts and the last completed checkpoint. */
  public static String describeCheckpoints(JsonNode cp) {
    JsonNode counts = cp.path("counts");
    String prefix = String.format(Locale.ROOT, "checkpoints: %d completed, %d failed, %d restored",
        counts.path("completed").asLong(), counts.path("failed").asLong(),
        counts.path("restored").asLong());
    JsonNode last = cp.path("latest").path("completed");
    if (last.isMissingNode() || last.isNull()) {
      return prefix + "; none completed yet";
    }
    return prefix + String.format(Locale.ROOT,
        "; last completed #%d: size %,d bytes (uploaded %,d), duration %,d ms",
        last.path("id").asLong(), last.path("state_size").asLong(),
        last.path("checkpointed_size").asLong(), last.path("end_to_end_duration").asLong());
  }

  /** One job of {@code /jobs/overview}. */
  public record Job(String id, String name, String state, long startTime) {}

  /** Every job the cluster knows, newest first. */
  public List<Job> jobs() throws IOException {
    List<Job> jobs = new ArrayList<>();
    for (JsonNode j : get("/jobs/overview").path("jobs")) {
      jobs.add(new Job(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText(),
          j.path("start-time").asLong()));
    }
    jobs.sort(Comparator.comparingLong(Job::startTime).reversed());
    return jobs;
  }

  /** {@code /jobs/:id}: {@code state} and more; an IOException when the job is unknown. */
  public JsonNode job(String jobId) throws IOException {
    return get("/jobs/" + jobId);
  }

  public JsonNode checkpoints(String jobId) throws IOException {
    return get("/jobs/" + jobId + "/checkpoints");
  }

  /** A job metric's value (e.g. {@code numRestarts}), or -1 when the job does not report it. */
  public long metric(String jobId, String name) throws IOException {
    for (JsonNode m : get("/jobs/" + jobId + "/metrics?get=" + name)) {
      if (m.path("id").asText().equals(name)) {
        return m.path("value").asLong(-1);
      }
    }
    return -1;
  }

  /**
   * Stops a job with a savepoint and returns the savepoint's location. A savepoint that fails
   * (expires behind a backlog, say) leaves the job running; it is then tried again, up to
   * {@code attempts} times. Each attempt waits at most {@code timeout}.
   *
   * @param drain emit the final watermark first (closes every window; for a job that ends for good)
   * @param targetDirectory null: the cluster's {@code state.savepoints.dir}
   * @param log one line per attempt and failure
   */
  public String stopWithSavepoint(String jobId, boolean drain, String targetDirectory, int attempts,
      Duration timeout, Consumer<String> log) throws IOException, InterruptedException {
    String lastFailure = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      ObjectNode body = JSON.createObjectNode().put("drain", drain);
      if (targetDirectory != null) {
        body.put("targetDirectory", targetDirectory);
      }
      String trigger = post("/jobs/" + jobId + "/stop", body.toString()).path("request-id").asText();
      log.accept(String.format("requested a savepoint of job %s (attempt %d of %d, trigger %s)",
          jobId, attempt, attempts, trigger));
      long deadline = System.nanoTime() + timeout.toNanos();
      String failure = null;
      while (true) {
        JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
        if (status.path("status").path("id").asText().equals("COMPLETED")) {
          JsonNode op = status.path("operation");
          if (!op.has("failure-cause")) {
            return op.path("location").asText();
          }
          failure = firstLine(op.path("failure-cause").path("stack-trace").asText(
              op.path("failure-cause").toString()));
          break;
        }
        if (System.nanoTime() > deadline) {
          failure = "no answer within " + timeout.toSeconds() + " s";
          break;
        }
        Thread.sleep(POLL.toMillis());
      }
      lastFailure = failure;
      String state = job(jobId).path("state").asText();
      log.accept(String.format("attempt %d failed (%s); the job is %s", attempt, failure, state));
      if (!state.equals("RUNNING")) {
        break;
      }
      Thread.sleep(Duration.ofSeconds(5).toMillis());
    }
    throw new IOException("stop with savepoint of job " + jobId + " failed: " + lastFailure);
  }

  /** Cancels a job without a savepoint (its retained checkpoints stay). */
  public void cancel(String jobId) throws IOException {
    send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()), "PATCH /jobs/" + jobId);
  }

  public JsonNode get(String path) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), "GET " + path);
  }

  private JsonNode post(String path, String json) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), "POST " + path);
  }

  private JsonNode send(HttpRequest.Builder request, String what) throws IOException {
    HttpResponse<String> response;
    try {
      response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(what + " at " + base + ": HTTP " + response.statusCode() + " "
          + firstLine(response.body()));
    }
    String body = response.body();
    return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
