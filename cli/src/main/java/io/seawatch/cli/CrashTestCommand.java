package io.seawatch.cli;

import io.seawatch.harness.CrashTest;
import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.KafkaTopics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch crashtest}: runs {@link CrashTest} (a TaskManager killed and restarted, Postgres
 * restarted, optionally a stop with savepoint and a resume, while a generated fleet is replayed)
 * and prints its comparison of every table with a clean DirectRunner run. Exit 0 only when all
 * tables are equal. The defaults are the harness's ({@link CrashTest.Builder}).
 */
@CommandLine.Command(
    name = "crashtest",
    sortOptions = false,
    sortSynopsis = false,
    description = {
      "Kill the Flink TaskManager mid-run and prove the tables equal a clean run",
      "",
      "Replays a generated fleet to a fresh topic while the streaming ingest runs on the Flink"
          + " session cluster, kills the TaskManager (SIGKILL) and restarts it, restarts Postgres"
          + " once, then compares every table with a DirectRunner run of the same topic. Exit"
          + " status 0: all equal."
    })
public final class CrashTestCommand implements Callable<Integer> {
  private static final int DIFFERENCES_SHOWN = 3;

  @Mixin private HelpOption help;

  @Option(names = "--messages", paramLabel = "N",
      defaultValue = "" + CrashTest.Builder.DEFAULT_MESSAGES,
      description = "About N lines (default: ${DEFAULT-VALUE}).")
  private int messages;

  @Option(names = "--kills", paramLabel = "K", defaultValue = "" + CrashTest.Builder.DEFAULT_KILLS,
      description = "TaskManager kills (default: ${DEFAULT-VALUE}).")
  private int kills;

  @Option(names = "--savepoints", paramLabel = "N",
      defaultValue = "" + CrashTest.Builder.DEFAULT_SAVEPOINTS,
      description = "After the kills, N times: stop the job with a savepoint and resume it from"
          + " there (default: ${DEFAULT-VALUE}).")
  private int savepoints;

  @Option(names = "--jobManagerKills", paramLabel = "N",
      defaultValue = "" + CrashTest.Builder.DEFAULT_JOB_MANAGER_KILLS,
      description = "Last, N times: SIGKILL the JobManager, start a new one and submit the job"
          + " again from its newest complete checkpoint (default: ${DEFAULT-VALUE}).")
  private int jobManagerKills;

  @Option(names = "--restartPostgres", arity = "0..1", paramLabel = "true|false",
      defaultValue = "true", fallbackValue = "true",
      description = "Restart Postgres once mid-run (default: ${DEFAULT-VALUE}).")
  private boolean restartPostgres;

  @Option(names = "--postgresDownSeconds", paramLabel = "S", defaultValue = "0",
      description = "Keep Postgres down this long at its restart; the job must retry and catch"
          + " up (default: ${DEFAULT-VALUE}: restarted at once).")
  private int postgresDownSeconds;

  @Option(names = "--postgresRestartCommand", paramLabel = "CMD",
      description = "How Postgres is restarted (default: "
          + CrashTest.Builder.DEFAULT_POSTGRES_RESTART + ").")
  private String postgresRestartCommand;

  @Option(names = "--embeddedPostgres", arity = "0..1", paramLabel = "true|false",
      description = "Run against an embedded Postgres of its own on a free port (started,"
          + " restarted and stopped here; no root needed) instead of --jdbcUrl.")
  private boolean embeddedPostgres;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + CrashTest.Builder.DEFAULT_SEED,
      description = "Fleet and kill moments (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--replaySeconds", paramLabel = "T",
      defaultValue = "" + CrashTest.Builder.DEFAULT_REPLAY_SECONDS,
      description = "Spread the replay over about T s (default: ${DEFAULT-VALUE}).")
  private int replaySeconds;

  @Option(names = "--partitions", paramLabel = "P",
      defaultValue = "" + CrashTest.Builder.DEFAULT_PARTITIONS,
      description = "Partitions of the fresh topic (default: ${DEFAULT-VALUE}).")
  private int partitions;

  @Option(names = "--bootstrapServers", paramLabel = "HOST:PORT",
      defaultValue = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS,
      description = "Kafka (default: ${DEFAULT-VALUE}).")
  private String bootstrapServers;

  @Option(names = "--jdbcUrl", paramLabel = "URL",
      description = "Base URL, the two schemas are created in it (default: "
          + CrashTest.Builder.DEFAULT_JDBC_URL + ").")
  private String jdbcUrl;

  @Option(names = "--jdbcUser", paramLabel = "USER",
      defaultValue = CrashTest.Builder.DEFAULT_JDBC_USER,
      description = "Database user (default: ${DEFAULT-VALUE}); password from PGPASSWORD.")
  private String jdbcUser;

  @Option(names = "--flinkRest", paramLabel = "URL", defaultValue = FlinkRest.DEFAULT_URL,
      description = "The session cluster's REST address; started here (and stopped afterwards)"
          + " when nothing answers there (default: ${DEFAULT-VALUE}).")
  private String flinkRest;

  @Option(names = "--flinkRpcPort", paramLabel = "N",
      defaultValue = "" + CrashTest.Builder.DEFAULT_FLINK_RPC_PORT,
      description = "The JobManager's RPC port when started here (default: ${DEFAULT-VALUE}).")
  private int flinkRpcPort;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository.")
  private Path repo;

  @Option(names = "--jar", paramLabel = "FILE", description = "The job jar.")
  private Path jar;

  @Option(names = "--stateDir", paramLabel = "DIR", description = "The cluster's state directory.")
  private Path stateDir;

  @Option(names = "--timeoutMinutes", paramLabel = "M",
      defaultValue = "" + CrashTest.Builder.DEFAULT_TIMEOUT_MINUTES,
      description = "Give up waiting for the Flink job after M minutes (default:"
          + " ${DEFAULT-VALUE}).")
  private int timeoutMinutes;

  @Option(names = "--scenarios", arity = "0..1", paramLabel = "true|false",
      description = "Merge the named analytics scenarios into the fleet (loitering, meeting,"
          + " going dark, spoofing, port call, feed stall) and add their port geofence.")
  private boolean scenarios;

  @Option(names = "--keepSchemas", arity = "0..1", paramLabel = "true|false",
      description = "Keep the two schemas for inspection.")
  private boolean keepSchemas;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintStream out = Seawatch.of(spec).out;
    if (embeddedPostgres && (jdbcUrl != null || postgresRestartCommand != null)) {
      throw Checks.usage(spec, "--embeddedPostgres starts and restarts its own Postgres: leave"
          + " out --jdbcUrl and --postgresRestartCommand");
    }
    CrashTest.Builder b = CrashTest.Settings.builder()
        .messages(Checks.positive(spec, "--messages", messages))
        .kills(Checks.nonNegative(spec, "--kills", kills))
        .savepoints(Checks.nonNegative(spec, "--savepoints", savepoints))
        .jobManagerKills(Checks.nonNegative(spec, "--jobManagerKills", jobManagerKills))
        .restartPostgres(restartPostgres)
        .postgresDownSeconds(Checks.nonNegative(spec, "--postgresDownSeconds", postgresDownSeconds))
        .seed(seed)
        .bootstrapServers(bootstrapServers)
        .jdbcUser(jdbcUser)
        .flinkRest(flinkRest)
        .flinkRpcPort(Checks.positive(spec, "--flinkRpcPort", flinkRpcPort))
        .embeddedPostgres(embeddedPostgres)
        .replaySeconds(Checks.positive(spec, "--replaySeconds", replaySeconds))
        .partitions(Checks.positive(spec, "--partitions", partitions))
        .timeoutMinutes(Checks.positive(spec, "--timeoutMinutes", timeoutMinutes))
        .keepSchemas(keepSchemas)
        .scenarios(scenarios);
    if (jdbcUrl != null) {
      b.jdbcUrl(jdbcUrl);
    }
    if (postgresRestartCommand != null) {
      b.postgresRestartCommand(postgresRestartCommand);
    }
    if (repo != null) {
      b.repo(repo);
    }
    if (jar != null) {
      b.jar(jar);
    }
    if (stateDir != null) {
      b.stateDir(stateDir);
    }
    CrashTest.Report report = CrashTest.run(b.build(), out);
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
}
