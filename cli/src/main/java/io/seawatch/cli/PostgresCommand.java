package io.seawatch.cli;

import io.seawatch.ops.EmbeddedPostgresServer;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.PostgresServers;
import io.seawatch.ops.PostgresServers.EmbeddedServer;
import io.seawatch.ops.PostgresServers.LocalProbe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code seawatch postgres url|start|stop|status}: a Postgres for the demo ({@link
 * PostgresServers}). The machine's own server at 127.0.0.1:5432 is preferred; without one, {@code
 * start} runs an embedded Postgres in a detached JVM that outlives the command. URLs go to stdout
 * (one line, for {@code URL=$(seawatch postgres url)}), messages to stderr.
 */
public final class PostgresCommand implements Command {
  static final int DEFAULT_EMBEDDED_PORT = PostgresServers.DEFAULT_EMBEDDED_PORT;
  static final String DEFAULT_DATA_DIR = PostgresServers.DEFAULT_DATA_DIR;

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
    try {
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
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static int url(Path dataDir, boolean forceEmbedded, PrintStream out) {
    LocalProbe local = forceEmbedded ? null : PostgresServers.probeLocal();
    if (local != null && local.available()) {
      out.println(local.url());
      return 0;
    }
    Optional<EmbeddedServer> embedded = PostgresServers.runningEmbedded(dataDir);
    if (embedded.isPresent()) {
      out.println(embedded.get().url());
      return 0;
    }
    throw new UserError(
        (local == null ? "" : local.problem() + "; ")
            + "the embedded Postgres is not running (seawatch postgres start)");
  }

  private static int start(
      Path dataDir, int port, boolean forceEmbedded, PrintStream out, PrintStream err)
      throws IOException {
    if (!forceEmbedded) {
      LocalProbe local = PostgresServers.probeLocal();
      if (local.available()) {
        err.println(
            "postgres: the local server at " + PostgresServers.LOCAL_HOST + ":"
                + PostgresServers.LOCAL_PORT
                + " accepts connections; not starting the embedded one");
        out.println(local.url());
        return 0;
      }
    }
    Optional<EmbeddedServer> running = PostgresServers.runningEmbedded(dataDir);
    if (running.isPresent()) {
      err.println(
          "postgres: the embedded Postgres is already running (pid "
              + running.get().pid() + ", data in " + dataDir + ")");
      out.println(running.get().url());
      return 0;
    }
    if (PostgresServers.accepts(PostgresServers.LOCAL_HOST, port)) {
      throw new UserError(PostgresServers.LOCAL_HOST + ":" + port
          + " is already in use; choose another port with --port=N");
    }
    err.println(
        "postgres: starting the embedded Postgres on port " + port
            + " (the first start unpacks it and runs initdb: ~30 s)");
    EmbeddedServer started = PostgresServers.startEmbedded(dataDir, port, err);
    err.println(
        "postgres: embedded Postgres started (pid " + started.pid() + "), data in "
            + dataDir.resolve(EmbeddedPostgresServer.DATA_SUBDIR) + ", log in "
            + dataDir.resolve(PostgresServers.LOG_FILE));
    out.println(started.url());
    return 0;
  }

  private static int stop(Path dataDir, PrintStream err) {
    PostgresServers.Stopped stopped = PostgresServers.stopEmbedded(dataDir);
    if (stopped.pid().isEmpty()) {
      err.println("postgres: the embedded Postgres is not running (data dir " + dataDir + ")");
      return 0;
    }
    if (stopped.killed()) {
      err.println("postgres: pid " + stopped.pid().get() + " did not stop in time, killed it");
    }
    err.println("postgres: embedded Postgres stopped (pid " + stopped.pid().get() + ")");
    return 0;
  }

  private static int status(Path dataDir, PrintStream out) {
    LocalProbe local = PostgresServers.probeLocal();
    out.println(local.available() ? "local:    " + local.url() : "local:    " + local.problem());
    Optional<EmbeddedServer> embedded = PostgresServers.runningEmbedded(dataDir);
    out.println(
        embedded
            .map(p -> "embedded: " + p.url() + " (pid " + p.pid() + ")")
            .orElse("embedded: not running (data dir " + dataDir + ")"));
    return local.available() || embedded.isPresent() ? 0 : 3;
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
