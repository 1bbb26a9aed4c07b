package io.seawatch.cli;

import io.seawatch.ops.EmbeddedPostgresServer;
import io.seawatch.ops.PostgresServers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code seawatch postgres start/stop} for real: a detached JVM running the embedded Postgres on a
 * free port (--forceEmbedded, so the machine's own server is ignored and never touched).
 */
public class PostgresCommandIT {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path dataDir;

  @Test
  public void startsConnectsAndStops() throws Exception {
    dataDir = tmp.newFolder("pg").toPath();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    String url = PostgresServers.jdbcUrl("127.0.0.1", port, "postgres");

    String[] start = {
      "postgres", "start", "--forceEmbedded", "--port=" + port, "--dataDir=" + dataDir
    };
    Result started = seawatch(start);
    assertThat(started.err, started.exitCode, equalTo(0));
    assertThat(started.out, equalTo(url + "\n"));

    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select current_user, 6 * 7")) {
      rs.next();
      assertThat(rs.getString(1), equalTo("postgres"));
      assertThat(rs.getInt(2), equalTo(42));
    }

    Result again = seawatch(start);
    assertThat(again.exitCode, equalTo(0));
    assertThat(again.out, equalTo(url + "\n"));

    Result urlResult = seawatch("postgres", "url", "--forceEmbedded", "--dataDir=" + dataDir);
    assertThat(urlResult.out, equalTo(url + "\n"));

    Result stopped = seawatch("postgres", "stop", "--dataDir=" + dataDir);
    assertThat(stopped.err, stopped.exitCode, equalTo(0));
    assertThat(accepts(port), equalTo(false));
    assertThat(Files.exists(dataDir.resolve(EmbeddedPostgresServer.STATE_FILE)), equalTo(false));

    Result none = seawatch("postgres", "url", "--forceEmbedded", "--dataDir=" + dataDir);
    assertThat(none.exitCode, equalTo(2));
    assertThat(
        none.err,
        equalTo(
            "seawatch postgres: error: the embedded Postgres is not running"
                + " (seawatch postgres start)\n"));
  }

  /** Never leave a Postgres behind, even when an assertion failed half-way. */
  @After
  public void stopServer() {
    if (dataDir != null) {
      seawatch("postgres", "stop", "--dataDir=" + dataDir);
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Result seawatch(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, UTF_8);
        PrintStream e = new PrintStream(err, true, UTF_8)) {
      code = Seawatch.run(args, o, e);
    }
    return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private static final class Result {
    final int exitCode;
    final String out;
    final String err;

    Result(int exitCode, String out, String err) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }
  }
}
