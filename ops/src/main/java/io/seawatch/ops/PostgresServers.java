package io.seawatch.ops;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Postgres for the demo: the machine's own server at 127.0.0.1:5432 when it takes connections,
 * else an embedded Postgres (zonky, bundled binaries) in a detached JVM of its own
 * ({@link EmbeddedPostgresServer}) that outlives the process that started it. Its data, log and
 * state file live in one data directory.
 */
public final class PostgresServers {
  public static final String LOCAL_HOST = "127.0.0.1";
  public static final int LOCAL_PORT = 5432;
  public static final int DEFAULT_EMBEDDED_PORT = 54329;
  public static final String DEFAULT_DATA_DIR = ".seawatch/postgres";
  public static final String LOG_FILE = "postgres.log";

  private static final int CONNECT_TIMEOUT_S = 2;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String SERVER_CLASS = EmbeddedPostgresServer.class.getName();
  /** Matches servers of this build and of builds that had the class in another package. */
  private static final String SERVER_SIMPLE_NAME = EmbeddedPostgresServer.class.getSimpleName();

  private PostgresServers() {}

  /** What the machine's own server offers: a working URL, or why not (then url is null). */
  public record LocalProbe(String url, String problem) {
    public boolean available() {
      return url != null;
    }
  }

  /** A running embedded server, from its state file. */
  public record EmbeddedServer(long pid, int port, String url) {}

  /** {@code jdbc:postgresql://HOST:PORT/postgres?user=USER}. */
  public static String jdbcUrl(String host, int port, String user) {
    return "jdbc:postgresql://" + host + ":" + port + "/postgres?user=" + user;
  }

  /** A database name {@link #withDatabase} accepts: an unquoted Postgres identifier. */
  private static final java.util.regex.Pattern DATABASE_NAME =
      java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /**
   * The URL of {@code database} on the server of {@code url} (a URL of {@link #jdbcUrl}'s form),
   * after creating the database if it is missing.
   *
   * @throws OperatorError for a name that is not a plain identifier, or when the server refuses
   */
  public static String withDatabase(String url, String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new OperatorError("not a database name: '" + database
          + "' (lower-case letters, digits and _, not starting with a digit)");
    }
    try (Connection c = DriverManager.getConnection(url)) {
      boolean exists;
      try (var st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        st.setString(1, database);
        try (var rs = st.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        // An identifier cannot be a bind parameter: the name matched DATABASE_NAME above.
        try (var st = c.createStatement()) {
          st.execute("CREATE DATABASE " + database);
        }
      }
    } catch (SQLException e) {
      throw new OperatorError("cannot create database " + database + " at " + url + ": "
          + e.getMessage(), e);
    }
    return url.replaceFirst("/postgres\\?", "/" + database + "?");
  }

  /** Tries the local server with user {@code postgres}, then the OS user. */
  public static LocalProbe probeLocal() {
    if (!accepts(LOCAL_HOST, LOCAL_PORT)) {
      return new LocalProbe(
          null, "nothing accepts connections at " + LOCAL_HOST + ":" + LOCAL_PORT);
    }
    Set<String> users = new LinkedHashSet<>(List.of("postgres", System.getProperty("user.name")));
    List<String> refusals = new ArrayList<>();
    for (String user : users) {
      String url = jdbcUrl(LOCAL_HOST, LOCAL_PORT, user);
      if (canConnect(url, refusals)) {
        return new LocalProbe(url, null);
      }
    }
    return new LocalProbe(
        null,
        LOCAL_HOST + ":" + LOCAL_PORT + " refused users " + String.join(", ", users) + " ("
            + String.join("; ", refusals) + ")");
  }

  /** The embedded server of {@code dataDir} if it runs and answers JDBC connections. */
  public static Optional<EmbeddedServer> runningEmbedded(Path dataDir) {
    Properties state = readState(dataDir);
    if (state == null || serverProcess(state.getProperty("pid")).isEmpty()) {
      return Optional.empty();
    }
    String url = state.getProperty("url");
    if (url == null || !canConnect(url, new ArrayList<>())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new EmbeddedServer(Long.parseLong(state.getProperty("pid")),
          Integer.parseInt(state.getProperty("port", "-1")), url));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Starts the embedded server of {@code dataDir} on {@code port} in a detached JVM and waits
   * until it takes connections (the first start unpacks it and runs initdb: ~30 s).
   *
   * @param log where the server's log tail goes when it fails to start
   * @throws OperatorError when the port is taken, the server exits or does not start in time
   */
  public static EmbeddedServer startEmbedded(Path dataDir, int port, PrintStream log)
      throws IOException {
    if (accepts(LOCAL_HOST, port)) {
      throw new OperatorError(
          LOCAL_HOST + ":" + port + " is already in use; choose another port with --port=N");
    }
    Files.createDirectories(dataDir);
    Path logFile = dataDir.resolve(LOG_FILE);
    Process process = launchServer(dataDir, port, logFile);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      Optional<EmbeddedServer> state = runningEmbedded(dataDir);
      if (state.isPresent()) {
        return state.get();
      }
      if (!process.isAlive()) {
        printTail(logFile, log);
        throw new OperatorError(
            "the embedded Postgres exited during start-up (log: " + logFile + ")");
      }
      if (System.nanoTime() > deadline) {
        printTail(logFile, log);
        throw new OperatorError(
            "the embedded Postgres (pid " + process.pid() + ") did not accept connections within "
                + START_TIMEOUT.toSeconds() + " s (log: " + logFile
                + "; seawatch postgres stop --dataDir=" + dataDir + ")");
      }
      sleep(500);
    }
  }

  /** How a stop went: the pid that was stopped (empty: none ran) and whether it needed a kill. */
  public record Stopped(Optional<Long> pid, boolean killed) {}

  /** Stops the embedded server of {@code dataDir} (never the machine's own server). */
  public static Stopped stopEmbedded(Path dataDir) {
    Properties state = readState(dataDir);
    Optional<ProcessHandle> server =
        state == null ? Optional.empty() : serverProcess(state.getProperty("pid"));
    if (server.isEmpty()) {
      return new Stopped(Optional.empty(), false);
    }
    ProcessHandle h = server.get();
    h.destroy(); // SIGTERM: the server's shutdown hook stops Postgres (pg_ctl stop) and exits.
    boolean killed = false;
    if (!waitForExit(h, STOP_TIMEOUT)) {
      killed = true;
      h.destroyForcibly();
      waitForExit(h, Duration.ofSeconds(5));
      stopOrphanedPostmaster(dataDir);
    }
    return new Stopped(Optional.of(h.pid()), killed);
  }

  private static boolean canConnect(String url, List<String> refusals) {
    Properties props = new Properties();
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
    props.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_S));
    props.setProperty("socketTimeout", Integer.toString(CONNECT_TIMEOUT_S * 2));
    try (Connection c = DriverManager.getConnection(url, props)) {
      return c.isValid(CONNECT_TIMEOUT_S);
    } catch (SQLException e) {
      refusals.add(e.getMessage());
      return false;
    }
  }

  /** Whether something accepts TCP connections at host:port. */
  public static boolean accepts(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_S * 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Properties readState(Path dataDir) {
    Path file = dataDir.resolve(EmbeddedPostgresServer.STATE_FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
      return p;
    } catch (IOException e) {
      return null;
    }
  }

  /** The live process of that pid if it is our server (a stale pid may have been reused). */
  private static Optional<ProcessHandle> serverProcess(String pid) {
    if (pid == null) {
      return Optional.empty();
    }
    try {
      return ProcessHandle.of(Long.parseLong(pid))
          .filter(ProcessHandle::isAlive)
          .filter(h -> commandLine(h).map(c -> c.contains(SERVER_SIMPLE_NAME)).orElse(true));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** ProcessHandle.Info cuts the command line at 4 KB, before the class name of a long -cp. */
  private static Optional<String> commandLine(ProcessHandle h) {
    Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
    try {
      return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return h.info().commandLine();
    }
  }

  private static Process launchServer(Path dataDir, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    // Its own session: Ctrl-C in the shell that ran `seawatch postgres start` must not reach it.
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SERVER_CLASS);
    command.add("--dataDir=" + dataDir);
    command.add("--port=" + port);
    return new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true)
        .start();
  }

  /** After a SIGKILL of the server JVM its postmaster child keeps running: stop it too. */
  private static void stopOrphanedPostmaster(Path dataDir) {
    Path pidFile = dataDir.resolve(EmbeddedPostgresServer.DATA_SUBDIR).resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      if (!lines.isEmpty()) {
        ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
            .ifPresent(
                h -> {
                  h.destroy();
                  waitForExit(h, STOP_TIMEOUT);
                });
      }
    } catch (IOException | NumberFormatException e) {
      // No postmaster.pid: Postgres is not running.
    }
  }

  private static boolean waitForExit(ProcessHandle h, Duration timeout) {
    try {
      h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !h.isAlive();
    } catch (Exception e) {
      return !h.isAlive();
    }
  }

  private static void printTail(Path log, PrintStream err) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      err.println("--- last lines of " + log + " ---");
      lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(err::println);
    } catch (IOException e) {
      // nothing to show
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorError("interrupted");
    }
  }
}
