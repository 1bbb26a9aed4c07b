package io.seawatch.cli;

import io.seawatch.harness.CrashTest;
import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.OperatorError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code seawatch crashtest}: runs {@link CrashTest} (a TaskManager killed and restarted, Postgres
 * restarted, optionally a stop with savepoint and a resume, while a generated fleet is replayed)
 * and prints its comparison of every table with a clean DirectRunner run. Exit 0 only when all
 * tables are equal.
 */
public final class CrashTestCommand implements Command {
  private static final int DIFFERENCES_SHOWN = 3;

  @Override
  public String name() {
    return "crashtest";
  }

  @Override
  public String summary() {
    return "Kill the Flink TaskManager mid-run and prove the tables equal a clean run";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Flags f =
        Flags.parse(
            name(),
            args,
            Set.of("messages", "kills", "restartPostgres", "postgresRestartCommand", "seed",
                "bootstrapServers", "jdbcUrl", "jdbcUser", "flinkRest", "repo", "jar", "stateDir",
                "replaySeconds", "partitions", "timeoutMinutes", "savepoints", "flinkRpcPort"),
            Set.of("keepSchemas", "embeddedPostgres", "scenarios", "help"));
    if (f.has("help")) {
      usage(out);
      return 0;
    }
    CrashTest.Builder b = CrashTest.Settings.builder()
        .messages(f.positiveInt("messages", CrashTest.Builder.DEFAULT_MESSAGES))
        .kills(nonNegative(f, "kills", CrashTest.Builder.DEFAULT_KILLS))
        .savepoints(nonNegative(f, "savepoints", CrashTest.Builder.DEFAULT_SAVEPOINTS))
        .restartPostgres(Boolean.parseBoolean(f.string("restartPostgres", "true")))
        .seed(Long.parseLong(f.string("seed", Long.toString(CrashTest.Builder.DEFAULT_SEED))))
        .bootstrapServers(f.string("bootstrapServers", KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS))
        .jdbcUser(f.string("jdbcUser", CrashTest.Builder.DEFAULT_JDBC_USER))
        .flinkRest(f.string("flinkRest", FlinkRest.DEFAULT_URL))
        .flinkRpcPort(f.positiveInt("flinkRpcPort", CrashTest.Builder.DEFAULT_FLINK_RPC_PORT))
        .embeddedPostgres(f.has("embeddedPostgres"))
        .replaySeconds(f.positiveInt("replaySeconds", CrashTest.Builder.DEFAULT_REPLAY_SECONDS))
        .partitions(f.positiveInt("partitions", CrashTest.Builder.DEFAULT_PARTITIONS))
        .timeoutMinutes(f.positiveInt("timeoutMinutes", CrashTest.Builder.DEFAULT_TIMEOUT_MINUTES))
        .keepSchemas(f.has("keepSchemas"))
        .scenarios(f.has("scenarios"));
    if (f.has("embeddedPostgres") && (f.has("jdbcUrl") || f.has("postgresRestartCommand"))) {
      throw f.error("--embeddedPostgres starts and restarts its own Postgres: leave out --jdbcUrl"
          + " and --postgresRestartCommand");
    }
    if (f.has("jdbcUrl")) {
      b.jdbcUrl(f.string("jdbcUrl", ""));
    }
    if (f.has("postgresRestartCommand")) {
      b.postgresRestartCommand(f.string("postgresRestartCommand", ""));
    }
    if (f.has("repo")) {
      b.repo(Path.of(f.string("repo", "")));
    }
    if (f.has("jar")) {
      b.jar(Path.of(f.string("jar", "")));
    }
    if (f.has("stateDir")) {
      b.stateDir(Path.of(f.string("stateDir", "")));
    }
    CrashTest.Report report;
    try {
      report = CrashTest.run(b.build(), out);
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
    // The harness's log format, timed at the comparison, as before the split.
    out.printf(Locale.ROOT, "crashtest [%6.1f s] comparison, A = DirectRunner bounded (%s),"
        + " B = Flink session cluster with crashes (%s):%n", report.seconds(), report.schemaA(),
        report.schemaB());
    print(report.tables(), out);
    out.printf(Locale.ROOT, "crashtest [%6.1f s] %s: %d tables, %,d rows in A%n",
        report.seconds(), report.allEqual() ? "ALL EQUAL" : "NOT EQUAL", report.tables().size(),
        report.rowsA());
    return report.allEqual() ? 0 : 1;
  }

  private static int nonNegative(Flags f, String name, int dflt) {
    if (!f.has(name)) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(f.string(name, ""));
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw f.error("--" + name + " must be a whole number >= 0");
  }

  static void print(List<CrashTest.TableComparison> tables, PrintStream out) {
    out.printf(Locale.ROOT, "  %-20s %12s %12s  %s%n", "table", "rows A", "rows B", "result");
    for (CrashTest.TableComparison t : tables) {
      out.printf(Locale.ROOT, "  %-20s %,12d %,12d  %s%n", t.table(), t.rowsA(), t.rowsB(),
          t.equal() ? "equal" : "DIFFERENT (" + t.onlyInA().size() + " rows only in A, "
              + t.onlyInB().size() + " only in B)");
      for (String r : t.onlyInA().subList(0, Math.min(DIFFERENCES_SHOWN, t.onlyInA().size()))) {
        out.println("      only in A: " + r);
      }
      for (String r : t.onlyInB().subList(0, Math.min(DIFFERENCES_SHOWN, t.onlyInB().size()))) {
        out.println("      only in B: " + r);
      }
    }
  }

  private static void usage(PrintStream out) {
    out.println(String.join("\n",
        "Usage: seawatch crashtest [options]",
        "Replays a generated fleet to a fresh topic while the streaming ingest runs on the Flink",
        "session cluster, kills the TaskManager (SIGKILL) and restarts it, restarts Postgres once,",
        "then compares every table with a DirectRunner run of the same topic. Exit 0 = all equal.",
        "",
        "  --messages=N          about N lines (default 200000)",
        "  --kills=K             TaskManager kills (default 3)",
        "  --savepoints=N        after the kills, N times: stop the job with a savepoint and"
            + " resume it from there (default 0)",
        "  --restartPostgres=B   restart Postgres once mid-run (default true)",
        "  --postgresRestartCommand=CMD  (default: " + CrashTest.Builder.DEFAULT_POSTGRES_RESTART + ")",
        "  --embeddedPostgres    run against an embedded Postgres of its own on a free port"
            + " (started, restarted and stopped here; no root needed) instead of --jdbcUrl",
        "  --seed=S              fleet and kill moments (default 42)",
        "  --replaySeconds=T     spread the replay over about T s (default 120)",
        "  --partitions=P        partitions of the fresh topic (default 4)",
        "  --bootstrapServers=HOST:PORT  (default " + ReplayCommand.DEFAULT_BOOTSTRAP_SERVERS + ")",
        "  --jdbcUrl=URL         base URL, the two schemas are created in it",
        "  --jdbcUser=USER       (default postgres; password from PGPASSWORD)",
        "  --flinkRest=URL       the session cluster's REST address; started here (and stopped"
            + " afterwards) when nothing answers there (default " + FlinkRest.DEFAULT_URL + ")",
        "  --flinkRpcPort=N      the JobManager's RPC port when started here (default 6123)",
        "  --repo=DIR --jar=FILE --stateDir=DIR  repository, job jar, cluster state directory",
        "  --timeoutMinutes=M    give up waiting for the Flink job after M minutes (default 30)",
        "  --scenarios           merge the named analytics scenarios into the fleet (loitering,"
            + " meeting, going dark, spoofing, port call, feed stall) and add their port geofence",
        "  --keepSchemas         keep the two schemas for inspection"));
  }
}
