package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.seawatch.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The crash harness, small: about 10,000 lines (the generated fleet with the named analytics
 * scenarios merged in, and their port geofence) replayed while the streaming ingest runs on a
 * session cluster of its own (free REST and RPC ports, state under target/), one SIGKILL of the
 * TaskManager, one restart of an embedded Postgres the test owns, then a stop with savepoint
 * ({@code seawatch stop}) and a resume from it ({@code seawatch submit --fromSavepoint}); every
 * table must equal the DirectRunner's, {@code vessel_event} included: the per-vessel state and
 * timers, and the geofence side input, survive the kill and the savepoint. The full-size run is
 * documented in docs/exactly-once.md.
 * Needs the shaded jar (package phase, before integration-test).
 */
public class CrashTestIT {
  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  @Test
  public void aKillAPostgresRestartAndAStopWithSavepointLeaveTheTablesAsOneCleanRun()
      throws Exception {
    Path jar = Path.of("../pipelines/target/seawatch-job.jar").toAbsolutePath();
    assertTrue("the job jar is built in the package phase: " + jar, Files.isRegularFile(jar));
    int restPort = freePort();
    int rpcPort = freePort();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    int code = Seawatch.run(new String[] {"crashtest", "--messages=10000", "--kills=1",
        "--savepoints=1", "--embeddedPostgres", "--restartPostgres=true", "--replaySeconds=40",
        "--seed=7", "--scenarios", "--timeoutMinutes=10",
        "--bootstrapServers=" + KAFKA.bootstrapServers(), "--jar=" + jar, "--flinkRest=http://127.0.0.1:" + restPort, "--flinkRpcPort=" + rpcPort,
        "--stateDir=" + Path.of("target/crashtest-flink").toAbsolutePath()}, out, out);
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    System.out.printf("CrashTestIT: %.0f s%n", (System.nanoTime() - t0) / 1e9);
    assertEquals(printed, 0, code);
    assertTrue(printed, printed.contains("] ALL EQUAL: "));
    // The job commands did their part: a savepoint path from stop, a resumed job from submit.
    Matcher savepoint = Pattern.compile("stop: savepoint (\\S+)").matcher(printed);
    assertTrue(printed, savepoint.find());
    assertTrue(printed, printed.contains("(resumed from " + savepoint.group(1) + ")"));
    assertTrue(printed, printed.contains("Postgres restarted and accepting connections"));
    // The scenarios' 25 events and the fleet's segments, the same in both runs.
    assertTrue(printed, Pattern.compile("\\n  vessel_event +38 +38 +equal\\n")
        .matcher(printed).find());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
