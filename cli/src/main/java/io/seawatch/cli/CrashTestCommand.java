package io.seawatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.seawatch.db.GeofenceTable;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migrations;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.GeneratedFleet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code seawatch crashtest}: proves exactly-once in effect. A generated fleet is replayed to a
 * fresh topic while the streaming ingest runs on the Flink session cluster; the TaskManager is
 * killed with SIGKILL at random (seeded) moments and restarted, Postgres is restarted once; when
 * the input is consumed every table is compared row for row with a DirectRunner bounded ingest of
 * the same topic. Exit 0 only when all tables are equal.
 *
 * <p>Both runs must close every event-time window and fire every timer: after the fleet, one
 * "watermark advance" line per partition with a tag-block time {@link #ADVANCE_AFTER} past the
 * fleet's end is published. It is a dead letter in both runs (so it adds the same row to each),
 * and it moves the streaming watermark past every window and state timer, as the end of the
 * bounded input does for the reference run.
 */
public final class CrashTestCommand implements Command {
  static final Duration ADVANCE_AFTER = Duration.ofDays(60);
  static final String ADVANCE_PAYLOAD = "seawatch-crashtest-watermark-advance";
  /** Lines per vessel-hour of the generator's defaults (measured: 2,636 for 20 vessels x 20 min). */
  private static final double LINES_PER_VESSEL_HOUR = 390;
  private static final Duration FLEET_DURATION = Duration.ofHours(2);
  private static final String DEFAULT_PG_RESTART =
      "pg_ctlcluster --skip-systemctl-redirect 15 main restart";
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
    Settings s = new Settings();
    s.messages = f.positiveInt("messages", 200_000);
    s.kills = nonNegative(f, "kills", 3);
    s.savepoints = nonNegative(f, "savepoints", 0);
    s.restartPostgres = Boolean.parseBoolean(f.string("restartPostgres", "true"));
    s.postgresRestartCommand = f.string("postgresRestartCommand", DEFAULT_PG_RESTART);
    s.seed = Long.parseLong(f.string("seed", "42"));
    s.bootstrap = f.string("bootstrapServers", ReplayCommand.DEFAULT_BOOTSTRAP_SERVERS);
    s.jdbcUrl = f.string("jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/postgres");
    s.jdbcUser = f.string("jdbcUser", "postgres");
    s.flinkRest = new FlinkRest(f.string("flinkRest", FlinkRest.DEFAULT_URL));
    s.flinkRpcPort = f.positiveInt("flinkRpcPort", 6123);
    s.embeddedPostgres = f.has("embeddedPostgres");
    if (s.embeddedPostgres && (f.has("jdbcUrl") || f.has("postgresRestartCommand"))) {
      throw f.error("--embeddedPostgres starts and restarts its own Postgres: leave out --jdbcUrl"
          + " and --postgresRestartCommand");
    }
    s.repo = f.has("repo") ? Path.of(f.string("repo", "")) : findRepo();
    s.jar = Path.of(f.string("jar", s.repo.resolve(SubmitCommand.JOB_JAR).toString()))
        .toAbsolutePath();
    s.stateDir = f.string("stateDir", s.repo.resolve(".seawatch/flink").toString());
    s.replaySeconds = f.positiveInt("replaySeconds", 120);
    s.partitions = f.positiveInt("partitions", 4);
    s.timeoutMinutes = f.positiveInt("timeoutMinutes", 30);
    s.keepSchemas = f.has("keepSchemas");
    s.scenarios = f.has("scenarios");
    if (!Files.isRegularFile(s.jar)) {
      throw new UserError("no job jar at " + s.jar + " (mvn -B -DskipTests package)");
    }
    return new CrashRun(s, out).execute() ? 0 : 1;
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

  /** The repository root: the working directory or one of its parents that holds the scripts. */
  static Path findRepo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isRegularFile(p.resolve("runner-configs/bin/flink-cluster"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new UserError("run from the repository (runner-configs/bin/flink-cluster not found)"
        + " or give --repo=DIR");
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
        "  --postgresRestartCommand=CMD  (default: " + DEFAULT_PG_RESTART + ")",
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

  static final class Settings {
    int messages;
    int kills;
    int savepoints;
    boolean restartPostgres;
    String postgresRestartCommand;
    long seed;
    String bootstrap;
    String jdbcUrl;
    String jdbcUser;
    FlinkRest flinkRest;
    int flinkRpcPort;
    boolean embeddedPostgres;
    Path repo;
    Path jar;
    String stateDir;
    int replaySeconds;
    int partitions;
    int timeoutMinutes;
    boolean keepSchemas;
    boolean scenarios;
  }

  /** One table of both schemas. */
  record TableComparison(
      String table, long rowsA, long rowsB, List<String> onlyInA, List<String> onlyInB) {
    boolean equal() {
      return onlyInA.isEmpty() && onlyInB.isEmpty() && rowsA == rowsB;
    }
  }

  /** Compares every base table of {@code schemaA} with the same table of {@code schemaB}. */
  static List<TableComparison> compare(Connection c, String schemaA, String schemaB)
      throws SQLException {
    List<TableComparison> result = new ArrayList<>();
    for (String table : tables(c, schemaA)) {
      List<String> columns = comparedColumns(c, schemaA, table);
      List<String> a = dump(c, schemaA, table, columns);
      List<String> b = dump(c, schemaB, table, columns);
      Map<String, Integer> counts = new HashMap<>();
      a.forEach(r -> counts.merge(r, 1, Integer::sum));
      List<String> onlyInB = new ArrayList<>();
      for (String r : b) {
        Integer n = counts.get(r);
        if (n == null || n == 0) {
          onlyInB.add(r);
        } else {
          counts.put(r, n - 1);
        }
      }
      List<String> onlyInA = new ArrayList<>();
      for (String r : a) {
        Integer n = counts.get(r);
        if (n != null && n > 0) {
          onlyInA.add(r);
          counts.put(r, n - 1);
        }
      }
      result.add(new TableComparison(table, a.size(), b.size(), onlyInA, onlyInB));
    }
    return result;
  }

  static void print(List<TableComparison> tables, PrintStream out) {
    out.printf(Locale.ROOT, "  %-20s %12s %12s  %s%n", "table", "rows A", "rows B", "result");
    for (TableComparison t : tables) {
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

  static List<String> tables(Connection c, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (var ps = c.prepareStatement(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
            + " AND table_type = 'BASE TABLE' AND table_name <> ?"
            + " ORDER BY table_name")) {
      ps.setString(1, schema);
      ps.setString(2, Migrations.HISTORY_TABLE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  /** Every column except those stamped with the time of writing ({@code DEFAULT now()}). */
  static List<String> comparedColumns(Connection c, String schema, String table)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (var ps = c.prepareStatement(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
            + " AND table_name = ? AND coalesce(column_default, '') NOT LIKE '%now()%'"
            + " ORDER BY ordinal_position")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }

  private static List<String> dump(Connection c, String schema, String table, List<String> cols)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      sql.append(i > 0 ? ", " : "").append('"').append(cols.get(i)).append('"');
      order.append(i > 0 ? ", " : "").append(i + 1);
    }
    sql.append(" FROM \"").append(schema).append("\".\"").append(table).append("\" ORDER BY ")
        .append(order);
    List<String> rows = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
      int n = cols.size();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** One crash test, from the fresh topic to the comparison. */
  static final class CrashRun {
    private final Settings s;
    private final PrintStream out;
    private final Random random;
    private final long started = System.nanoTime();
    private final String runId;
    private final String topic;
    private final String group;
    private final String schemaA;
    private final String schemaB;
    private final FlinkRest flink;
    private String jdbcUrl;
    private EmbeddedPostgres embedded;
    private Path embeddedData;
    private int embeddedPort;
    private String jobId;
    /** Restarts and checkpoints of the jobs before the current one (savepoints end a job). */
    private final List<String> finishedJobs = new ArrayList<>();
    private boolean clusterStartedHere;

    CrashRun(Settings s, PrintStream out) {
      this.s = s;
      this.out = out;
      this.random = new Random(s.seed);
      this.runId = Long.toString(System.currentTimeMillis() / 1000, 36);
      this.topic = "crashtest-" + runId;
      this.group = "crashtest-" + runId;
      this.schemaA = "crash_" + runId + "_a";
      this.schemaB = "crash_" + runId + "_b";
      this.flink = s.flinkRest;
      this.jdbcUrl = s.jdbcUrl;
    }

    boolean execute() throws Exception {
      Path dir = Files.createTempDirectory("seawatch-crashtest-");
      try {
        return steps(dir);
      } finally {
        cleanUp(dir);
      }
    }

    private boolean steps(Path dir) throws Exception {
      ReplayCommand.quietKafkaClientLogs();
      if (s.embeddedPostgres) {
        embeddedData = dir.resolve("postgres");
        embeddedPort = freePort();
        startEmbeddedPostgres();
        jdbcUrl = PostgresCommand.jdbcUrl("127.0.0.1", embeddedPort, "postgres");
        log("embedded Postgres %s (data in %s)", jdbcUrl, embeddedData);
      }
      // 1. The input.
      int vessels = (int) Math.max(1, Math.round(
          s.messages / (LINES_PER_VESSEL_HOUR * FLEET_DURATION.toMinutes() / 60.0)));
      FleetGenerator generator = FleetGenerator.builder().seed(s.seed).vessels(vessels)
          .duration(FLEET_DURATION)
          .scenarios(s.scenarios ? AnalyticsScenarios.all() : List.of())
          .build();
      GeneratedFleet fleet = generator.generate();
      Path file = dir.resolve("fleet.nmea.gz");
      fleet.write(file);
      log("generated %,d lines (%d vessels, %s, seed %d)", fleet.lines().size(), vessels,
          FLEET_DURATION, s.seed);
      int partitions = ReplayCommand.prepareTopic(s.bootstrap, topic, s.partitions, out);
      log("topic %s (%d partitions), consumer group %s", topic, partitions, group);
      try (Connection c = connect()) {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE SCHEMA " + schemaA);
          st.execute("CREATE SCHEMA " + schemaB);
        }
      }
      log("schemas %s (A: DirectRunner, reference) and %s (B: Flink with crashes)", schemaA,
          schemaB);
      if (s.scenarios) {
        addScenarioFences();
      }

      // 2. The cluster and the streaming job.
      clusterStartedHere = !reachable();
      script("start");
      submit(null);

      // 3. The input arrives while the job runs; the crashes happen meanwhile.
      int rate = (int) Math.max(1, fleet.lines().size() / s.replaySeconds);
      CompletableFuture<ReplayCommand.Summary> replay = CompletableFuture.supplyAsync(() -> {
        try {
          return ReplayCommand.replay(file, s.bootstrap, topic, partitions, rate,
              new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      log("replaying at %,d lines/s", rate);
      crash();
      ReplayCommand.Summary replayed = replay.get();
      long advanceMillis = generator.start().plus(FLEET_DURATION).plus(ADVANCE_AFTER).toEpochMilli();
      publishAdvance(partitions, advanceMillis);
      log("replayed %,d lines; published %d watermark-advance lines at %s", replayed.lines,
          partitions, Instant.ofEpochMilli(advanceMillis));

      // 4. The reference: the same topic once, bounded, on the DirectRunner.
      long t0 = System.nanoTime();
      runSeawatch("reference", ingestArgs(schemaA,
          "--runnerConfig=" + s.repo.resolve("runner-configs/direct.properties"), "--bounded"));
      log("reference run done in %.0f s", (System.nanoTime() - t0) / 1e9);

      // 5. Wait for the crashed job to catch up, then compare.
      awaitConsumed();
      for (String j : finishedJobs) {
        log("flink job (stopped with a savepoint): %s", j);
      }
      log("flink job %s: %s", jobId, describeJob(jobId));
      runSeawatch("jobs", new String[] {"jobs", "--flinkRest=" + flink.url()});
      List<TableComparison> tables;
      try (Connection c = connect()) {
        tables = compare(c, schemaA, schemaB);
      }
      log("comparison, A = DirectRunner bounded (%s), B = Flink session cluster with crashes (%s):",
          schemaA, schemaB);
      print(tables, out);
      long rows = tables.stream().mapToLong(TableComparison::rowsA).sum();
      boolean equal = tables.stream().allMatch(TableComparison::equal);
      log("%s: %d tables, %,d rows in A", equal ? "ALL EQUAL" : "NOT EQUAL", tables.size(), rows);
      return equal;
    }

    /** Restarts (numRestarts) and the checkpoint statistics of one job, for the log. */
    private String describeJob(String id) {
      StringBuilder b = new StringBuilder();
      try {
        b.append("restarts ").append(flink.metric(id, "numRestarts")).append("; ");
        JsonNode cp = flink.checkpoints(id);
        b.append(StatusCommand.describeCheckpoints(cp));
        JsonNode summary = cp.path("summary");
        JsonNode d = summary.path("end_to_end_duration");
        JsonNode size = summary.path("checkpointed_size");
        if (!d.isMissingNode()) {
          b.append(String.format(Locale.ROOT,
              "; duration min/avg/max %,d/%,d/%,d ms, uploaded size min/avg/max %,d/%,d/%,d bytes",
              d.path("min").asLong(), d.path("avg").asLong(), d.path("max").asLong(),
              size.path("min").asLong(), size.path("avg").asLong(), size.path("max").asLong()));
        }
      } catch (IOException e) {
        b.append("not available (").append(e.getMessage()).append(')');
      }
      return b.toString();
    }

    /**
     * Submits the streaming job with {@code seawatch submit}, from a savepoint when one is given;
     * waits for its first checkpoint.
     */
    private void submit(String savepoint) throws Exception {
      List<String> extra = new ArrayList<>(List.of(
          "--runnerConfig=" + s.repo.resolve("runner-configs/flink-cluster.properties"),
          "--flinkMaster=" + flink.master(), "--jar=" + s.jar, "--jobName=seawatch-" + topic,
          "--consumerGroup=" + group));
      if (savepoint != null) {
        extra.add("--fromSavepoint=" + savepoint);
      }
      List<String> args = new ArrayList<>(List.of(ingestArgs(schemaB, extra.toArray(new String[0]))));
      args.set(0, "submit");
      String printed = runSeawatch("submit", args.toArray(new String[0]));
      jobId = printed.lines().filter(l -> l.startsWith(SubmitCommand.JOB_PREFIX))
          .map(l -> l.substring(SubmitCommand.JOB_PREFIX.length()).split(" ")[0])
          .findFirst().orElseThrow(() -> new IllegalStateException("submit printed no job id"));
      log("job %s submitted%s", jobId, savepoint == null ? "" : " from " + savepoint);
      awaitCheckpointAfter(0, Duration.ofMinutes(5));
    }

    /** Stops the job with {@code seawatch stop} (a savepoint, no drain) and returns its location. */
    private String stopWithSavepoint() throws Exception {
      String before = describeJob(jobId);
      long t0 = System.nanoTime();
      String printed = runSeawatch("stop", new String[] {"stop", jobId,
          "--flinkRest=" + flink.url()});
      finishedJobs.add(jobId + ": " + before);
      log("stopped with a savepoint in %.1f s", (System.nanoTime() - t0) / 1e9);
      return printed.lines().filter(l -> l.startsWith(StopCommand.SAVEPOINT_PREFIX))
          .map(l -> l.substring(StopCommand.SAVEPOINT_PREFIX.length()).strip())
          .findFirst().orElseThrow(() -> new IllegalStateException("stop printed no savepoint"));
    }

    /** Kills the TaskManager {@code s.kills} times, restarts Postgres once, at seeded moments. */
    private void crash() throws Exception {
      int pgAfter = s.restartPostgres ? random.nextInt(s.kills + 1) : -1;
      long maxDelayMs = Math.max(1000, s.replaySeconds * 1000L / (s.kills + 2));
      for (int i = 0; i <= s.kills; i++) {
        if (i == pgAfter) {
          sleep(random.nextLong(maxDelayMs));
          long before = completedCheckpoints();
          long restarted = System.nanoTime();
          restartPostgres();
          awaitCheckpointAfter(before, Duration.ofMinutes(5));
          log("Postgres restart: first checkpoint after it %.0f s after the restart began",
              (System.nanoTime() - restarted) / 1e9);
        }
        if (i == s.kills) {
          break;
        }
        sleep(random.nextLong(maxDelayMs));
        long before = completedCheckpoints();
        log("kill %d/%d: SIGKILL to the TaskManager (%,d records behind at the last checkpoint)",
            i + 1, s.kills, lagForLog());
        long restarted = System.nanoTime();
        script("restart-taskmanager");
        awaitCheckpointAfter(before, Duration.ofMinutes(5));
        log("kill %d/%d: job recovered, first checkpoint after it %.0f s after the kill", i + 1,
            s.kills, (System.nanoTime() - restarted) / 1e9);
      }
      for (int i = 0; i < s.savepoints; i++) {
        sleep(random.nextLong(maxDelayMs));
        log("savepoint %d/%d: stopping job %s with a savepoint (%,d records behind at the last"
            + " checkpoint)", i + 1, s.savepoints, jobId, lagForLog());
        String location = stopWithSavepoint();
        log("savepoint %d/%d: %s", i + 1, s.savepoints, location);
        submit(location);
      }
    }

    private void restartPostgres() throws Exception {
      if (embedded != null) {
        log("restarting the embedded Postgres on port %d", embeddedPort);
        embedded.close();
        startEmbeddedPostgres();
      } else {
        log("restarting Postgres: %s", s.postgresRestartCommand);
        Process p = new ProcessBuilder("sh", "-c", s.postgresRestartCommand)
            .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), UTF_8).trim();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
          p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
          log("Postgres restart skipped: the command exited with %d (not permitted here?): %s",
              p.exitValue(), output.lines().findFirst().orElse(""));
          return;
        }
      }
      // Wait until it takes connections again.
      for (int i = 0; i < 60; i++) {
        try (Connection c = connect()) {
          log("Postgres restarted and accepting connections");
          return;
        } catch (SQLException e) {
          sleep(1000);
        }
      }
      throw new IllegalStateException("Postgres does not accept connections after the restart");
    }

    private void startEmbeddedPostgres() throws IOException {
      embedded = EmbeddedPostgres.builder()
          .setDataDirectory(embeddedData)
          // Kept across the restart: that is the point of it.
          .setCleanDataDirectory(false)
          .setPort(embeddedPort)
          .setPGStartupWait(java.time.Duration.ofSeconds(60))
          .start();
    }

    private static int freePort() throws IOException {
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }

    /** Until the group has committed every offset and the tables of B stop changing. */
    private void awaitConsumed() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(s.timeoutMinutes);
      String previous = null;
      int stable = 0;
      while (System.nanoTime() < deadline) {
        long lag;
        try {
          lag = totalLag();
        } catch (UserError e) {
          // A loaded broker can miss the admin timeout; that is no verdict, ask again.
          log("waiting: %s", e.getMessage());
          sleep(5_000);
          continue;
        }
        String counts = counts(schemaB);
        if (lag == 0 && counts.equals(previous)) {
          stable++;
          if (stable >= 3) {
            log("input consumed (lag 0) and tables of B unchanged for 3 polls: %s", counts);
            return;
          }
        } else {
          stable = 0;
          log("waiting: lag %,d, B %s", lag, counts);
        }
        previous = counts;
        sleep(5_000);
      }
      throw new IllegalStateException("the Flink job did not finish within " + s.timeoutMinutes
          + " min (see seawatch status --topic=" + topic + " --consumerGroup=" + group + ")");
    }

    private String counts(String schema) throws SQLException {
      Map<String, Long> counts = new LinkedHashMap<>();
      try (Connection c = connect(); Statement st = c.createStatement()) {
        for (String table : tables(c, schema)) {
          try (ResultSet rs =
              st.executeQuery("SELECT count(*) FROM \"" + schema + "\".\"" + table + "\"")) {
            rs.next();
            counts.put(table, rs.getLong(1));
          }
        }
        try (ResultSet rs = st.executeQuery(
            "SELECT coalesce(sum(messages), 0) FROM \"" + schema + "\".ais_stats_minute")) {
          rs.next();
          counts.put("stats_messages", rs.getLong(1));
        }
      }
      return counts.toString();
    }

    /** The lag for a log line; -1 when the broker does not answer in time. */
    private long lagForLog() {
      try {
        return totalLag();
      } catch (UserError e) {
        return -1;
      }
    }

    private long totalLag() {
      return StatusCommand.kafkaLag(s.bootstrap, topic, group).stream()
          .mapToLong(StatusCommand.PartitionLag::lag).sum();
    }

    private void publishAdvance(int partitions, long millis) throws Exception {
      Map<String, Object> config = Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
        for (int p = 0; p < partitions; p++) {
          // Distinct per partition: dead letters are keyed by payload, and the origin must not
          // depend on which partition is read first.
          String line = "\\c:" + (millis / 1000) + "\\" + ADVANCE_PAYLOAD + " partition " + p;
          producer.send(new ProducerRecord<>(topic, p, millis, null, line.getBytes(UTF_8))).get();
        }
      }
    }

    private String[] ingestArgs(String schema, String... extra) {
      List<String> a = new ArrayList<>(List.of("ingest", "--bootstrapServers=" + s.bootstrap,
          "--topic=" + topic, "--jdbcUrl=" + schemaUrl(schema), "--jdbcUser=" + s.jdbcUser));
      a.addAll(List.of(extra));
      return a.toArray(new String[0]);
    }

    /**
     * The scenarios' port geofence in both schemas before either run starts, so that both see it
     * from the first position (the streaming job would otherwise pick it up at its next refresh,
     * a moment that depends on timing). B gets a copy of A's row: same {@code updated_at}.
     */
    private void addScenarioFences() throws Exception {
      for (String schema : List.of(schemaA, schemaB)) {
        Migrations.builtIn().migrate(JdbcTarget.of(schemaUrl(schema), s.jdbcUser));
      }
      try (Connection c = DriverManager.getConnection(schemaUrl(schemaA), connectProperties())) {
        GeofenceTable.upsert(c, GeofencesCommand.scenarioFences());
        try (Statement st = c.createStatement()) {
          st.execute("INSERT INTO " + schemaB + ".geofence SELECT * FROM " + schemaA + ".geofence");
        }
      }
      log("scenario geofences added to both schemas");
    }

    private String schemaUrl(String schema) {
      return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Runs a seawatch command in this JVM, shows its output indented, returns it. */
    private String runSeawatch(String what, String[] args) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      PrintStream captured = new PrintStream(buffer, true, UTF_8);
      int code = Seawatch.run(args, captured, captured);
      String text = buffer.toString(UTF_8);
      text.lines().filter(l -> !l.startsWith("ingest: ") || l.contains(" in = ")
              || l.contains("submitted"))
          .forEach(l -> out.println("    " + l));
      if (code != 0) {
        throw new IllegalStateException(what + " failed with exit code " + code + ":\n" + text);
      }
      return text;
    }

    private void script(String action) throws Exception {
      Path log = Files.createTempFile("crashtest-script", ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(
            s.repo.resolve("runner-configs/bin/flink-cluster").toString(), action, "--state-dir",
            s.stateDir).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SEAWATCH_FLINK_REST_PORT",
            Integer.toString(java.net.URI.create(flink.url()).getPort()));
        pb.environment().put("SEAWATCH_FLINK_RPC_PORT", Integer.toString(s.flinkRpcPort));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException("flink-cluster " + action + " did not return");
        }
        String text = Files.readString(log);
        text.lines().filter(l -> !l.contains("next:") && !l.startsWith("  "))
            .forEach(l -> out.println("    " + l));
        if (p.exitValue() != 0) {
          throw new IllegalStateException("flink-cluster " + action + " failed:\n" + text);
        }
      } finally {
        Files.deleteIfExists(log);
      }
    }

    private boolean reachable() {
      try {
        flink.get("/overview");
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private long completedCheckpoints() {
      try {
        return flink.checkpoints(jobId).path("counts").path("completed").asLong();
      } catch (IOException e) {
        return -1;
      }
    }

    /** Waits until the job has completed more than {@code count} checkpoints. */
    private void awaitCheckpointAfter(long count, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        String state;
        try {
          state = flink.job(jobId).path("state").asText();
        } catch (IOException e) {
          state = "?";
        }
        if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
          throw new IllegalStateException("the Flink job is " + state);
        }
        if (completedCheckpoints() > count) {
          return;
        }
        sleep(500);
      }
      throw new IllegalStateException("no checkpoint completed within " + timeout.toSeconds() + " s");
    }

    private void cleanUp(Path dir) {
      if (jobId != null) {
        try {
          String state = flink.job(jobId).path("state").asText();
          if (state.equals("FINISHED") || state.equals("CANCELED") || state.equals("FAILED")) {
            throw new IOException("it is " + state);
          }
          flink.cancel(jobId);
          log("cancelled job %s", jobId);
        } catch (Exception e) {
          log("could not cancel job %s: %s", jobId, e);
        }
      }
      if (clusterStartedHere) {
        try {
          script("stop");
        } catch (Exception e) {
          log("could not stop the cluster: %s", e);
        }
      }
      if (embedded != null) {
        try {
          embedded.close();
          log("stopped the embedded Postgres");
        } catch (IOException e) {
          log("could not stop the embedded Postgres: %s", e.getMessage());
        }
      } else if (!s.keepSchemas) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
          st.execute("DROP SCHEMA IF EXISTS " + schemaA + " CASCADE");
          st.execute("DROP SCHEMA IF EXISTS " + schemaB + " CASCADE");
          log("dropped schemas %s and %s", schemaA, schemaB);
        } catch (SQLException e) {
          log("could not drop the schemas: %s", e.getMessage());
        }
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // a temp directory; nothing depends on it
      }
      try (var admin = org.apache.kafka.clients.admin.Admin.create(
          Map.of("bootstrap.servers", s.bootstrap))) {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        log("could not delete topic %s / group %s: %s", topic, group, e.getMessage());
      }
    }

    private Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, connectProperties());
    }

    private java.util.Properties connectProperties() {
      java.util.Properties p = new java.util.Properties();
      p.put("user", s.jdbcUser);
      String password = System.getenv("PGPASSWORD");
      if (password != null) {
        p.put("password", password);
      }
      return p;
    }

    private void log(String format, Object... args) {
      out.printf(Locale.ROOT, "crashtest [%6.1f s] %s%n", (System.nanoTime() - started) / 1e9,
          String.format(Locale.ROOT, format, args));
    }

    private static void sleep(long ms) throws InterruptedException {
      Thread.sleep(ms);
    }
  }
}
