package io.seawatch.ops;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded Postgres of {@code seawatch postgres start}, as a process of its own: {@link
 * PostgresServers#startEmbedded} launches this class in a detached JVM so the database outlives the command.
 * It starts a zonky embedded Postgres (bundled binaries, data kept in {@code <dataDir>/data}
 * across restarts), writes {@code <dataDir>/server.properties} (pid, port, url) once the server
 * accepts connections, and on SIGTERM stops Postgres and removes that file.
 *
 * <p>Usage: {@code java -cp seawatch.jar io.seawatch.ops.EmbeddedPostgresServer
 * --dataDir=DIR --port=N}
 */
public final class EmbeddedPostgresServer {
  public static final String STATE_FILE = "server.properties";
  public static final String DATA_SUBDIR = "data";

  private EmbeddedPostgresServer() {}

  public static void main(String[] args) throws Exception {
    String dataDir = null;
    int port = PostgresServers.DEFAULT_EMBEDDED_PORT;
    for (String arg : args) {
      if (arg.startsWith("--dataDir=")) {
        dataDir = arg.substring("--dataDir=".length());
      } else if (arg.startsWith("--port=")) {
        port = Integer.parseInt(arg.substring("--port=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'; usage: "
            + EmbeddedPostgresServer.class.getName() + " --dataDir=DIR [--port=N]");
      }
    }
    if (dataDir == null || dataDir.isEmpty() || port <= 0) {
      throw new IllegalArgumentException("usage: " + EmbeddedPostgresServer.class.getName()
          + " --dataDir=DIR [--port=N]");
    }
    Path dir = Path.of(dataDir).toAbsolutePath();
    Files.createDirectories(dir);
    Path state = dir.resolve(STATE_FILE);
    Files.deleteIfExists(state);

    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve(DATA_SUBDIR))
            // Keep the data across restarts: the demo's tables survive a stop/start.
            .setCleanDataDirectory(false)
            .setPort(port)
            // The first start also unpacks the binaries and runs initdb before this wait begins.
            .setPGStartupWait(Duration.ofSeconds(60))
            // We stop Postgres ourselves, in order, from our own hook below.
            .setRegisterShutdownHook(false)
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(state);
                    pg.close();
                    System.out.println("embedded Postgres stopped");
                  } catch (IOException e) {
                    e.printStackTrace();
                  } finally {
                    stopped.countDown();
                  }
                },
                "stop-embedded-postgres"));

    String url = PostgresServers.jdbcUrl("127.0.0.1", port, "postgres");
    writeState(state, ProcessHandle.current().pid(), port, url);
    System.out.println("embedded Postgres ready: " + url);
    stopped.await();
  }

  private static void writeState(Path state, long pid, int port, String url) {
    Properties p = new Properties();
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("port", Integer.toString(port));
    p.setProperty("url", url);
    Path tmp = state.resolveSibling(STATE_FILE + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp)) {
      p.store(w, "seawatch embedded Postgres");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.move(tmp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
