package io.seawatch.cli;

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
 * {@code seawatch postgres url|start|stop|status}: a Postgres for the demo. The machine's own
 * server at 127.0.0.1:5432 is preferred; without one, {@code start} runs an embedded Postgres
 * (zonky, bundled binaries) in a detached JVM ({@link EmbeddedPostgresServer}) that outlives the
 * command. URLs go to stdout (one line, for {@code URL=$(seawatch postgres url)}), messages to
 * stderr.
 */
public final class PostgresCommand implements Command {
  static final String LOCAL_HOST = "127.0.0.1";
  static final int LOCAL_PORT = 5432;
  static final int DEFAULT_EMBEDDED_PORT = 54329;
  static final String DEFAULT_DATA_DIR = ".seawatch/postgres";
  static final String LOG_FILE = "postgres.log";

  private static final int CONNECT_TIMEOUT_S = 2;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String SERVER_CLASS = EmbeddedPostgresServer.class.getName();

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public String summary() {
    return "Find or start a Postgres for the demo (url | start | stop | status)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    if (args.isEmpty() || Seawatch.isHelp(args.get(0))) {
      usage(args.isEmpty() ? err : out);
      return args.isEmpty() ? 2 : 0;
    }
    String action = args.get(0);
    Flags flags =
        Flags.parse(
            name(),
            args.subList(1, args.size()),
            Set.of("dataDir", "port"),
            Set.of("forceEmbedded", "force-embedded", "help"));
    if (flags.has("help")) {
      usage(out);
      return 0;
    }
    Path dataDir = Path.of(flags.string("dataDir", DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
    boolean forceEmbedded = flags.has("forceEmbedded") || flags.has("force-embedded");
    switch (action) {
      case "url":
        return url(dataDir, forceEmbedded, out);
      case "start":
        return start(
            dataDir, flags.positiveInt("port", DEFAULT_EMBEDDED_PORT), forceEmbedded, out, err);
      case "stop":
        return stop(dataDir, err);
      case "status":
        return status(dataDir, out);
      default:
        throw flags.error("unknown action '" + action + "': url, start, stop or status");
    }
  }

  /** {@code jdbc:postgresql://HOST:PORT/postgres?user=USER}. */
  static String jdbcUrl(String host, int port, String user) {
    return "jdbc:postgresql://" + host + ":" + port + "/postgres?user=" + user;
  }

  private static int url(Path dataDir, boolean forceEmbedded, PrintStream out) {
    LocalProbe local = forceEmbedded ? null : probeLocal();
    if (local != null && local.url != null) {
      out.println(local.url);
      return 0;
    }
    Optional<Properties> embedded = runningEmbedded(dataDir);
    if (embedded.isPresent()) {
      out.println(embedded.get().getProperty("url"));
      return 0;
    }
    throw new UserError(
        (local == null ? "" : local.problem + "; ")
            + "the embedded Postgres is not running (seawatch postgres start)");
  }

  private static int start(
      Path dataDir, int port, boolean forceEmbedded, PrintStream out, PrintStream err)
      throws IOException {
    if (!forceEmbedded) {
      LocalProbe local = probeLocal();
      if (local.url != null) {
        err.println(
            "postgres: the local server at " + LOCAL_HOST + ":" + LOCAL_PORT
                + " accepts connections; not starting the embedded one");
        out.println(local.url);
        return 0;
      }
    }
    Optional<Properties> running = runningEmbedded(dataDir);
    if (running.isPresent()) {
      err.println(
          "postgres: the embedded Postgres is already running (pid "
              + running.get().getProperty("pid") + ", data in " + dataDir + ")");
      out.println(running.get().getProperty("url"));
      return 0;
    }
    if (accepts(LOCAL_HOST, port)) {
      throw new UserError(
          LOCAL_HOST + ":" + port + " is already in use; choose another port with --port=N");
    }

    Files.createDirectories(dataDir);
    Path log = dataDir.resolve(LOG_FILE);
    Process process = launchServer(dataDir, port, log);
    err.println(
        "postgres: starting the embedded Postgres on port " + port
            + " (the first start unpacks it and runs initdb: ~30 s)");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      Optional<Properties> state = runningEmbedded(dataDir);
      if (state.isPresent()) {
        err.println(
            "postgres: embedded Postgres started (pid " + state.get().getProperty("pid")
                + "), data in " + dataDir.resolve(EmbeddedPostgresServer.DATA_SUBDIR)
                + ", log in " + log);
        out.println(state.get().getProperty("url"));
        return 0;
      }
      if (!process.isAlive()) {
        printTail(log, err);
        throw new UserError("the embedded Postgres exited during start-up (log: " + log + ")");
      }
      if (System.nanoTime() > deadline) {
        printTail(log, err);
        throw new UserError(
            "the embedded Postgres (pid " + process.pid() + ") did not accept connections within "
                + START_TIMEOUT.toSeconds() + " s (log: " + log + "; seawatch postgres stop)");
      }
      sleep(500);
    }
  }

  private static int stop(Path dataDir, PrintStream err) {
    Properties state = readState(dataDir);
    Optional<ProcessHandle> server =
        state == null ? Optional.empty() : serverProcess(state.getProperty("pid"));
    if (server.isEmpty()) {
      err.println(
          "postgres: the embedded Postgres is not running (data dir " + dataDir + ")");
      return 0;
    }
    ProcessHandle h = server.get();
    h.destroy(); // SIGTERM: the server's shutdown hook stops Postgres (pg_ctl stop) and exits.
    if (!waitForExit(h, STOP_TIMEOUT)) {
      err.println("postgres: pid " + h.pid() + " did not stop in time, killing it");
      h.destroyForcibly();
      waitForExit(h, Duration.ofSeconds(5));
      stopOrphanedPostmaster(dataDir);
    }
    err.println("postgres: embedded Postgres stopped (pid " + h.pid() + ")");
    return 0;
  }

  private static int status(Path dataDir, PrintStream out) {
    LocalProbe local = probeLocal();
    out.println(
        local.url != null ? "local:    " + local.url : "local:    " + local.problem);
    Optional<Properties> embedded = runningEmbedded(dataDir);
    out.println(
        embedded
            .map(p -> "embedded: " + p.getProperty("url") + " (pid " + p.getProperty("pid") + ")")
            .orElse("embedded: not running (data dir " + dataDir + ")"));
    return local.url != null || embedded.isPresent() ? 0 : 3;
  }

  /** What the machine's own server at 127.0.0.1:5432 offers: a working URL, or why not. */
  private static final class LocalProbe {
    final String url;
    final String problem;

    LocalProbe(String url, String problem) {
      this.url = url;
      this.problem = problem;
    }
  }

  private static LocalProbe probeLocal() {
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

  private static boolean accepts(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_S * 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The state of a running embedded server that answers JDBC connections, if there is one. */
  private static Optional<Properties> runningEmbedded(Path dataDir) {
    Properties state = readState(dataDir);
    if (state == null || serverProcess(state.getProperty("pid")).isEmpty()) {
      return Optional.empty();
    }
    String url = state.getProperty("url");
    boolean answers = url != null && canConnect(url, new ArrayList<>());
    return answers ? Optional.of(state) : Optional.empty();
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
          .filter(h -> commandLine(h).map(c -> c.contains(SERVER_CLASS)).orElse(true));
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
      throw new UserError("interrupted");
    }
  }

  private static void usage(PrintStream out) {
    out.println("Usage: seawatch postgres url|start|stop|status [options]");
    out.println();
    out.println("  url     print a JDBC URL: the local server at 127.0.0.1:5432 (database");
    out.println("          postgres, user postgres or the OS user) if it accepts connections,");
    out.println("          else the embedded one if it runs");
    out.println("  start   start the embedded Postgres in the background, unless the local server");
    out.println("          is reachable; prints the URL");
    out.println("  stop    stop the embedded Postgres (never the machine's own server)");
    out.println("  status  what is reachable (exit 3 if nothing)");
    out.println();
    out.println(
        "  --dataDir=DIR     embedded data, log and state (default ./" + DEFAULT_DATA_DIR + ")");
    out.println("  --port=N          embedded port (default " + DEFAULT_EMBEDDED_PORT + ")");
    out.println("  --forceEmbedded   ignore the local server (url, start)");
  }
}
