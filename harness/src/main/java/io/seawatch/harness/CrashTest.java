package io.seawatch.harness;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.seawatch.db.GeofenceTable;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migrations;
import io.seawatch.ops.FilePublisher;
import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.Ingest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.PostgresServers;
import io.seawatch.ops.Repository;
import io.seawatch.ops.RunnerProfiles;
import io.seawatch.ops.ScenarioGeofences;
import io.seawatch.ops.SessionJobs;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.GeneratedFleet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The crash test: proves exactly-once in effect. A generated fleet is replayed to a fresh topic
 * while the streaming ingest runs on the Flink session cluster; the TaskManager is killed with
 * SIGKILL at random (seeded) moments and restarted, Postgres is restarted once, and the job is
 * optionally stopped with a savepoint and resumed from it; when the input is consumed every table
 * is compared row for row with a DirectRunner bounded ingest of the same topic ({@link Report}).
 *
 * <p>Both runs must close every event-time window and fire every timer: after the fleet, one
 * "watermark advance" line per partition with a tag-block time {@link #ADVANCE_AFTER} past the
 * fleet's end is published. It is a dead letter in both runs (so it adds the same row to each),
 * and it moves the streaming watermark past every window and state timer, as the end of the
 * bounded input does for the reference run.
 */
public final class CrashTest {
  static final Duration ADVANCE_AFTER = Duration.ofDays(60);
  static final String ADVANCE_PAYLOAD = "seawatch-crashtest-watermark-advance";
  /** Lines per vessel-hour of the generator's defaults (measured: 2,636 for 20 vessels x 20 min). */
  static final double LINES_PER_VESSEL_HOUR = 390;
  static final Duration FLEET_DURATION = Duration.ofHours(2);
  /** Attempts and wait of each stop with savepoint (as {@code seawatch stop}'s defaults). */
  private static final Duration SAVEPOINT_TIMEOUT = Duration.ofSeconds(360);
  /** How long the tables of the crashed run must stay unchanged once the input is consumed. */
  static final Duration QUIET = Duration.ofSeconds(15);

  private CrashTest() {}

  /** What to run; {@link #builder()} holds the defaults. */
  public record Settings(int messages, int kills, int savepoints, int jobManagerKills,
      boolean restartPostgres, int postgresDownSeconds,
      String postgresRestartCommand, long seed, String bootstrapServers, String jdbcUrl,
      String jdbcUser, String flinkRest, int flinkRpcPort, boolean embeddedPostgres, Path repo,
      Path jar, Path stateDir, int replaySeconds, int partitions, int timeoutMinutes,
      boolean keepSchemas, boolean scenarios) {
    public static Builder builder() {
      return new Builder();
    }
  }

  /** Settings with the defaults of {@code seawatch crashtest}. */
  public static final class Builder {
    public static final int DEFAULT_MESSAGES = 200_000;
    public static final int DEFAULT_KILLS = 3;
    public static final int DEFAULT_SAVEPOINTS = 0;
    public static final int DEFAULT_JOB_MANAGER_KILLS = 0;
    public static final String DEFAULT_POSTGRES_RESTART =
        "pg_ctlcluster --skip-systemctl-redirect 15 main restart";
    public static final long DEFAULT_SEED = 42;
    public static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String DEFAULT_JDBC_USER = "postgres";
    public static final int DEFAULT_FLINK_RPC_PORT = 6123;
    public static final int DEFAULT_REPLAY_SECONDS = 120;
    public static final int DEFAULT_PARTITIONS = 4;
    public static final int DEFAULT_TIMEOUT_MINUTES = 30;

    private int messages = DEFAULT_MESSAGES;
    private int kills = DEFAULT_KILLS;
    private int savepoints = DEFAULT_SAVEPOINTS;
    private int jobManagerKills = DEFAULT_JOB_MANAGER_KILLS;
    private boolean restartPostgres = true;
    private int postgresDownSeconds;
    private String postgresRestartCommand;
    private long seed = DEFAULT_SEED;
    private String bootstrapServers = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS;
    private String jdbcUrl;
    private String jdbcUser = DEFAULT_JDBC_USER;
    private String flinkRest = FlinkRest.DEFAULT_URL;
    private int flinkRpcPort = DEFAULT_FLINK_RPC_PORT;
    private boolean embeddedPostgres;
    private Path repo;
    private Path jar;
    private Path stateDir;
    private int replaySeconds = DEFAULT_REPLAY_SECONDS;
    private int partitions = DEFAULT_PARTITIONS;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private boolean keepSchemas;
    private boolean scenarios;

    private Builder() {}

    /** About this many lines. */
    public Builder messages(int n) {
      this.messages = n;
      return this;
    }

    /** TaskManager kills. */
    public Builder kills(int n) {
      this.kills = n;
      return this;
    }

    /** After the kills, this many times: stop the job with a savepoint and resume from it. */
    public Builder savepoints(int n) {
      this.savepoints = n;
      return this;
    }

    /**
     * Last, this many times: SIGKILL the JobManager, start a new one and submit the job again
     * from its newest complete retained checkpoint (the cluster has no high availability).
     */
    public Builder jobManagerKills(int n) {
      this.jobManagerKills = n;
      return this;
    }

    /** Restart Postgres once mid-run. */
    public Builder restartPostgres(boolean b) {
      this.restartPostgres = b;
      return this;
    }

    /**
     * How long Postgres stays down at its restart (0: restarted at once). The job's writes fail
     * meanwhile; it must come back and catch up. Outside the embedded Postgres the restart command
     * is run with "restart" replaced by "stop", then by "start".
     */
    public Builder postgresDownSeconds(int seconds) {
      this.postgresDownSeconds = seconds;
      return this;
    }

    public Builder postgresRestartCommand(String command) {
      this.postgresRestartCommand = command;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder bootstrapServers(String servers) {
      this.bootstrapServers = servers;
      return this;
    }

    /** The base URL; the two schemas are created in it. */
    public Builder jdbcUrl(String url) {
      this.jdbcUrl = url;
      return this;
    }

    public Builder jdbcUser(String user) {
      this.jdbcUser = user;
      return this;
    }

    /** The session cluster's REST address; started (and stopped) here when nothing answers. */
    public Builder flinkRest(String url) {
      this.flinkRest = url;
      return this;
    }

    /** The JobManager's RPC port when the cluster is started here. */
    public Builder flinkRpcPort(int port) {
      this.flinkRpcPort = port;
      return this;
    }

    /** An embedded Postgres of its own on a free port, started, restarted and stopped here. */
    public Builder embeddedPostgres(boolean b) {
      this.embeddedPostgres = b;
      return this;
    }

    public Builder repo(Path repo) {
      this.repo = repo;
      return this;
    }

    public Builder jar(Path jar) {
      this.jar = jar;
      return this;
    }

    /** The cluster's state directory. */
    public Builder stateDir(Path dir) {
      this.stateDir = dir;
      return this;
    }

    /** Spread the replay over about this many seconds. */
    public Builder replaySeconds(int seconds) {
      this.replaySeconds = seconds;
      return this;
    }

    /** Partitions of the fresh topic. */
    public Builder partitions(int n) {
      this.partitions = n;
      return this;
    }

    /** Give up waiting for the Flink job after this many minutes. */
    public Builder timeoutMinutes(int minutes) {
      this.timeoutMinutes = minutes;
      return this;
    }

    /** Keep the two schemas for inspection. */
    public Builder keepSchemas(boolean b) {
      this.keepSchemas = b;
      return this;
    }

    /** Merge the named analytics scenarios into the fleet and add their port geofence. */
    public Builder scenarios(boolean b) {
      this.scenarios = b;
      return this;
    }

    /**
     * The settings; the repository, job jar and state directory default to the repository's.
     *
     * @throws OperatorError for settings that contradict each other or a job jar that is missing
     */
    public Settings build() {
      if (embeddedPostgres && (jdbcUrl != null || postgresRestartCommand != null)) {
        throw new OperatorError("--embeddedPostgres starts and restarts its own Postgres: leave"
            + " out --jdbcUrl and --postgresRestartCommand");
      }
      if (messages <= 0 || kills < 0 || savepoints < 0 || jobManagerKills < 0 || replaySeconds <= 0
          || partitions <= 0 || postgresDownSeconds < 0
          || timeoutMinutes <= 0) {
        throw new IllegalArgumentException("counts must be positive (kills, savepoints >= 0)");
      }
      Path r = repo != null ? repo : Repository.root();
      Path j = (jar != null ? jar : r.resolve(Repository.JOB_JAR)).toAbsolutePath();
      if (!Files.isRegularFile(j)) {
        throw new OperatorError("no job jar at " + j + " (mvn -B -DskipTests package)");
      }
      String restart =
          postgresRestartCommand != null ? postgresRestartCommand : DEFAULT_POSTGRES_RESTART;
      if (postgresDownSeconds > 0 && !embeddedPostgres && !restart.contains("restart")) {
        throw new OperatorError("--postgresDownSeconds runs the restart command with \"restart\""
            + " replaced by \"stop\", then \"start\": " + restart + " has no \"restart\"");
      }
      return new Settings(messages, kills, savepoints, jobManagerKills, restartPostgres,
          postgresDownSeconds, restart,
          seed, bootstrapServers, jdbcUrl != null ? jdbcUrl : DEFAULT_JDBC_URL, jdbcUser,
          flinkRest, flinkRpcPort, embeddedPostgres, r, j,
          stateDir != null ? stateDir : r.resolve(Repository.FLINK_STATE_DIR), replaySeconds, partitions,
          timeoutMinutes, keepSchemas, scenarios);
    }
  }

  /** One table of both schemas; {@code onlyInA}/{@code onlyInB}: the rows that differ. */
  public record TableComparison(
      String table, long rowsA, long rowsB, List<String> onlyInA, List<String> onlyInB) {
    public boolean equal() {
      return onlyInA.isEmpty() && onlyInB.isEmpty() && rowsA == rowsB;
    }
  }

  /**
   * One streaming job of the run, in submission order. {@code fromSavepoint}: the savepoint it was
   * submitted from (null: the first); {@code restoredFrom}: what the cluster reports the job
   * restored at its start ({@code latest.restored.external_path} by its first checkpoint; null:
   * nothing); {@code stats}: its restarts and checkpoints when it ended or at the comparison.
   */
  public record StreamingJob(String id, String fromSavepoint, String restoredFrom,
      String stats) {}

  /**
   * What the crash test did and found. Schema A: the DirectRunner's bounded reference run;
   * schema B: the Flink job with the crashes. {@code savepoints}: the savepoints taken, in order.
   */
  public record Report(String topic, String schemaA, String schemaB, long linesPublished,
      Ingest.Counts referenceCounts, int kills, int jobManagerKills, boolean postgresRestarted,
      List<String> savepoints, List<StreamingJob> jobs, List<TableComparison> tables,
      AlertTopicCheck.Result alertTopic, double seconds) {
    /** Every table of A equals its table in B. */
    public boolean allEqual() {
      return !tables.isEmpty() && tables.stream().allMatch(TableComparison::equal);
    }

    /** The comparison of one table. */
    public TableComparison table(String name) {
      return tables.stream().filter(t -> t.table().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no table " + name + " in " + tables));
    }

    /** Rows in A over all tables. */
    public long rowsA() {
      return tables.stream().mapToLong(TableComparison::rowsA).sum();
    }
  }

  /** Runs the crash test; progress lines go to {@code log}. */
  public static Report run(Settings settings, PrintStream log) throws Exception {
    return new CrashRun(settings, log).execute();
  }

  /**
   * Rows left out of a table's comparison. Retracted alerts are provisional guesses the exact path
   * withdrew: which ones exist depends on arrival order (a bounded run makes none), while every
   * other row is a function of the input alone.
   */
  static final Map<String, String> NOT_COMPARED = Map.of("alert", "status = 'retracted'");

  /** Compares every base table of {@code schemaA} with the same table of {@code schemaB}. */
  static List<TableComparison> compare(Connection c, String schemaA, String schemaB)
      throws SQLException {
    List<TableComparison> result = new ArrayList<>();
    for (String table : tables(c, schemaA)) {
      List<String> columns = comparedColumns(c, schemaA, table);
      String skip = NOT_COMPARED.get(table);
      List<String> a = dump(c, schemaA, table, columns, skip);
      List<String> b = dump(c, schemaB, table, columns, skip);
      result.add(new TableComparison(table, a.size(), b.size(), minus(a, b), minus(b, a)));
    }
    return result;
  }

  /** The rows of {@code a} that {@code b} does not have (as many times as they are missing), in order. */
  static List<String> minus(List<String> a, List<String> b) {
    Map<String, Integer> counts = new HashMap<>();
    b.forEach(r -> counts.merge(r, 1, Integer::sum));
    List<String> out = new ArrayList<>();
    for (String r : a) {
      Integer n = counts.get(r);
      if (n == null || n == 0) {
        out.add(r);
      } else {
        counts.put(r, n - 1);
      }
    }
    return out;
  }

  /** The base tables of a schema, without Flyway's history. */
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

  private static List<String> dump(
      Connection c, String schema, String table, List<String> cols, String skip)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      sql.append(i > 0 ? ", " : "").append('"').append(cols.get(i)).append('"');
      order.append(i > 0 ? ", " : "").append(i + 1);
    }
    sql.append(" FROM \"").append(schema).append("\".\"").append(table).append('"');
    if (skip != null) {
      sql.append(" WHERE NOT (").append(skip).append(')');
    }
    sql.append(" ORDER BY ").append(order);
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
  private static final class CrashRun {
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
    /** The jobs so far; the last one is the current. */
    private final List<StreamingJob> jobs = new ArrayList<>();
    private final List<String> savepoints = new ArrayList<>();
    private int kills;
    private int jobManagerKills;
    private boolean postgresRestarted;
    private boolean clusterStartedHere;

    CrashRun(Settings s, PrintStream out) {
      this.s = s;
      this.out = out;
      this.random = new Random(s.seed());
      this.runId = Long.toString(System.currentTimeMillis() / 1000, 36);
      this.topic = "crashtest-" + runId;
      this.group = "crashtest-" + runId;
      this.schemaA = "crash_" + runId + "_a";
      this.schemaB = "crash_" + runId + "_b";
      this.flink = new FlinkRest(s.flinkRest());
      this.jdbcUrl = s.jdbcUrl();
    }

    Report execute() throws Exception {
      Path dir = Files.createTempDirectory("seawatch-crashtest-");
      try {
        return steps(dir);
      } finally {
        cleanUp(dir);
      }
    }

    private Report steps(Path dir) throws Exception {
      KafkaTopics.quietClientLogs();
      if (s.embeddedPostgres()) {
        embeddedData = dir.resolve("postgres");
        embeddedPort = freePort();
        startEmbeddedPostgres();
        jdbcUrl = PostgresServers.jdbcUrl("127.0.0.1", embeddedPort, "postgres");
        log("embedded Postgres %s (data in %s)", jdbcUrl, embeddedData);
      }
      // 1. The input.
      int vessels = (int) Math.max(1, Math.round(
          s.messages() / (LINES_PER_VESSEL_HOUR * FLEET_DURATION.toMinutes() / 60.0)));
      FleetGenerator generator = FleetGenerator.builder().seed(s.seed()).vessels(vessels)
          .duration(FLEET_DURATION)
          .scenarios(s.scenarios() ? AnalyticsScenarios.all() : List.of())
          .build();
      GeneratedFleet fleet = generator.generate();
      Path file = dir.resolve("fleet.nmea.gz");
      fleet.write(file);
      log("generated %,d lines (%d vessels, %s, seed %d)", fleet.lines().size(), vessels,
          FLEET_DURATION, s.seed());
      int partitions =
          KafkaTopics.prepareTopic(s.bootstrapServers(), topic, s.partitions(), out).partitions();
      log("topic %s (%d partitions), consumer group %s", topic, partitions, group);
      try (Connection c = connect()) {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE SCHEMA " + schemaA);
          st.execute("CREATE SCHEMA " + schemaB);
        }
      }
      log("schemas %s (A: DirectRunner, reference) and %s (B: Flink with crashes)", schemaA,
          schemaB);
      if (s.scenarios()) {
        addScenarioFences();
      }

      // 2. The cluster and the streaming job.
      clusterStartedHere = !flink.reachable();
      script("start");
      submit(null);

      // 3. The input arrives while the job runs; the crashes happen meanwhile.
      int rate = Math.max(1, fleet.lines().size() / s.replaySeconds());
      CompletableFuture<FilePublisher.Report> replay = CompletableFuture.supplyAsync(() -> {
        try {
          return FilePublisher.publish(file, s.bootstrapServers(), topic, partitions, rate,
              LinePrefixStream.discard());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      log("replaying at %,d lines/s", rate);
      crash();
      FilePublisher.Report replayed = replay.get();
      long advanceMillis =
          generator.start().plus(FLEET_DURATION).plus(ADVANCE_AFTER).toEpochMilli();
      publishAdvance(partitions, advanceMillis);
      log("replayed %,d lines; published %d watermark-advance lines at %s", replayed.lines(),
          partitions, Instant.ofEpochMilli(advanceMillis));

      // 4. The reference: the same topic once, bounded, on the DirectRunner.
      long t0 = System.nanoTime();
      List<String> reference = RunnerProfiles.expand(List.of(
          "--bootstrapServers=" + s.bootstrapServers(), "--topic=" + topic,
          "--jdbcUrl=" + schemaUrl(schemaA), "--jdbcUser=" + s.jdbcUser(),
          "--runnerConfig=" + s.repo().resolve("runner-configs/direct.properties"), "--bounded",
          "--alertsTopic="),
          indented(l -> false));
      Ingest.Report ref = Ingest.run(Ingest.options(reference), indented(l -> false));
      if (!ref.succeeded()) {
        throw new IllegalStateException("the reference run ended " + ref.state());
      }
      log("reference run done in %.0f s: %,d lines in = %,d decoded + %,d dead letters",
          (System.nanoTime() - t0) / 1e9, ref.counts().linesIn(), ref.counts().linesDecoded(),
          ref.counts().deadLetters());

      // 5. Wait for the crashed job to catch up, then compare.
      awaitConsumed();
      for (StreamingJob j : jobs.subList(0, jobs.size() - 1)) {
        log("flink job %s: %s", j.id(), j.stats());
      }
      String stats = SessionJobs.describeJob(flink, jobId);
      StreamingJob current = jobs.remove(jobs.size() - 1);
      jobs.add(new StreamingJob(current.id(), current.fromSavepoint(), current.restoredFrom(),
          stats));
      log("flink job %s: %s", jobId, stats);
      for (SessionJobs.JobCheckpoints j : SessionJobs.jobs(flink)) {
        out.printf(Locale.ROOT, "    %s %-10s %s%n      %s%n", j.job().id(), j.job().state(),
            j.job().name(), j.checkpoints());
      }
      List<TableComparison> tables;
      AlertTopicCheck.Result alerts;
      try (Connection c = connect()) {
        tables = compare(c, schemaA, schemaB);
        alerts = AlertTopicCheck.compare(s.bootstrapServers(), alertsTopic(), c, schemaB);
      }
      log("%s", alerts);
      return new Report(topic, schemaA, schemaB, replayed.lines(), ref.counts(),
          kills, jobManagerKills, postgresRestarted, List.copyOf(savepoints), List.copyOf(jobs),
          List.copyOf(tables), alerts, (System.nanoTime() - started) / 1e9);
    }

    /** The streaming job's alerts topic: one per run. */
    private String alertsTopic() {
      return topic + "-alerts";
    }

    /**
     * Submits the streaming job, from a savepoint when one is given; waits for its first
     * checkpoint and notes what the cluster says it restored.
     */
    private void submit(String savepoint) throws Exception {
      List<String> args = List.of("--bootstrapServers=" + s.bootstrapServers(),
          "--topic=" + topic, "--jdbcUrl=" + schemaUrl(schemaB), "--jdbcUser=" + s.jdbcUser(),
          "--runnerConfig=" + s.repo().resolve("runner-configs/flink-cluster.properties"),
          "--flinkMaster=" + flink.master(), "--jobName=seawatch-" + topic,
          "--consumerGroup=" + group, "--alertsTopic=" + alertsTopic());
      SessionJobs.SubmittedJob job = SessionJobs.submit(args, savepoint, s.jar(),
          indented(l -> !l.startsWith("ingest: ") || l.contains("submitted")));
      jobId = job.id();
      log("job %s submitted%s", jobId, savepoint == null ? "" : " from " + savepoint);
      awaitCheckpointAfter(0, Duration.ofMinutes(5));
      jobs.add(new StreamingJob(jobId, savepoint, restoredFrom(jobId), null));
    }

    /** The path the job restored at its start, as the cluster reports it; null: none. */
    private String restoredFrom(String id) {
      try {
        JsonNode r = flink.checkpoints(id).path("latest").path("restored");
        return r.isMissingNode() || r.isNull() ? null : r.path("external_path").asText(null);
      } catch (IOException e) {
        return null;
      }
    }

    /** Stops the job with a savepoint (no drain) and returns its location. */
    private String stopWithSavepoint() throws Exception {
      String before = SessionJobs.describeJob(flink, jobId);
      long t0 = System.nanoTime();
      String location = SessionJobs.stopWithSavepoint(flink, jobId, false, null,
          SAVEPOINT_TIMEOUT, indented(l -> true));
      StreamingJob current = jobs.remove(jobs.size() - 1);
      jobs.add(new StreamingJob(current.id(), current.fromSavepoint(), current.restoredFrom(),
          before));
      savepoints.add(location);
      log("stopped with a savepoint in %.1f s", (System.nanoTime() - t0) / 1e9);
      return location;
    }

    /** Kills the TaskManager {@code s.kills} times, restarts Postgres once, at seeded moments. */
    private void crash() throws Exception {
      int pgAfter = s.restartPostgres() ? random.nextInt(s.kills() + 1) : -1;
      long maxDelayMs = Math.max(1000, s.replaySeconds() * 1000L / (s.kills() + 2));
      for (int i = 0; i <= s.kills(); i++) {
        if (i == pgAfter) {
          Thread.sleep(random.nextLong(maxDelayMs));
          long before = flink.completedCheckpoints(jobId);
          long restarted = System.nanoTime();
          restartPostgres();
          awaitCheckpointAfter(before, Duration.ofMinutes(5));
          log("Postgres restart: first checkpoint after it %.0f s after the restart began",
              (System.nanoTime() - restarted) / 1e9);
        }
        if (i == s.kills()) {
          break;
        }
        Thread.sleep(random.nextLong(maxDelayMs));
        long before = flink.completedCheckpoints(jobId);
        log("kill %d/%d: SIGKILL to the TaskManager (%,d records behind at the last checkpoint)",
            i + 1, s.kills(), lagForLog());
        long restarted = System.nanoTime();
        script("restart-taskmanager");
        kills++;
        awaitCheckpointAfter(before, Duration.ofMinutes(5));
        log("kill %d/%d: job recovered, first checkpoint after it %.0f s after the kill", i + 1,
            s.kills(), (System.nanoTime() - restarted) / 1e9);
      }
      for (int i = 0; i < s.savepoints(); i++) {
        Thread.sleep(random.nextLong(maxDelayMs));
        log("savepoint %d/%d: stopping job %s with a savepoint (%,d records behind at the last"
            + " checkpoint)", i + 1, s.savepoints(), jobId, lagForLog());
        String location = stopWithSavepoint();
        log("savepoint %d/%d: %s", i + 1, s.savepoints(), location);
        submit(location);
      }
      for (int i = 0; i < s.jobManagerKills(); i++) {
        Thread.sleep(random.nextLong(maxDelayMs));
        log("JobManager kill %d/%d: SIGKILL to the JobManager running job %s (%,d records behind"
            + " at the last checkpoint)", i + 1, s.jobManagerKills(), jobId, lagForLog());
        String before = SessionJobs.describeJob(flink, jobId);
        long t0 = System.nanoTime();
        script("restart-jobmanager");
        jobManagerKills++;
        StreamingJob current = jobs.remove(jobs.size() - 1);
        jobs.add(new StreamingJob(current.id(), current.fromSavepoint(), current.restoredFrom(),
            "gone with its JobManager (SIGKILL); before: " + before));
        // What seawatch submit --fromCheckpoint=JOB_ID resumes from.
        String checkpoint = SessionJobs.resolveCheckpoint(s.stateDir(), current.id()).toString();
        log("JobManager kill %d/%d: new JobManager up and slots free after %.0f s; resuming from"
            + " %s", i + 1, s.jobManagerKills(), (System.nanoTime() - t0) / 1e9, checkpoint);
        submit(checkpoint);
        log("JobManager kill %d/%d: job %s running from the checkpoint, first checkpoint %.0f s"
            + " after the kill", i + 1, s.jobManagerKills(), jobId, (System.nanoTime() - t0) / 1e9);
      }
    }

    private void restartPostgres() throws Exception {
      int down = s.postgresDownSeconds();
      if (embedded != null) {
        log("%s the embedded Postgres on port %d", down > 0 ? "stopping" : "restarting",
            embeddedPort);
        embedded.close();
        if (down > 0) {
          Thread.sleep(down * 1000L);
          log("starting the embedded Postgres after %d s down", down);
        }
        startEmbeddedPostgres();
      } else if (down > 0) {
        if (!runPostgresCommand(s.postgresRestartCommand().replace("restart", "stop"))) {
          return;
        }
        Thread.sleep(down * 1000L);
        log("starting Postgres after %d s down", down);
        if (!runPostgresCommand(s.postgresRestartCommand().replace("restart", "start"))) {
          throw new IllegalStateException("Postgres did not start again");
        }
      } else if (!runPostgresCommand(s.postgresRestartCommand())) {
        return;
      }
      // Wait until it takes connections again.
      for (int i = 0; i < 60; i++) {
        try {
          connect().close();
          postgresRestarted = true;
          log("Postgres restarted and accepting connections");
          return;
        } catch (SQLException e) {
          Thread.sleep(1000);
        }
      }
      throw new IllegalStateException("Postgres does not accept connections after the restart");
    }

    /** Runs a Postgres service command; false (and a log line) if it failed (not permitted?). */
    private boolean runPostgresCommand(String command) throws Exception {
      log("Postgres: %s", command);
      Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), UTF_8).trim();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      if (p.exitValue() != 0) {
        log("Postgres restart skipped: the command exited with %d (not permitted here?): %s",
            p.exitValue(), output.lines().findFirst().orElse(""));
        return false;
      }
      return true;
    }

    private void startEmbeddedPostgres() throws IOException {
      embedded = EmbeddedPostgres.builder()
          .setDataDirectory(embeddedData)
          // Kept across the restart: that is the point of it.
          .setCleanDataDirectory(false)
          .setPort(embeddedPort)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
    }

    private static int freePort() throws IOException {
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }

    /** Until the group has committed every offset and the tables of B stop changing. */
    private void awaitConsumed() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(s.timeoutMinutes());
      String previous = null;
      long stableSince = 0;
      while (System.nanoTime() < deadline) {
        long lag;
        try {
          lag = KafkaTopics.totalLag(s.bootstrapServers(), topic, group);
        } catch (OperatorError e) {
          // A loaded broker can miss the admin timeout; that is no verdict, ask again.
          log("waiting: %s", e.getMessage());
          Thread.sleep(5_000);
          continue;
        }
        String counts = counts(schemaB);
        if (lag == 0 && counts.equals(previous)) {
          if (System.nanoTime() - stableSince >= QUIET.toNanos()) {
            log("input consumed (lag 0) and tables of B unchanged for %d s: %s",
                QUIET.toSeconds(), counts);
            return;
          }
        } else {
          stableSince = System.nanoTime();
          log("waiting: lag %,d, B %s", lag, counts);
        }
        previous = counts;
        Thread.sleep(5_000);
      }
      throw new IllegalStateException("the Flink job did not finish within " + s.timeoutMinutes()
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
        return KafkaTopics.totalLag(s.bootstrapServers(), topic, group);
      } catch (OperatorError e) {
        return -1;
      }
    }

    private void publishAdvance(int partitions, long millis) throws Exception {
      Map<String, Object> config = Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers(),
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

    /**
     * The scenarios' port geofence in both schemas before either run starts, so that both see it
     * from the first position (the streaming job would otherwise pick it up at its next refresh,
     * a moment that depends on timing). B gets a copy of A's row: same {@code updated_at}.
     */
    private void addScenarioFences() throws Exception {
      for (String schema : List.of(schemaA, schemaB)) {
        Migrations.builtIn().migrate(JdbcTarget.of(schemaUrl(schema), s.jdbcUser()));
      }
      try (Connection c = DriverManager.getConnection(schemaUrl(schemaA), connectProperties())) {
        GeofenceTable.upsert(c, ScenarioGeofences.rows());
        try (Statement st = c.createStatement()) {
          st.execute("INSERT INTO " + schemaB + ".geofence SELECT * FROM " + schemaA + ".geofence");
        }
      }
      log("scenario geofences added to both schemas");
    }

    private String schemaUrl(String schema) {
      return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The progress of an ops call, indented under the harness's own lines. */
    private PrintStream indented(java.util.function.Predicate<String> keep) {
      return LinePrefixStream.of(out, "    ", keep);
    }

    private void script(String action) throws Exception {
      Path log = Files.createTempFile("crashtest-script", ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(
            s.repo().resolve(Repository.FLINK_CLUSTER_SCRIPT).toString(), action, "--state-dir",
            s.stateDir().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SEAWATCH_FLINK_REST_PORT",
            Integer.toString(java.net.URI.create(flink.url()).getPort()));
        pb.environment().put("SEAWATCH_FLINK_RPC_PORT", Integer.toString(s.flinkRpcPort()));
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

    /** Waits until the job has completed more than {@code count} checkpoints. */
    private void awaitCheckpointAfter(long count, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        String state;
        try {
          state = flink.state(jobId);
        } catch (IOException e) {
          state = "?";
        }
        if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
          throw new IllegalStateException("the Flink job is " + state);
        }
        if (flink.completedCheckpoints(jobId) > count) {
          return;
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException(
          "no checkpoint completed within " + timeout.toSeconds() + " s");
    }

    private void cleanUp(Path dir) {
      if (jobId != null) {
        try {
          String state = flink.state(jobId);
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
      } else if (!s.keepSchemas()) {
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
      try {
        KafkaTopics.delete(s.bootstrapServers(), List.of(topic, alertsTopic()), List.of(group));
      } catch (Exception e) {
        log("could not delete topic %s / group %s: %s", topic, group, e.getMessage());
      }
    }

    private Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, connectProperties());
    }

    private java.util.Properties connectProperties() {
      java.util.Properties p = new java.util.Properties();
      p.put("user", s.jdbcUser());
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
  }
}
