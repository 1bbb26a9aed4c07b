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

    // --database: created on the embedded server at first use, the URL names it.
    Result demo = seawatch("postgres", "url", "--forceEmbedded", "--dataDir=" + dataDir,
        "--database=seawatch");
    assertThat(demo.err, demo.exitCode, equalTo(0));
    assertThat(demo.out, equalTo("jdbc:postgresql://127.0.0.1:" + port + "/seawatch?user=postgres\n"));
    assertThat(currentDatabase(demo.out.strip()), equalTo("seawatch"));

    Result stopped = seawatch("postgres", "stop", "--dataDir=" + dataDir);
    assertThat(stopped.err, stopped.exitCode, equalTo(0));
    assertThat(accepts(port), equalTo(false));
    assertThat(Files.exists(dataDir.resolve(EmbeddedPostgresServer.STATE_FILE)), equalTo(false));

    Result none = seawatch("postgres", "url", "--forceEmbedded", "--dataDir=" + dataDir);
    assertThat(none.exitCode, equalTo(1));
    assertThat(
        none.err,
        equalTo(
            "seawatch postgres url: error: the embedded Postgres is not running"
                + " (seawatch postgres start)\n"));
  }

  /** --database on the machine's own server (127.0.0.1:5432, trust auth): a throw-away name. */
  @Test
  public void databaseIsCreatedIfMissing() throws Exception {
    String name = "seawatch_it_" + Long.toHexString(System.nanoTime());
    String admin = PostgresServers.jdbcUrl("127.0.0.1", 5432, "postgres");
    try {
      Result r = seawatch("postgres", "url", "--database=" + name);
      assertThat(r.err, r.exitCode, equalTo(0));
      assertThat(r.out, equalTo("jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres\n"));
      assertThat(databaseExists(admin, name), equalTo(true));
      assertThat(currentDatabase(r.out.strip()), equalTo(name));
      // An existing database is used as it is.
      Result again = seawatch("postgres", "start", "--database=" + name);
      assertThat(again.err, again.exitCode, equalTo(0));
      assertThat(again.out, equalTo(r.out));
    } finally {
      try (Connection c = DriverManager.getConnection(admin);
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + name);
      }
    }
    assertThat(databaseExists(admin, name), equalTo(false));

    Result bad = seawatch("postgres", "url", "--database=no-such;name");
    assertThat(bad.exitCode, equalTo(1));
    assertThat(bad.err, equalTo("seawatch postgres url: error: not a database name:"
        + " 'no-such;name' (lower-case letters, digits and _, not starting with a digit)\n"));
  }

  private static boolean databaseExists(String url, String name) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        java.sql.PreparedStatement st =
            c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1) == 1;
      }
    }
  }

  private static String currentDatabase(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    }
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
