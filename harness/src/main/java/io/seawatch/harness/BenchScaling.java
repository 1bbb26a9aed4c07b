package io.seawatch.harness;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migrations;
import io.seawatch.model.VesselPosition;
import io.seawatch.ops.FilePublisher;
import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.Ingest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.NmeaPeek;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.Repository;
import io.seawatch.ops.RunnerProfiles;
import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.GeneratedFleet;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Bench scaling: sustained end-to-end throughput Kafka -> Flink session cluster ->
 * Postgres of the real streaming ingest at several parallelisms and partition counts, and in the
 * same run the raw limit of the machine ({@link RawIngest}: plain consumers + decoder + COPY).
 *
 * <p>Method (docs/benchmarks.md): the topics are filled first; each Flink run gets a fresh schema
 * and consumer group, is submitted, and is timed from its first row in {@code ais_position} until
 * every expected position is there (sustained rate) and until the group's committed offsets reach
 * the end offsets (offsets commit on checkpoints: this includes up to one checkpoint interval).
 * CPU is read from {@code /proc} for the TaskManager, the broker and the job's Postgres backends
 * over the same interval: CPU-seconds per million lines do not depend on the machine's load.
 * {@link #run} returns the rows ({@link Report}); progress lines go to the caller's stream.
 */
public final class BenchScaling {
  /** Lines of a FleetGenerator fleet per vessel and hour (measured: 155,160 for 200 x 2 h). */
  static final double LINES_PER_VESSEL_HOUR = 390;
  private static final Duration FLEET_DURATION = Duration.ofHours(2);
  private static final Duration POLL = Duration.ofMillis(500);

  private BenchScaling() {}

  /** What to measure; {@link #builder()} holds the defaults of {@code seawatch bench scaling}. */
  public record Settings(int messages, List<Integer> partitions, List<Integer> parallelisms,
      int rawThreads, boolean skipRaw, boolean skipFlink, List<String> ingestArgs,
      boolean analytics, int stackSamples, boolean operatorCpu, int repeat, String bootstrap,
      String jdbcUrl, String jdbcUser, String flinkRest, Path stateDir, Path kafkaDir, Path repo, Path jar, long seed,
      int timeoutMinutes, boolean keep, boolean restartTaskManager) {
    public static Builder builder() {
      return new Builder();
    }
  }

  /** Settings with the defaults of {@code seawatch bench scaling}. */
  public static final class Builder {
    public static final int DEFAULT_MESSAGES = 1_000_000;
    public static final List<Integer> DEFAULT_PARTITIONS = List.of(1, 2, 4);
    public static final List<Integer> DEFAULT_PARALLELISMS = List.of(1, 2);
    public static final int DEFAULT_RAW_THREADS = 2;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_TIMEOUT_MINUTES = 15;

    private int messages = DEFAULT_MESSAGES;
    private List<Integer> partitions = DEFAULT_PARTITIONS;
    private List<Integer> parallelisms = DEFAULT_PARALLELISMS;
    private int rawThreads = DEFAULT_RAW_THREADS;
    private boolean skipRaw;
    private boolean skipFlink;
    private List<String> ingestArgs = List.of();
    private boolean analytics;
    private int stackSamples;
    private boolean operatorCpu;
    private int repeat = 1;
    private String bootstrap = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS;
    private String jdbcUrl = JdbcTarget.DEFAULT_URL;
    private String jdbcUser = JdbcTarget.DEFAULT_USER;
    private String flinkRest = FlinkRest.DEFAULT_URL;
    private Path stateDir;
    private Path kafkaDir;
    private Path repo;
    private Path jar;
    private long seed = DEFAULT_SEED;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private boolean keep;
    private boolean restartTaskManager = true;

    private Builder() {}

    /** About this many lines per topic. */
    public Builder messages(int n) {
      messages = n;
      return this;
    }

    /** Partition counts: one topic each. */
    public Builder partitions(List<Integer> counts) {
      partitions = List.copyOf(counts);
      return this;
    }

    /** Flink parallelisms: one run per partition count and parallelism. */
    public Builder parallelisms(List<Integer> values) {
      parallelisms = List.copyOf(values);
      return this;
    }

    /** Raw-limit consumer threads, at most one per partition. */
    public Builder rawThreads(int n) {
      rawThreads = n;
      return this;
    }

    public Builder skipRaw(boolean b) {
      skipRaw = b;
      return this;
    }

    public Builder skipFlink(boolean b) {
      skipFlink = b;
      return this;
    }

    /** Extra ingest options ({@code --name=value}) for the Flink runs. */
    public Builder ingestArgs(List<String> args) {
      ingestArgs = List.copyOf(args);
      return this;
    }

    /** Include the vessel analytics (default: the ingest tables only). */
    public Builder analytics(boolean b) {
      analytics = b;
      return this;
    }

    /** jstack the TaskManager this many times during each Flink run. */
    public Builder stackSamples(int n) {
      stackSamples = n;
      return this;
    }

    /** jstack the TaskManager at the first row and at the last: CPU per operator chain. */
    public Builder operatorCpu(boolean b) {
      operatorCpu = b;
      return this;
    }

    /**
     * Run each Flink configuration this many times in a row on the same topic (default 1): on a
     * shared 2-core machine one run's rate varies by a quarter and more.
     */
    public Builder repeat(int n) {
      repeat = n;
      return this;
    }

    public Builder bootstrapServers(String servers) {
      bootstrap = servers;
      return this;
    }

    /** Base URL; one schema per run is created in it (and dropped unless kept). */
    public Builder jdbcUrl(String url) {
      jdbcUrl = url;
      return this;
    }

    public Builder jdbcUser(String user) {
      jdbcUser = user;
      return this;
    }

    public Builder flinkRest(String url) {
      flinkRest = url;
      return this;
    }

    /** The cluster's state directory (its taskmanager.pid). */
    public Builder stateDir(Path dir) {
      stateDir = dir;
      return this;
    }

    /** The broker's data directory (its kafka.pid). */
    public Builder kafkaDir(Path dir) {
      kafkaDir = dir;
      return this;
    }

    public Builder repo(Path dir) {
      repo = dir;
      return this;
    }

    public Builder jar(Path file) {
      jar = file;
      return this;
    }

    public Builder seed(long s) {
      seed = s;
      return this;
    }

    /** Per Flink run. */
    public Builder timeoutMinutes(int minutes) {
      timeoutMinutes = minutes;
      return this;
    }

    /** Keep topics and schemas. */
    public Builder keep(boolean b) {
      keep = b;
      return this;
    }

    /** Restart the TaskManager before each Flink run (the default). */
    public Builder restartTaskManager(boolean b) {
      restartTaskManager = b;
      return this;
    }

    /**
     * The settings; repository, job jar, state and Kafka directories default to the
     * repository's.
     *
     * @throws OperatorError when the Flink runs have no job jar
     */
    public Settings build() {
      for (String a : ingestArgs) {
        if (!a.startsWith("--")) {
          throw new IllegalArgumentException("ingest options are --name=value, not '" + a + "'");
        }
      }
      Path r = repo;
      if (r == null && (!skipFlink || stateDir == null || kafkaDir == null)) {
        r = Repository.root();
      }
      Path base = r == null ? Path.of("") : r;
      Path j = (jar != null ? jar : base.resolve(Repository.JOB_JAR)).toAbsolutePath();
      if (!skipFlink && !Files.isRegularFile(j)) {
        throw new OperatorError("no job jar at " + j + " (mvn -B -DskipTests package)");
      }
      return new Settings(messages, partitions, parallelisms, rawThreads, skipRaw, skipFlink,
          ingestArgs, analytics, stackSamples, operatorCpu, repeat, bootstrap, jdbcUrl, jdbcUser,
          stripSlash(flinkRest), stateDir != null ? stateDir : base.resolve(Repository.FLINK_STATE_DIR),
          kafkaDir != null ? kafkaDir : base.resolve(".seawatch/kafka"), r, j, seed,
          timeoutMinutes, keep, restartTaskManager);
    }
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The rows, raw first; {@code rawBest}: the best raw rate (0 without raw rows). */
  public record Report(List<Row> rows, double rawBest) {
    /** The Markdown table of docs/benchmarks.md. */
    public String table() {
      return BenchScaling.table(rows, rawBest);
    }
  }

  /** Runs the benchmark; progress lines go to {@code log}. */
  public static Report run(Settings settings, PrintStream log) throws Exception {
    return new ScalingRun(settings, log).execute();
  }

  /** One row of the result table. */
  public record Row(String path, int partitions, String parallelism, long lines, long positions,
      double seconds, double rate, double committedSeconds, double mainCpu, double kafkaCpu,
      double postgresCpu, String note) {
    public double cpuPerMillion(double cpu) {
      return cpu / (lines / 1e6);
    }
  }

  public static String table(List<Row> rows, double rawBest) {
    StringBuilder sb = new StringBuilder();
    sb.append("| path | partitions | parallelism | lines | positions | sustained s | lines/s"
        + " | % of raw | to committed s | CPU-s/M lines: worker | Kafka | Postgres | total |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      double total = r.mainCpu() + r.kafkaCpu() + r.postgresCpu();
      sb.append(String.format(Locale.ROOT,
          "| %s | %d | %s | %,d | %,d | %.1f | %,.0f | %s | %s | %.1f | %.1f | %.1f | %.1f |%n",
          r.path(), r.partitions(), r.parallelism(), r.lines(), r.positions(), r.seconds(),
          r.rate(), rawBest > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * r.rate() / rawBest)
              : "-",
          Double.isNaN(r.committedSeconds()) ? "-"
              : String.format(Locale.ROOT, "%.1f", r.committedSeconds()),
          r.cpuPerMillion(r.mainCpu()), r.cpuPerMillion(r.kafkaCpu()),
          r.cpuPerMillion(r.postgresCpu()), r.cpuPerMillion(total)));
    }
    return sb.toString();
  }

  /** One benchmark run, from the topics to the table. */
  private static final class ScalingRun {
    private final Settings s;
    private final PrintStream out;
    private final String runId = Long.toString(System.currentTimeMillis() / 1000, 36);
    private final long started = System.nanoTime();
    private final FlinkRest flink;
    private final List<String> topics = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();

    ScalingRun(Settings s, PrintStream out) {
      this.s = s;
      this.flink = new FlinkRest(s.flinkRest());
      this.out = out;
    }

    Report execute() throws Exception {
      Path dir = Files.createTempDirectory("seawatch-bench-");
      try {
        return steps(dir);
      } finally {
        cleanUp(dir);
      }
    }

    private Report steps(Path dir) throws Exception {
      KafkaTopics.quietClientLogs();
      log("load %s", loadAverage());
      int vessels = (int) Math.max(1, Math.round(
          s.messages() / (LINES_PER_VESSEL_HOUR * FLEET_DURATION.toMinutes() / 60.0)));
      GeneratedFleet fleet = FleetGenerator.builder().seed(s.seed()).vessels(vessels)
          .duration(FLEET_DURATION).build().generate();
      Path file = dir.resolve("fleet.nmea");
      fleet.write(file);
      long lines = fleet.lines().size();
      long positions = expectedPositions(file);
      log("fleet: %,d lines, %d vessels, %s, seed %d: %,d distinct positions", lines, vessels,
          FLEET_DURATION, s.seed(), positions);
      Map<Integer, String> topicOf = new TreeMap<>();
      for (int p : s.partitions()) {
        String topic = "bench-" + runId + "-p" + p;
        KafkaTopics.prepareTopic(s.bootstrap(), topic, p, LinePrefixStream.discard());
        topics.add(topic);
        FilePublisher.Report r = FilePublisher.publish(file, s.bootstrap(), topic, p, 0,
            LinePrefixStream.discard());
        log("topic %s: %,d lines published in %.1f s", topic, r.lines(), r.seconds());
        topicOf.put(p, topic);
      }

      List<Row> rows = new ArrayList<>();
      double rawBest = 0;
      if (!s.skipRaw()) {
        for (int p : s.partitions()) {
          Row r = raw(topicOf.get(p), p, positions);
          rows.add(r);
          rawBest = Math.max(rawBest, r.rate());
          printRow(r);
        }
      }
      if (!s.skipFlink()) {
        for (int p : s.partitions()) {
          for (int par : s.parallelisms()) {
            List<Row> runs = new ArrayList<>();
            for (int round = 1; round <= s.repeat(); round++) {
              Row r = flink(topicOf.get(p), p, par, round, lines, positions);
              rows.add(r);
              runs.add(r);
              printRow(r);
            }
            if (runs.size() > 1) {
              log("flink p=%d par=%d, %d runs: median %,.0f lines/s (%,.0f-%,.0f), median %.1f"
                      + " worker CPU-s per M lines", p, par, runs.size(),
                  median(runs, Row::rate), runs.stream().mapToDouble(Row::rate).min().orElse(0),
                  runs.stream().mapToDouble(Row::rate).max().orElse(0),
                  median(runs, r -> r.cpuPerMillion(r.mainCpu())));
            }
          }
        }
      }
      log("load %s", loadAverage());
      return new Report(List.copyOf(rows), rawBest);
    }

    private static double median(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
      double[] v = rows.stream().mapToDouble(f).sorted().toArray();
      return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void printRow(Row r) {
      log("%s p=%d par=%s: %,.0f lines/s over %.1f s; CPU-s per M lines: worker %.1f, Kafka"
              + " %.1f, Postgres %.1f%s; load %s", r.path(), r.partitions(), r.parallelism(),
          r.rate(), r.seconds(), r.cpuPerMillion(r.mainCpu()), r.cpuPerMillion(r.kafkaCpu()),
          r.cpuPerMillion(r.postgresCpu()), r.note().isEmpty() ? "" : " (" + r.note() + ")",
          loadAverage());
    }

    /** Distinct position keys the file yields, as the pipeline would write them. */
    private long expectedPositions(Path file) throws IOException {
      Set<List<Long>> keys = new HashSet<>();
      long clock = -1;
      NmeaPeek peek = new NmeaPeek();
      for (String line : Files.readAllLines(file, UTF_8)) {
        peek.peek(line);
        long t = peek.timestampMillis();
        if (t >= 0) {
          clock = t;
        } else {
          t = clock; // replay carries the receive clock forward for lines without c:
        }
        VesselPosition p = RawIngest.position(line, t);
        if (p != null) {
          keys.add(List.of((long) p.mmsi(), p.timestampMillis(), p.msgHash()));
        }
      }
      return keys.size();
    }

    private Row raw(String topic, int partitions, long expected) throws Exception {
      String schema = schema("raw_p" + partitions);
      long kafkaPid = ProcessCpu.pidFrom(s.kafkaDir().resolve("kafka.pid"));
      long k0 = ProcessCpu.ticks(kafkaPid);
      RawIngest.Result r = RawIngest.run(s.bootstrap(), topic, target(schema), s.rawThreads());
      long k1 = ProcessCpu.ticks(kafkaPid);
      long rows = count(schema);
      String note = rows == expected ? "" : "rows " + rows + " != expected " + expected;
      return new Row("raw", partitions, Math.min(s.rawThreads(), partitions) + " threads", r.lines(),
          rows, r.seconds(), r.lines() / r.seconds(), Double.NaN, r.workerCpuSeconds(),
          (k1 - k0) / (double) ProcessCpu.TICKS_PER_SECOND, r.postgresCpuSeconds(), note);
    }

    private Row flink(String topic, int partitions, int parallelism, int round, long lines,
        long expected) throws Exception {
      String run = "p" + partitions + "-par" + parallelism + (round == 1 ? "" : "-r" + round);
      String schema = schema("flink_" + run.replace('-', '_'));
      String group = "bench-" + runId + "-" + run;
      groups.add(group);
      String jobName = "seawatch-bench-" + runId + "-" + run;
      List<String> args = new ArrayList<>(List.of(
          "--runnerConfig=" + s.repo().resolve("runner-configs/flink-cluster.properties"),
          "--flinkMaster=" + URI.create(s.flinkRest()).getAuthority(),
          "--filesToStage=" + s.jar(), "--jobName=" + jobName, "--consumerGroup=" + group,
          "--bootstrapServers=" + s.bootstrap(), "--topic=" + topic,
          "--jdbcUrl=" + target(schema).url(), "--jdbcUser=" + s.jdbcUser(),
          "--parallelism=" + parallelism, "--analytics=" + s.analytics()));
      args.addAll(s.ingestArgs());
      if (s.restartTaskManager()) {
        // A fresh TaskManager per run: equal starting conditions, and Beam's job class loaders
        // leak metaspace (beam#20783): the TaskManager died with "OutOfMemoryError: Metaspace"
        // after about a dozen benchmark jobs.
        BenchChurn.restartTaskManager(s.repo(), s.stateDir(), s.flinkRest());
      }
      long tmPid = ProcessCpu.pidFrom(s.stateDir().resolve("taskmanager.pid"));
      long kafkaPid = ProcessCpu.pidFrom(s.kafkaDir().resolve("kafka.pid"));
      long submitted = System.nanoTime();
      Ingest.Report submission = Ingest.run(
          Ingest.options(RunnerProfiles.expand(args, LinePrefixStream.discard())),
          LinePrefixStream.discard());
      if (!submission.submitted()) {
        throw new IllegalStateException("submission failed: the ingest ended "
            + submission.state());
      }
      String jobId = findJob(jobName);
      try {
        long deadline = submitted + TimeUnit.MINUTES.toNanos(s.timeoutMinutes());
        long tFirst = 0;
        long rowsAtFirst = 0;
        long tm0 = 0;
        long k0 = 0;
        Map<Integer, Long> pg0 = Map.of();
        long rows = 0;
        boolean sampled = false;
        Map<String, Double> threads0 = null;
        StackSampler sampler = new StackSampler(tmPid);
        while (rows < expected) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(jobName + ": " + rows + " of " + expected
                + " positions after " + s.timeoutMinutes() + " min");
          }
          sleep(POLL);
          rows = count(schema);
          if (tFirst == 0 && rows > 0) {
            tFirst = System.nanoTime();
            rowsAtFirst = rows;
            tm0 = ProcessCpu.ticks(tmPid);
            k0 = ProcessCpu.ticks(kafkaPid);
            pg0 = backendTicks();
            threads0 = s.operatorCpu() ? ThreadCpu.take(tmPid) : null;
          } else if (tFirst != 0 && !sampled && rows >= expected / 2) {
            sampled = true;
            log("%s at %,d rows: %s", jobName, rows, vertexLoad(jobId));
          }
          if (tFirst != 0 && sampler.taken() < s.stackSamples() && rows < expected * 0.9) {
            sampler.sample();
          }
        }
        long tDone = System.nanoTime();
        long tm1 = ProcessCpu.ticks(tmPid);
        long k1 = ProcessCpu.ticks(kafkaPid);
        Map<Integer, Long> pg1 = backendTicks();
        long pgTicks = 0;
        for (Map.Entry<Integer, Long> e : pg1.entrySet()) {
          pgTicks += e.getValue() - pg0.getOrDefault(e.getKey(), 0L);
        }
        if (sampler.taken() > 0) {
          log("%s: TaskManager stacks, %d samples:%n%s", jobName, sampler.taken(),
              sampler.report());
        }
        Map<String, Double> threads1 = threads0 != null ? ThreadCpu.take(tmPid) : null;
        double committed = awaitCommitted(topic, group, deadline);
        double seconds = (tDone - tFirst) / 1e9;
        // The lines behind the rows counted at the first poll: scale by the positions' share.
        double linesTimed = lines * (expected - rowsAtFirst) / (double) expected;
        if (threads0 != null) {
          log("%s: CPU per operator chain (jstack at the first and the last row):%n%s", jobName,
              ThreadCpu.report(threads0, threads1, linesTimed, 25));
        }
        double share = linesTimed / lines;
        double tick = ProcessCpu.TICKS_PER_SECOND;
        return new Row("flink", partitions,
            parallelism + (round == 1 ? "" : " #" + round), lines, rows,
            seconds, linesTimed / seconds, (committed - submitted) / 1e9,
            (tm1 - tm0) / tick / share, (k1 - k0) / tick / share, pgTicks / tick / share,
            String.format(Locale.ROOT, "first row %.1f s after submission",
                (tFirst - submitted) / 1e9));
      } finally {
        cancel(jobId);
      }
    }

    /** nanoTime when the group has committed the end offsets of every partition. */
    private long awaitCommitted(String topic, String group, long deadline) throws Exception {
      while (System.nanoTime() < deadline) {
        try {
          long lag = KafkaTopics.totalLag(s.bootstrap(), topic, group);
          if (lag == 0) {
            return System.nanoTime();
          }
        } catch (OperatorError e) {
          // a slow broker answer is no verdict
        }
        sleep(POLL);
      }
      throw new IllegalStateException("offsets of " + group + " not committed in time");
    }

    /** Busy and back-pressured ms/s (subtask average) of every vertex of the job. */
    private String vertexLoad(String jobId) {
      JsonNode job = flinkJson("/jobs/" + jobId);
      if (job == null) {
        return "(no REST answer)";
      }
      StringBuilder sb = new StringBuilder();
      String get = "/subtasks/metrics?get=busyTimeMsPerSecond,backPressuredTimeMsPerSecond&agg=avg";
      // The REST metrics are fetched lazily: the first query of a vertex may answer empty.
      for (JsonNode v : job.path("vertices")) {
        flinkJson("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + get);
      }
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (JsonNode v : job.path("vertices")) {
        JsonNode m = flinkJson("/jobs/" + jobId + "/vertices/" + v.path("id").asText()
            + get);
        Map<String, Double> values = new LinkedHashMap<>();
        if (m != null) {
          for (JsonNode metric : m) {
            values.put(metric.path("id").asText(), metric.path("avg").asDouble());
          }
        }
        String name = v.path("name").asText();
        sb.append(String.format(Locale.ROOT, "%n    busy %4.0f, backpressured %4.0f ms/s: %s",
            values.getOrDefault("busyTimeMsPerSecond", Double.NaN),
            values.getOrDefault("backPressuredTimeMsPerSecond", Double.NaN),
            name.length() > 160 ? name.substring(0, 160) + "..." : name));
      }
      return sb.toString();
    }

    private String findJob(String name) throws Exception {
      for (int i = 0; i < 120; i++) {
        JsonNode jobs = flinkJson("/jobs/overview");
        if (jobs != null) {
          for (JsonNode j : jobs.path("jobs")) {
            if (j.path("name").asText().equals(name)
                && j.path("state").asText().equals("RUNNING")) {
              return j.path("jid").asText();
            }
          }
        }
        sleep(Duration.ofMillis(500));
      }
      throw new IllegalStateException("no running job named " + name + " at " + s.flinkRest());
    }

    private void cancel(String jobId) throws Exception {
      flink.cancel(jobId);
      for (int i = 0; i < 120; i++) {
        JsonNode job = flinkJson("/jobs/" + jobId);
        if (job == null || job.path("state").asText().equals("CANCELED")) {
          return;
        }
        sleep(Duration.ofMillis(500));
      }
      log("job %s not cancelled after 60 s", jobId);
    }

    /** CPU ticks of every Postgres backend connected to the benchmark's database, by pid. */
    private Map<Integer, Long> backendTicks() throws SQLException {
      Map<Integer, Long> ticks = new HashMap<>();
      try (Connection c = target(null).connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity"
              + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
        while (rs.next()) {
          ticks.put(rs.getInt(1), ProcessCpu.ticks(rs.getInt(1)));
        }
      }
      return ticks;
    }

    private String schema(String what) throws SQLException {
      String schema = "bench_" + runId + "_" + what;
      try (Connection c = target(null).connect(); Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      }
      schemas.add(schema);
      try {
        Migrations.builtIn().migrate(target(schema));
      } catch (Exception e) {
        throw new IllegalStateException("migrations in " + schema + " failed", e);
      }
      return schema;
    }

    private long count(String schema) throws SQLException {
      try (Connection c = target(schema).connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM ais_position")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private JdbcTarget target(String schema) {
      String url = schema == null ? s.jdbcUrl()
          : s.jdbcUrl() + (s.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
      return JdbcTarget.of(url, s.jdbcUser());
    }

    private JsonNode flinkJson(String path) {
      try {
        return flink.get(path);
      } catch (IOException e) {
        return null;
      }
    }

    private void cleanUp(Path dir) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp directory
      }
      if (s.keep()) {
        log("kept topics %s and schemas %s", topics, schemas);
        return;
      }
      try (Connection c = target(null).connect(); Statement st = c.createStatement()) {
        for (String schema : schemas) {
          st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      } catch (SQLException e) {
        log("could not drop schemas %s: %s", schemas, e.getMessage());
      }
      try {
        KafkaTopics.delete(s.bootstrap(), topics, groups);
      } catch (Exception e) {
        log("could not delete topics %s / groups: %s", topics, e.getMessage());
      }
    }

    private void log(String format, Object... args) {
      out.printf(Locale.ROOT, "bench [%6.1f s] %s%n", (System.nanoTime() - started) / 1e9,
          String.format(Locale.ROOT, format, args));
    }

    private static void sleep(Duration d) throws InterruptedException {
      Thread.sleep(d.toMillis());
    }
  }

  /** The 1-, 5- and 15-minute load averages. */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
