package io.seawatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migrations;
import io.seawatch.model.VesselPosition;
import io.seawatch.testdata.ChurnGenerator;
import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.GeneratedFleet;
import java.io.ByteArrayOutputStream;
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
 * {@code seawatch bench scaling}: sustained end-to-end throughput Kafka -> Flink session cluster ->
 * Postgres of the real streaming ingest at several parallelisms and partition counts, and in the
 * same run the raw limit of the machine ({@link RawIngest}: plain consumers + decoder + COPY).
 *
 * <p>Method (docs/benchmarks.md): the topics are filled first; each Flink run gets a fresh schema
 * and consumer group, is submitted, and is timed from its first row in {@code ais_position} until
 * every expected position is there (sustained rate) and until the group's committed offsets reach
 * the end offsets (offsets commit on checkpoints: this includes up to one checkpoint interval).
 * CPU is read from {@code /proc} for the TaskManager, the broker and the job's Postgres backends
 * over the same interval: CPU-seconds per million lines do not depend on the machine's load.
 */
public final class BenchCommand implements Command {
  private static final double LINES_PER_VESSEL_HOUR = 390;
  private static final Duration FLEET_DURATION = Duration.ofHours(2);
  private static final Duration POLL = Duration.ofMillis(500);

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "Benchmarks: 'bench scaling' = Kafka -> Flink -> Postgres throughput vs the raw limit;"
        + " 'bench churn' = checkpoint size under key churn and recovery";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty() || Seawatch.isHelp(args.get(0))) {
      usage(out);
      return args.isEmpty() ? 2 : 0;
    }
    if (args.get(0).equals("churn-data")) {
      return churnData(args.subList(1, args.size()), out);
    }
    if (args.get(0).equals("churn")) {
      return BenchChurn.run(args.subList(1, args.size()), out);
    }
    if (!args.get(0).equals("scaling")) {
      throw new UserError("unknown benchmark '" + args.get(0)
          + "' (known: scaling, churn-data, churn)");
    }
    Settings s = Settings.parse(args.subList(1, args.size()));
    if (s == null) {
      usage(out);
      return 0;
    }
    new ScalingRun(s, out).execute();
    return 0;
  }

  /**
   * {@code bench churn-data}: writes the key-churn input of the state benchmark (issue 4,
   * docs/benchmarks.md "Key churn") with {@link ChurnGenerator}.
   */
  static int churnData(List<String> args, PrintStream out) throws IOException {
    Flags f = Flags.parse("bench", args,
        Set.of("out", "vessels", "arrivalsPerSecond", "reports", "intervalSeconds",
            "trailerMinutes"),
        Set.of("help"));
    if (f.has("help")) {
      usage(out);
      return 0;
    }
    Path file = Path.of(f.required("out"));
    ChurnGenerator g = new ChurnGenerator(f.positiveInt("vessels", 1_000_000),
        f.positiveInt("arrivalsPerSecond", 20), f.positiveInt("reports", 3),
        Duration.ofSeconds(f.positiveInt("intervalSeconds", 600)),
        FleetGenerator.DEFAULT_START, Duration.ofMinutes(f.positiveInt("trailerMinutes", 60)));
    g.write(file);
    out.printf(Locale.ROOT, "wrote %s: %,d lines, about %,d vessels active at a time%n", file,
        g.lines(), g.activeVessels());
    return 0;
  }

  static void usage(PrintStream out) {
    out.println(String.join("\n",
        "Usage: seawatch bench scaling [options]",
        "Fills one topic per partition count with a generated fleet, measures the raw limit",
        "(KafkaConsumer + decoder + COPY, no Beam) and the streaming ingest on the Flink session",
        "cluster at each parallelism; prints a Markdown table (docs/benchmarks.md).",
        "",
        "  --messages=N            about N lines per topic (default 1000000)",
        "  --partitions=1,2,4      partition counts (default 1,2,4)",
        "  --parallelism=1,2       Flink parallelisms (default 1,2)",
        "  --rawThreads=T          raw-limit consumer threads, at most one per partition (default 2)",
        "  --skipRaw / --skipFlink only one half",
        "  --ingestArgs='--a=b ...' extra ingest options for the Flink runs (e.g. --maxBundleSize=5000)",
        "  --analytics             include the vessel analytics (default: ingest tables only)",
        "  --stackSamples=N        jstack the TaskManager N times during each Flink run, print"
            + " where the threads are",
        "  --bootstrapServers=HOST:PORT  (default " + ReplayCommand.DEFAULT_BOOTSTRAP_SERVERS + ")",
        "  --jdbcUrl=URL           base URL; one schema per run is created in it and dropped",
        "  --jdbcUser=USER         (default postgres; password from PGPASSWORD)",
        "  --flinkRest=URL         (default " + StatusCommand.DEFAULT_FLINK_REST + ")",
        "  --stateDir=DIR          the cluster's state dir (its taskmanager.pid; default"
            + " <repo>/.seawatch/flink)",
        "  --kafkaDir=DIR          the broker's data dir (its kafka.pid; default <repo>/.seawatch/kafka)",
        "  --repo=DIR --jar=FILE   repository and job jar",
        "  --seed=S                fleet seed (default 42)",
        "  --timeoutMinutes=M      per Flink run (default 15)",
        "  --keepTaskManager       do not restart the TaskManager before each Flink run (the"
            + " default restarts it: SEAWATCH_FLINK_RPC_PORT must then match the cluster)",
        "  --keep                  keep topics and schemas",
        "",
        "Usage: seawatch bench churn-data --out=FILE [options]",
        "Writes key-churn input for the state benchmark: vessels appear, report, go silent.",
        "  --vessels=N             distinct MMSIs (default 1000000)",
        "  --arrivalsPerSecond=A   new vessels per second of event time (default 20)",
        "  --reports=R             reports per vessel (default 3)",
        "  --intervalSeconds=S     between a vessel's reports (default 600)",
        "  --trailerMinutes=M      one heartbeat line a minute afterwards (default 60)",
        "",
        "Usage: seawatch bench churn [options]",
        "Replays churn lines (as churn-data; reuses --topic if it holds exactly them), submits the",
        "streaming ingest with the analytics to the Flink session cluster and every --pollSeconds",
        "prints a CSV row: last completed checkpoint (full and incremental size), committed lines,",
        "event time reached, MMSIs seen, vessels that should hold state, bytes per vessel. Kills",
        "and restarts the TaskManager at --killAt of the lines and times the recovery; ends with",
        "a condensed table, the steady-state reading and the state per operator.",
        "  --vessels, --arrivalsPerSecond, --reports, --intervalSeconds, --trailerMinutes",
        "                          as churn-data (defaults 1000000, 5, 1, 600, 1800)",
        "  --topic=T               (default churn)   --partitions=P  of a new topic (default 2)",
        "  --vesselStateTtlDays=D  --gapThresholdMinutes=M  --analyticsAllowedLatenessMinutes=M",
        "  --maxOutOfOrdernessSeconds=S  passed to the ingest and used to count the vessels that",
        "                          hold state (defaults 1, 360, 60, 300)",
        "  --ingestArgs='...'      more ingest options (default '--segmentMaxGapMinutes=60"
            + " --geofenceTimeoutMinutes=60')",
        "  --pollSeconds=S         (default 10)   --killAt=F  share of the lines (default 0.6; 0:"
            + " no kill)",
        "  --tableEverySeconds=S   rows of the condensed table (default 300)",
        "  --settleSeconds=S       keep polling after the last line is committed (default 60)",
        "  --csv=FILE              also write the CSV rows there",
        "  --bootstrapServers, --jdbcUrl (a schema churn_<id> is created there and dropped),"
            + " --jdbcUser,",
        "  --flinkRest, --stateDir (the cluster's; its conf gives the RPC port for the restart),",
        "  --repo, --jar, --timeoutMinutes (default 180), --keep (schema and consumer group)"));
  }

  static final class Settings {
    int messages;
    List<Integer> partitions;
    List<Integer> parallelisms;
    int rawThreads;
    boolean skipRaw;
    boolean skipFlink;
    List<String> ingestArgs;
    boolean analytics;
    int stackSamples;
    String bootstrap;
    String jdbcUrl;
    String jdbcUser;
    String flinkRest;
    Path stateDir;
    Path kafkaDir;
    Path repo;
    Path jar;
    long seed;
    int timeoutMinutes;
    boolean keep;
    boolean restartTaskManager;

    /** The settings, or null when help was asked for. */
    static Settings parse(List<String> args) {
      Flags f = Flags.parse("bench", args,
          Set.of("messages", "partitions", "parallelism", "rawThreads", "ingestArgs",
              "stackSamples", "bootstrapServers", "jdbcUrl", "jdbcUser", "flinkRest", "stateDir",
              "kafkaDir", "repo", "jar", "seed", "timeoutMinutes"),
          Set.of("skipRaw", "skipFlink", "analytics", "keep", "keepTaskManager", "help"));
      if (f.has("help")) {
        return null;
      }
      Settings s = new Settings();
      s.messages = f.positiveInt("messages", 1_000_000);
      s.partitions = intList(f, "partitions", "1,2,4");
      s.parallelisms = intList(f, "parallelism", "1,2");
      s.rawThreads = f.positiveInt("rawThreads", 2);
      s.skipRaw = f.has("skipRaw");
      s.skipFlink = f.has("skipFlink");
      String extra = f.string("ingestArgs", "").trim();
      s.ingestArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
      for (String a : s.ingestArgs) {
        if (!a.startsWith("--")) {
          throw f.error("--ingestArgs takes ingest options (--name=value), not '" + a + "'");
        }
      }
      s.analytics = f.has("analytics");
      s.stackSamples = f.has("stackSamples") ? f.positiveInt("stackSamples", 1) : 0;
      s.bootstrap = f.string("bootstrapServers", ReplayCommand.DEFAULT_BOOTSTRAP_SERVERS);
      s.jdbcUrl = f.string("jdbcUrl", JdbcTarget.DEFAULT_URL);
      s.jdbcUser = f.string("jdbcUser", JdbcTarget.DEFAULT_USER);
      s.flinkRest = stripSlash(f.string("flinkRest", StatusCommand.DEFAULT_FLINK_REST));
      s.repo = f.has("repo") ? Path.of(f.string("repo", "")) : null;
      s.seed = Long.parseLong(f.string("seed", "42"));
      s.timeoutMinutes = f.positiveInt("timeoutMinutes", 15);
      s.keep = f.has("keep");
      s.restartTaskManager = !f.has("keepTaskManager");
      if (!s.skipFlink || !f.has("stateDir") || !f.has("kafkaDir")) {
        if (s.repo == null) {
          s.repo = CrashTestCommand.findRepo();
        }
      }
      Path repo = s.repo == null ? Path.of("") : s.repo;
      s.jar = Path.of(f.string("jar", repo.resolve(SubmitCommand.JOB_JAR).toString()))
          .toAbsolutePath();
      s.stateDir = Path.of(f.string("stateDir", repo.resolve(".seawatch/flink").toString()));
      s.kafkaDir = Path.of(f.string("kafkaDir", repo.resolve(".seawatch/kafka").toString()));
      if (!s.skipFlink && !Files.isRegularFile(s.jar)) {
        throw new UserError("no job jar at " + s.jar + " (mvn -B -DskipTests package)");
      }
      return s;
    }

    static List<Integer> intList(Flags f, String name, String dflt) {
      List<Integer> values = new ArrayList<>();
      for (String part : f.string(name, dflt).split(",")) {
        try {
          int v = Integer.parseInt(part.trim());
          if (v > 0) {
            values.add(v);
            continue;
          }
        } catch (NumberFormatException e) {
          // below
        }
        throw f.error("--" + name + " takes positive whole numbers separated by commas");
      }
      return values;
    }
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** One row of the result table. */
  record Row(String path, int partitions, String parallelism, long lines, long positions,
      double seconds, double rate, double committedSeconds, double mainCpu, double kafkaCpu,
      double postgresCpu, String note) {
    double cpuPerMillion(double cpu) {
      return cpu / (lines / 1e6);
    }
  }

  static String table(List<Row> rows, double rawBest) {
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
  static final class ScalingRun {
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
      this.flink = new FlinkRest(s.flinkRest);
      this.out = out;
    }

    void execute() throws Exception {
      Path dir = Files.createTempDirectory("seawatch-bench-");
      try {
        steps(dir);
      } finally {
        cleanUp(dir);
      }
    }

    private void steps(Path dir) throws Exception {
      ReplayCommand.quietKafkaClientLogs();
      log("load %s", loadAverage());
      int vessels = (int) Math.max(1, Math.round(
          s.messages / (LINES_PER_VESSEL_HOUR * FLEET_DURATION.toMinutes() / 60.0)));
      GeneratedFleet fleet = FleetGenerator.builder().seed(s.seed).vessels(vessels)
          .duration(FLEET_DURATION).build().generate();
      Path file = dir.resolve("fleet.nmea");
      fleet.write(file);
      long lines = fleet.lines().size();
      long positions = expectedPositions(file);
      log("fleet: %,d lines, %d vessels, %s, seed %d: %,d distinct positions", lines, vessels,
          FLEET_DURATION, s.seed, positions);
      Map<Integer, String> topicOf = new TreeMap<>();
      for (int p : s.partitions) {
        String topic = "bench-" + runId + "-p" + p;
        ReplayCommand.prepareTopic(s.bootstrap, topic, p, new PrintStream(
            new ByteArrayOutputStream(), true, UTF_8));
        topics.add(topic);
        ReplayCommand.Summary r = ReplayCommand.replay(file, s.bootstrap, topic, p, 0,
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
        log("topic %s: %,d lines published in %.1f s", topic, r.lines, r.nanos / 1e9);
        topicOf.put(p, topic);
      }

      List<Row> rows = new ArrayList<>();
      double rawBest = 0;
      if (!s.skipRaw) {
        for (int p : s.partitions) {
          Row r = raw(topicOf.get(p), p, positions);
          rows.add(r);
          rawBest = Math.max(rawBest, r.rate());
          printRow(r);
        }
      }
      if (!s.skipFlink) {
        for (int p : s.partitions) {
          for (int par : s.parallelisms) {
            Row r = flink(topicOf.get(p), p, par, lines, positions);
            rows.add(r);
            printRow(r);
          }
        }
      }
      log("load %s", loadAverage());
      out.println();
      out.println(table(rows, rawBest));
      if (rawBest > 0) {
        out.printf(Locale.ROOT, "raw limit (best raw row): %,.0f lines/s%n", rawBest);
      }
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
      long kafkaPid = ProcessCpu.pidFrom(s.kafkaDir.resolve("kafka.pid"));
      long k0 = ProcessCpu.ticks(kafkaPid);
      RawIngest.Result r = RawIngest.run(s.bootstrap, topic, target(schema), s.rawThreads);
      long k1 = ProcessCpu.ticks(kafkaPid);
      long rows = count(schema);
      String note = rows == expected ? "" : "rows " + rows + " != expected " + expected;
      return new Row("raw", partitions, Math.min(s.rawThreads, partitions) + " threads", r.lines(),
          rows, r.seconds(), r.lines() / r.seconds(), Double.NaN, r.workerCpuSeconds(),
          (k1 - k0) / (double) ProcessCpu.TICKS_PER_SECOND, r.postgresCpuSeconds(), note);
    }

    private Row flink(String topic, int partitions, int parallelism, long lines, long expected)
        throws Exception {
      String schema = schema("flink_p" + partitions + "_par" + parallelism);
      String group = "bench-" + runId + "-p" + partitions + "-par" + parallelism;
      groups.add(group);
      String jobName = "seawatch-bench-" + runId + "-p" + partitions + "-par" + parallelism;
      List<String> args = new ArrayList<>(List.of("ingest",
          "--runnerConfig=" + s.repo.resolve("runner-configs/flink-cluster.properties"),
          "--flinkMaster=" + URI.create(s.flinkRest).getAuthority(),
          "--filesToStage=" + s.jar, "--jobName=" + jobName, "--consumerGroup=" + group,
          "--bootstrapServers=" + s.bootstrap, "--topic=" + topic,
          "--jdbcUrl=" + target(schema).url(), "--jdbcUser=" + s.jdbcUser,
          "--parallelism=" + parallelism, "--analytics=" + s.analytics));
      args.addAll(s.ingestArgs);
      if (s.restartTaskManager) {
        // A fresh TaskManager per run: equal starting conditions, and Beam's job class loaders
        // leak metaspace (beam#20783): the TaskManager died with "OutOfMemoryError: Metaspace"
        // after about a dozen benchmark jobs.
        BenchChurn.restartTaskManager(s.repo, s.stateDir, s.flinkRest);
      }
      long tmPid = ProcessCpu.pidFrom(s.stateDir.resolve("taskmanager.pid"));
      long kafkaPid = ProcessCpu.pidFrom(s.kafkaDir.resolve("kafka.pid"));
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      PrintStream captured = new PrintStream(buffer, true, UTF_8);
      long submitted = System.nanoTime();
      int code = Seawatch.run(args.toArray(new String[0]), captured, captured);
      if (code != 0) {
        throw new IllegalStateException("submission failed (" + code + "):\n" + buffer.toString(UTF_8));
      }
      String jobId = findJob(jobName);
      try {
        long deadline = submitted + TimeUnit.MINUTES.toNanos(s.timeoutMinutes);
        long tFirst = 0;
        long rowsAtFirst = 0;
        long tm0 = 0;
        long k0 = 0;
        Map<Integer, Long> pg0 = Map.of();
        long rows = 0;
        boolean sampled = false;
        StackSampler sampler = new StackSampler(tmPid);
        while (rows < expected) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(jobName + ": " + rows + " of " + expected
                + " positions after " + s.timeoutMinutes + " min");
          }
          sleep(POLL);
          rows = count(schema);
          if (tFirst == 0 && rows > 0) {
            tFirst = System.nanoTime();
            rowsAtFirst = rows;
            tm0 = ProcessCpu.ticks(tmPid);
            k0 = ProcessCpu.ticks(kafkaPid);
            pg0 = backendTicks();
          } else if (tFirst != 0 && !sampled && rows >= expected / 2) {
            sampled = true;
            log("%s at %,d rows: %s", jobName, rows, vertexLoad(jobId));
          }
          if (tFirst != 0 && sampler.taken() < s.stackSamples && rows < expected * 0.9) {
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
        double committed = awaitCommitted(topic, group, deadline);
        double seconds = (tDone - tFirst) / 1e9;
        // The lines behind the rows counted at the first poll: scale by the positions' share.
        double linesTimed = lines * (expected - rowsAtFirst) / (double) expected;
        double share = linesTimed / lines;
        double tick = ProcessCpu.TICKS_PER_SECOND;
        return new Row("flink", partitions, Integer.toString(parallelism), lines, rows,
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
          long lag = StatusCommand.kafkaLag(s.bootstrap, topic, group).stream()
              .mapToLong(StatusCommand.PartitionLag::lag).sum();
          if (lag == 0) {
            return System.nanoTime();
          }
        } catch (UserError e) {
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
      throw new IllegalStateException("no running job named " + name + " at " + s.flinkRest);
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
      String url = schema == null ? s.jdbcUrl
          : s.jdbcUrl + (s.jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      return JdbcTarget.of(url, s.jdbcUser);
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
      if (s.keep) {
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
      try (var admin = org.apache.kafka.clients.admin.Admin.create(
          Map.of("bootstrap.servers", s.bootstrap))) {
        admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        if (!groups.isEmpty()) {
          admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
        }
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
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
