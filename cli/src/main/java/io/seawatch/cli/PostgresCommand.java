package io.seawatch.cli;

import io.seawatch.ops.EmbeddedPostgresServer;
import io.seawatch.ops.PostgresServers;
import io.seawatch.ops.PostgresServers.EmbeddedServer;
import io.seawatch.ops.PostgresServers.LocalProbe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch postgres url|start|stop|status}: a Postgres for the demo ({@link
 * PostgresServers}). The machine's own server at 127.0.0.1:5432 is preferred; without one, {@code
 * start} runs an embedded Postgres in a detached JVM that outlives the command. URLs go to stdout
 * (one line, for {@code URL=$(seawatch postgres url)}), messages to stderr.
 */
@CommandLine.Command(
    name = "postgres",
    sortOptions = false,
    sortSynopsis = false,
    synopsisSubcommandLabel = "ACTION",
    commandListHeading = "%nActions:%n",
    description = "Find or start a Postgres for the demo (url | start | stop | status)",
    subcommands = {PostgresCommand.Url.class, PostgresCommand.Start.class,
        PostgresCommand.Stop.class, PostgresCommand.Status.class})
public final class PostgresCommand implements Callable<Integer> {
  @Mixin private HelpOption help;
  @Spec private CommandSpec spec;

  /** No action given. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "give an action: url, start, stop or status");
  }

  /** {@code --dataDir}: where the embedded server keeps its data, log and state file. */
  static final class DataDir {
    @Option(
        names = "--dataDir",
        paramLabel = "DIR",
        defaultValue = PostgresServers.DEFAULT_DATA_DIR,
        description = "The embedded server's data, log and state, relative to the working"
            + " directory unless absolute (default: ${DEFAULT-VALUE}).")
    private Path dir;

    Path path() {
      return dir.toAbsolutePath().normalize();
    }
  }

  /** {@code --forceEmbedded} and {@code --database}: which server, which database (url, start). */
  static final class Target {
    @Option(
        names = {"--forceEmbedded", "--force-embedded"},
        arity = "0..1",
        paramLabel = "true|false",
        description = "Ignore the local server.")
    private boolean forceEmbedded;

    @Option(
        names = "--database",
        paramLabel = "NAME",
        description = "The database of the URL, created if it is missing (default: postgres).")
    private String database;

    /** The URL of the database asked for on the server of {@code url}. */
    String url(String url) {
      return database == null ? url : PostgresServers.withDatabase(url, database);
    }
  }

  @CommandLine.Command(
      name = "url",
      sortOptions = false,
      sortSynopsis = false,
      description = "Print a JDBC URL: the local server at " + PostgresServers.LOCAL_HOST + ":"
          + PostgresServers.LOCAL_PORT + " (user postgres or the OS user) if it accepts"
          + " connections, else the embedded one if it runs.")
  static final class Url implements Callable<Integer> {
    @Mixin private HelpOption help;
    @Mixin private Target target;
    @Mixin private DataDir dataDir;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      PrintStream out = Seawatch.of(spec).out;
      LocalProbe local = target.forceEmbedded ? null : PostgresServers.probeLocal();
      if (local != null && local.available()) {
        out.println(target.url(local.url()));
        return 0;
      }
      Optional<EmbeddedServer> embedded = PostgresServers.runningEmbedded(dataDir.path());
      if (embedded.isPresent()) {
        out.println(target.url(embedded.get().url()));
        return 0;
      }
      throw new CommandFailure(
          (local == null ? "" : local.problem() + "; ")
              + "the embedded Postgres is not running (seawatch postgres start)");
    }
  }

  @CommandLine.Command(
      name = "start",
      sortOptions = false,
      sortSynopsis = false,
      description = "Start the embedded Postgres in the background, unless the local server is"
          + " reachable; print the URL.")
  static final class Start implements Callable<Integer> {
    @Mixin private HelpOption help;
    @Mixin private Target target;
    @Mixin private DataDir dataDir;

    @Option(
        names = "--port",
        paramLabel = "N",
        defaultValue = "" + PostgresServers.DEFAULT_EMBEDDED_PORT,
        description = "The embedded server's port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintStream out = Seawatch.of(spec).out;
      PrintStream err = Seawatch.of(spec).err;
      Checks.positive(spec, "--port", port);
      Path dir = dataDir.path();
      if (!target.forceEmbedded) {
        LocalProbe local = PostgresServers.probeLocal();
        if (local.available()) {
          err.println("postgres: the local server at " + PostgresServers.LOCAL_HOST + ":"
              + PostgresServers.LOCAL_PORT + " accepts connections; not starting the embedded one");
          out.println(target.url(local.url()));
          return 0;
        }
      }
      Optional<EmbeddedServer> running = PostgresServers.runningEmbedded(dir);
      if (running.isPresent()) {
        err.println("postgres: the embedded Postgres is already running (pid "
            + running.get().pid() + ", data in " + dir + ")");
        out.println(target.url(running.get().url()));
        return 0;
      }
      if (PostgresServers.accepts(PostgresServers.LOCAL_HOST, port)) {
        throw new CommandFailure(PostgresServers.LOCAL_HOST + ":" + port
            + " is already in use; choose another port with --port=N");
      }
      err.println("postgres: starting the embedded Postgres on port " + port
          + " (the first start unpacks it and runs initdb: ~30 s)");
      EmbeddedServer started = PostgresServers.startEmbedded(dir, port, err);
      err.println("postgres: embedded Postgres started (pid " + started.pid() + "), data in "
          + dir.resolve(EmbeddedPostgresServer.DATA_SUBDIR) + ", log in "
          + dir.resolve(PostgresServers.LOG_FILE));
      out.println(target.url(started.url()));
      return 0;
    }
  }

  @CommandLine.Command(
      name = "stop",
      sortOptions = false,
      sortSynopsis = false,
      description = "Stop the embedded Postgres of --dataDir (never the machine's own server).")
  static final class Stop implements Callable<Integer> {
    @Mixin private HelpOption help;
    @Mixin private DataDir dataDir;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      PrintStream err = Seawatch.of(spec).err;
      Path dir = dataDir.path();
      PostgresServers.Stopped stopped = PostgresServers.stopEmbedded(dir);
      if (stopped.pid().isEmpty()) {
        err.println("postgres: the embedded Postgres is not running (data dir " + dir + ")");
        return 0;
      }
      if (stopped.killed()) {
        err.println("postgres: pid " + stopped.pid().get() + " did not stop in time, killed it");
      }
      err.println("postgres: embedded Postgres stopped (pid " + stopped.pid().get() + ")");
      return 0;
    }
  }

  @CommandLine.Command(
      name = "status",
      sortOptions = false,
      sortSynopsis = false,
      description = "What is reachable: the local server and the embedded one (exit status 3 if"
          + " neither).")
  static final class Status implements Callable<Integer> {
    @Mixin private HelpOption help;
    @Mixin private DataDir dataDir;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      PrintStream out = Seawatch.of(spec).out;
      Path dir = dataDir.path();
      LocalProbe local = PostgresServers.probeLocal();
      out.println(local.available() ? "local:    " + local.url() : "local:    " + local.problem());
      Optional<EmbeddedServer> embedded = PostgresServers.runningEmbedded(dir);
      out.println(embedded
          .map(p -> "embedded: " + p.url() + " (pid " + p.pid() + ")")
          .orElse("embedded: not running (data dir " + dir + ")"));
      return local.available() || embedded.isPresent() ? 0 : 3;
    }
  }
}
