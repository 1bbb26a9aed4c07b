package io.seawatch.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The embedded Postgres in a detached JVM, started and stopped through the typed API. */
public class EmbeddedPostgresServerIT {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path dataDir;

  @Test
  public void startsAnswersAndStops() throws Exception {
    dataDir = tmp.newFolder("pg").toPath();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    String url = PostgresServers.jdbcUrl("127.0.0.1", port, "postgres");
    assertEquals(Optional.empty(), PostgresServers.runningEmbedded(dataDir));

    PostgresServers.EmbeddedServer server = PostgresServers.startEmbedded(dataDir, port,
        new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
    assertEquals(port, server.port());
    assertEquals(url, server.url());
    assertEquals(Optional.of(server), PostgresServers.runningEmbedded(dataDir));
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select current_user, 6 * 7")) {
      rs.next();
      assertEquals("postgres", rs.getString(1));
      assertEquals(42, rs.getInt(2));
    }

    PostgresServers.Stopped stopped = PostgresServers.stopEmbedded(dataDir);
    assertEquals(Optional.of(server.pid()), stopped.pid());
    assertFalse(stopped.killed());
    assertFalse(PostgresServers.accepts("127.0.0.1", port));
    assertFalse(Files.exists(dataDir.resolve(EmbeddedPostgresServer.STATE_FILE)));
    assertTrue(PostgresServers.stopEmbedded(dataDir).pid().isEmpty());
  }

  /** Never leave a Postgres behind, even when an assertion failed half-way. */
  @After
  public void stopServer() {
    if (dataDir != null) {
      PostgresServers.stopEmbedded(dataDir);
    }
  }
}
