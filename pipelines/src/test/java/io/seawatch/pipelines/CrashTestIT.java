package io.seawatch.pipelines;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;

import io.seawatch.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The crash harness, small: about 10,000 lines replayed while the streaming ingest runs on a
 * session cluster of its own (state under target/), one SIGKILL of the TaskManager, then a stop
 * with savepoint and a resume from it, no Postgres
 * restart; every table must equal the DirectRunner's. The full-size run is documented in
 * docs/exactly-once.md. Needs the shaded jar (package phase, before integration-test) and port
 * 8081 (the cluster's REST port, fixed in runner-configs/flink-cluster/config.yaml).
 */
public class CrashTestIT {
  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  @Test
  public void aKillAndAStopWithSavepointLeaveTheTablesAsOneCleanRun() throws Exception {
    assumeFalse("127.0.0.1:8081 is in use (another Flink cluster?); the crash IT needs that port",
        portOpen(8081));
    Path jar = Path.of("target/seawatch.jar").toAbsolutePath();
    assertTrue("the shaded jar is built in the package phase: " + jar, Files.isRegularFile(jar));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code = Seawatch.run(new String[] {"crashtest", "--messages=10000", "--kills=1", "--savepoints=1",
        "--restartPostgres=false", "--replaySeconds=30", "--seed=7",
        "--bootstrapServers=" + KAFKA.bootstrapServers(), "--jar=" + jar,
        "--stateDir=" + Path.of("target/crashtest-flink").toAbsolutePath()}, out, out);
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertEquals(printed, 0, code);
    assertTrue(printed, printed.contains("] ALL EQUAL: "));
  }

  private static boolean portOpen(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
