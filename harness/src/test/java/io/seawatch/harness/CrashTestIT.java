package io.seawatch.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.seawatch.ops.Repository;
import io.seawatch.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The crash harness, small: about 10,000 lines (the generated fleet with the named analytics
 * scenarios merged in, and their port geofence) replayed while the streaming ingest runs on a
 * session cluster of its own (free REST and RPC ports, state under target/), one SIGKILL of the
 * TaskManager, one restart of an embedded Postgres the test owns, then a stop with savepoint and
 * a resume from it; every table must equal the DirectRunner's, {@code vessel_event} included: the
 * per-vessel state and timers, and the geofence side input, survive the kill and the savepoint.
 * The full-size run is documented in docs/exactly-once.md. Needs the job jar
 * (mvn -pl pipelines -am -DskipTests package).
 */
public class CrashTestIT {
  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  @Test
  public void aKillAPostgresRestartAndAStopWithSavepointLeaveTheTablesAsOneCleanRun()
      throws Exception {
    Path jar = Repository.jobJar();
    assertTrue("the job jar is built in the package phase: " + jar, Files.isRegularFile(jar));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    CrashTest.Settings settings = CrashTest.Settings.builder().messages(10_000).kills(5)
        .savepoints(1).jobManagerKills(1).embeddedPostgres(true).restartPostgres(true)
        .postgresDownSeconds(60).replaySeconds(40).seed(7)
        .scenarios(true).timeoutMinutes(10).bootstrapServers(KAFKA.bootstrapServers()).jar(jar)
        .flinkRest("http://127.0.0.1:" + freePort()).flinkRpcPort(freePort())
        .stateDir(Path.of("target/crashtest-flink").toAbsolutePath()).build();
    long t0 = System.nanoTime();
    CrashTest.Report report;
    try {
      report = CrashTest.run(settings, log);
    } finally {
      System.out.println(buffer.toString(StandardCharsets.UTF_8));
      System.out.printf("CrashTestIT: %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }
    System.out.println(report);

    for (CrashTest.TableComparison t : report.tables()) {
      assertTrue(t.toString(), t.equal());
    }
    assertTrue(report.allEqual());
    // The alert engine's view: the topic applied by id ends with the table.
    assertTrue(report.alertTopic().toString(), report.alertTopic().equal());
    assertTrue(report.alertTopic().toString(), report.alertTopic().rows() > 0);
    // The scenarios' 25 events and the fleet's segments, the same in both runs.
    CrashTest.TableComparison events = report.table("vessel_event");
    assertEquals(38, events.rowsA());
    assertEquals(38, events.rowsB());
    assertEquals(5, report.kills());
    assertEquals(1, report.jobManagerKills());
    assertTrue(report.postgresRestarted());
    assertTrue(report.referenceCounts().reconciles());

    // One savepoint, and the second job started from it (as the cluster reports); then the
    // JobManager died with that job, and the third started from its newest checkpoint.
    assertEquals(1, report.savepoints().size());
    List<CrashTest.StreamingJob> jobs = report.jobs();
    assertEquals(3, jobs.size());
    assertNull(jobs.get(0).fromSavepoint());
    String savepoint = report.savepoints().get(0);
    assertEquals(savepoint, jobs.get(1).fromSavepoint());
    assertNotNull(jobs.get(1).restoredFrom());
    assertEquals(localPath(savepoint), localPath(jobs.get(1).restoredFrom()));
    String checkpoint = jobs.get(2).fromSavepoint();
    assertTrue(checkpoint, localPath(checkpoint).startsWith(
        settings.stateDir().resolve("checkpoints").resolve(jobs.get(1).id())));
    assertEquals(localPath(checkpoint), localPath(jobs.get(2).restoredFrom()));
  }

  /** {@code file:/x}, {@code file:///x} and {@code /x} alike. */
  private static Path localPath(String location) {
    Path p = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    return p.normalize();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
