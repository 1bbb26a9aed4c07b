package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.seawatch.ops.OperatorError;
import io.seawatch.ops.SessionJobs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Errors of submit, jobs and stop: a bad command line is a usage error (exit 2), a cluster that
 * does not answer a failure (exit 1); either is one line, and nothing is submitted.
 */
public class JobCommandsTest {
  private static final String JOB = "0123456789abcdef0123456789abcdef";
  private static String closed;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @BeforeClass
  public static void closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      closed = "127.0.0.1:" + s.getLocalPort(); // nothing listens once it is closed
    }
  }

  /** Checks the exit code of one command line and returns the first line of its stderr. */
  private static String run(int expectedCode, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Seawatch.run(args, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(text, expectedCode, code);
    return text.lines().findFirst().orElse("");
  }

  @Test
  public void stopNeedsOneJobId() {
    assertEquals("seawatch stop: error: give the job id (seawatch jobs lists them)",
        run(2, "stop"));
    assertEquals("seawatch stop: error: give one job id, not 2",
        run(2, "stop", JOB, JOB));
    assertEquals("seawatch stop: error: 'job-1' is not a Flink job id (32 hex digits;"
        + " seawatch jobs)", run(2, "stop", "job-1"));
  }

  @Test
  public void stopOptions() {
    assertEquals("seawatch stop: error: unknown option '--now'",
        run(2, "stop", JOB, "--now"));
    assertEquals("seawatch stop: error: --cancel takes no savepoint: leave out --drain and"
        + " --savepointDir", run(2, "stop", JOB, "--cancel", "--drain"));
    assertEquals("seawatch stop: error: --timeoutSeconds must be a positive whole number, not"
        + " '0'", run(2, "stop", JOB, "--timeoutSeconds=0"));
  }

  @Test
  public void noClusterIsAFailure() {
    String expected = "no Flink cluster answers at http://" + closed
        + " (start one: seawatch cluster start; or give its address)";
    assertEquals("seawatch stop: error: " + expected,
        run(1, "stop", JOB, "--flinkRest=http://" + closed));
    assertEquals("seawatch jobs: error: " + expected, run(1, "jobs", "--flinkRest=" + closed));
    assertEquals("seawatch submit: error: " + expected,
        run(1, "submit", "--bootstrapServers=127.0.0.1:9", "--flinkMaster=" + closed));
  }

  @Test
  public void aRestAddressNeedsHostAndPort() {
    assertEquals("seawatch jobs: error: not a Flink REST address: 'http://localhost' (expected"
        + " http://HOST:PORT)", run(1, "jobs", "--flinkRest=http://localhost"));
  }

  @Test
  public void submitRunsOnAFlinkSessionCluster() {
    assertEquals("seawatch submit: error: submit runs on a Flink session cluster"
            + " (--runner=FlinkRunner), not DirectRunner; use seawatch ingest for other runners",
        run(1, "submit", "--runner=DirectRunner", "--bootstrapServers=127.0.0.1:9"));
    assertEquals("seawatch submit: error: submit needs --flinkMaster=HOST:PORT (the cluster's"
            + " REST port), not [local]",
        run(1, "submit", "--flinkMaster=[local]", "--bootstrapServers=127.0.0.1:9"));
    assertEquals("seawatch submit: error: submit follows a Kafka topic: give"
            + " --bootstrapServers=HOST:PORT [--topic=T] (and no --input)",
        run(1, "submit", "--flinkMaster=" + closed, "--input=fleet.nmea"));
  }

  @Test
  public void submitOptions() {
    assertEquals("seawatch submit: error: Missing required parameter for option"
        + " '--fromSavepoint' (PATH)", run(2, "submit", "--fromSavepoint"));
    assertEquals("seawatch submit: error: use --fromSavepoint=PATH",
        run(2, "submit", "--savepointPath=/tmp/sp"));
    assertEquals("seawatch submit: error: unknown option '--bootstrapServer'",
        run(2, "submit", "--bootstrapServer=127.0.0.1:9"));
    assertEquals("seawatch submit: error: give --fromSavepoint or --fromCheckpoint, not both",
        run(2, "submit", "--fromSavepoint=/tmp/sp", "--fromCheckpoint=latest"));
  }

  private static final String JOB_A = "0123456789abcdef0123456789abcdef";
  private static final String JOB_B = "fedcba9876543210fedcba9876543210";

  /** A checkpoint directory, complete (with _metadata written at {@code millis}) or not. */
  private Path checkpoint(Path root, String job, int id, long millis) throws IOException {
    Path dir = Files.createDirectories(root.resolve(job).resolve("chk-" + id));
    if (millis > 0) {
      Path meta = Files.writeString(dir.resolve("_metadata"), "x");
      Files.setLastModifiedTime(meta, java.nio.file.attribute.FileTime.fromMillis(millis));
    }
    return dir;
  }

  /**
   * After a JobManager's death: the newest complete checkpoint (with _metadata; the one the crash
   * interrupted has none), of any job or of the one named.
   */
  @Test
  public void theCheckpointToResumeFromIsTheNewestComplete() throws IOException {
    Path state = tmp.newFolder("flink").toPath();
    Path root = Files.createDirectories(state.resolve("checkpoints"));
    Files.createDirectories(root.resolve("shared"));
    checkpoint(root, JOB_A, 8, 1_000_000);
    Path a9 = checkpoint(root, JOB_A, 9, 2_000_000);
    checkpoint(root, JOB_A, 10, 0); // interrupted
    Path b3 = checkpoint(root, JOB_B, 3, 3_000_000);

    assertEquals(b3, SessionJobs.resolveCheckpoint(state, SessionJobs.LATEST));
    assertEquals(a9, SessionJobs.resolveCheckpoint(state, JOB_A));
    assertEquals(a9, SessionJobs.resolveCheckpoint(state, a9.toString()));
    OperatorError none = assertThrows(OperatorError.class,
        () -> SessionJobs.resolveCheckpoint(state, "00000000000000000000000000000000"));
    assertEquals("no complete checkpoint of job 00000000000000000000000000000000 under " + root,
        none.getMessage());
    OperatorError incomplete = assertThrows(OperatorError.class,
        () -> SessionJobs.resolveCheckpoint(state, root.resolve(JOB_A).resolve("chk-10").toString()));
    assertEquals("no savepoint at " + root.resolve(JOB_A).resolve("chk-10") + " (a savepoint is a"
        + " directory with a _metadata file; seawatch stop prints its path)",
        incomplete.getMessage());
  }

  @Test
  public void aSavepointIsADirectoryWithMetadata() throws IOException {
    Path dir = tmp.newFolder("savepoint-1").toPath();
    OperatorError e =
        assertThrows(OperatorError.class, () -> SessionJobs.requireSavepoint(dir.toString()));
    assertEquals("no savepoint at " + dir + " (a savepoint is a directory with a _metadata file;"
        + " seawatch stop prints its path)", e.getMessage());
    Files.writeString(dir.resolve("_metadata"), "x");
    SessionJobs.requireSavepoint(dir.toString());
    SessionJobs.requireSavepoint("file:" + dir);
    SessionJobs.requireSavepoint(dir.resolve("_metadata").toString());
    SessionJobs.requireSavepoint("s3://bucket/savepoint-2"); // the cluster checks remote ones
  }
}
