package io.seawatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.seawatch.beam.AisTimestampPolicy;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migrations;
import io.seawatch.testdata.ChurnGenerator;
import io.seawatch.testdata.FleetGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code seawatch bench churn}: checkpoint size under key churn and recovery after a TaskManager
 * kill (issue 4, docs/benchmarks.md "Key churn").
 *
 * <p>Replays {@link ChurnGenerator} lines into a topic (or reuses a topic that holds exactly
 * them), submits the streaming ingest with the analytics to the Flink session cluster, and every
 * {@code --pollSeconds} records the last completed checkpoint (full and incremental size), the
 * consumer group's committed offsets, the event time of the line at the committed offset and
 * how many vessels should hold state at that event time ({@link #holdAfterLastReport}). At
 * {@code --killAt} of the lines it kills and restarts the TaskManager and times the recovery.
 * Prints one CSV row per sample, then the condensed table, the steady-state reading, the
 * recovery and the per-operator state of the last checkpoint before the kill and at the end.
 */
final class BenchChurn {
  /** Flush times of the analytics are rounded up to this (OrderedRuleFn.FLUSH_STEP_MILLIS). */
  static final Duration FLUSH_STEP = Duration.ofMinutes(1);
  private static final Duration RECOVERY_POLL = Duration.ofSeconds(2);

  private BenchChurn() {}

  static int run(List<String> args, PrintStream out) throws Exception {
    Settings s = Settings.parse(args);
    if (s == null) {
      BenchCommand.usage(out);
      return 0;
    }
    new Run(s, out).execute();
    return 0;
  }

  /**
   * How long after its last report a vessel's keyed state can last, as event time at the input:
   * the open GAP is emitted {@code gapThreshold} after the last fix and is an input of
   * TrackSegmentsFn, whose key is kept {@code vesselStateTtl} (the key retention, at least the
   * allowed lateness) after its last input; the freeing flush fires when the watermark is the
   * allowed lateness past that time rounded up to the flush step, and the watermark trails the
   * input by the out-of-orderness bound.
   */
  static Duration holdAfterLastReport(Duration gapThreshold, Duration vesselStateTtl,
      Duration allowedLateness, Duration maxOutOfOrderness) {
    Duration retention = vesselStateTtl.compareTo(allowedLateness) >= 0 ? vesselStateTtl
        : allowedLateness;
    return gapThreshold.plus(retention).plus(allowedLateness).plus(maxOutOfOrderness)
        .plus(FLUSH_STEP);
  }

  static final class Settings {
    long vessels;
    int arrivalsPerSecond;
    int reports;
    int intervalSeconds;
    int trailerMinutes;
    String topic;
    int partitions;
    int vesselStateTtlDays;
    int gapThresholdMinutes;
    int allowedLatenessMinutes;
    int maxOutOfOrdernessSeconds;
    List<String> ingestArgs;
    int pollSeconds;
    double killAt;
    int tableEverySeconds;
    int settleSeconds;
    int timeoutMinutes;
    String bootstrap;
    String jdbcUrl;
    String jdbcUser;
    String flinkRest;
    Path stateDir;
    Path repo;
    Path jar;
    Path csv;
    boolean keep;

    ChurnGenerator generator() {
      return new ChurnGenerator(vessels, arrivalsPerSecond, reports,
          Duration.ofSeconds(intervalSeconds), FleetGenerator.DEFAULT_START,
          Duration.ofMinutes(trailerMinutes));
    }

    Duration hold() {
      return holdAfterLastReport(Duration.ofMinutes(gapThresholdMinutes),
          Duration.ofDays(vesselStateTtlDays), Duration.ofMinutes(allowedLatenessMinutes),
          Duration.ofSeconds(maxOutOfOrdernessSeconds));
    }

    /** The settings, or null when help was asked for. */
    static Settings parse(List<String> args) {
      Flags f = Flags.parse("bench", args,
          Set.of("vessels", "arrivalsPerSecond", "reports", "intervalSeconds", "trailerMinutes",
              "topic", "partitions", "vesselStateTtlDays", "gapThresholdMinutes",
              "analyticsAllowedLatenessMinutes", "maxOutOfOrdernessSeconds", "ingestArgs",
              "pollSeconds", "killAt", "tableEverySeconds", "settleSeconds", "timeoutMinutes",
              "bootstrapServers", "jdbcUrl", "jdbcUser", "flinkRest", "stateDir", "repo", "jar",
              "csv"),
          Set.of("keep", "help"));
      if (f.has("help")) {
        return null;
      }
      Settings s = new Settings();
      s.vessels = f.positiveInt("vessels", 1_000_000);
      s.arrivalsPerSecond = f.positiveInt("arrivalsPerSecond", 5);
      s.reports = f.positiveInt("reports", 1);
      s.intervalSeconds = f.positiveInt("intervalSeconds", 600);
      s.trailerMinutes = f.positiveInt("trailerMinutes", 1800);
      s.topic = f.string("topic", "churn");
      s.partitions = f.positiveInt("partitions", 2);
      s.vesselStateTtlDays = f.positiveInt("vesselStateTtlDays", 1);
      s.gapThresholdMinutes = f.positiveInt("gapThresholdMinutes", 360);
      s.allowedLatenessMinutes = f.positiveInt("analyticsAllowedLatenessMinutes", 60);
      s.maxOutOfOrdernessSeconds = f.positiveInt("maxOutOfOrdernessSeconds", 300);
      String extra = f.string("ingestArgs",
          "--segmentMaxGapMinutes=60 --geofenceTimeoutMinutes=60").trim();
      s.ingestArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
      for (String a : s.ingestArgs) {
        if (!a.startsWith("--")) {
          throw f.error("--ingestArgs takes ingest options (--name=value), not '" + a + "'");
        }
      }
      s.pollSeconds = f.positiveInt("pollSeconds", 10);
      try {
        s.killAt = Double.parseDouble(f.string("killAt", "0.6"));
      } catch (NumberFormatException e) {
        s.killAt = -1;
      }
      if (!(s.killAt >= 0 && s.killAt < 1)) {
        throw f.error("--killAt takes a share of the lines in [0, 1) (0: no kill)");
      }
      s.tableEverySeconds = f.positiveInt("tableEverySeconds", 300);
      s.settleSeconds = f.positiveInt("settleSeconds", 60);
      s.timeoutMinutes = f.positiveInt("timeoutMinutes", 180);
      s.bootstrap = f.string("bootstrapServers", ReplayCommand.DEFAULT_BOOTSTRAP_SERVERS);
      s.jdbcUrl = f.string("jdbcUrl", JdbcTarget.DEFAULT_URL);
      s.jdbcUser = f.string("jdbcUser", JdbcTarget.DEFAULT_USER);
      s.flinkRest = BenchCommand.stripSlash(f.string("flinkRest", StatusCommand.DEFAULT_FLINK_REST));
      s.repo = f.has("repo") ? Path.of(f.string("repo", "")) : CrashTestCommand.findRepo();
      s.jar = Path.of(f.string("jar", s.repo.resolve(SubmitCommand.JOB_JAR).toString()))
          .toAbsolutePath();
      s.stateDir = Path.of(f.string("stateDir", s.repo.resolve(".seawatch/flink").toString()));
      s.csv = f.has("csv") ? Path.of(f.string("csv", "")) : null;
      s.keep = f.has("keep");
      return s;
    }
  }

  /** One poll. {@code eventTimeMillis}: of the line at the committed offset (MIN_VALUE: none). */
  record Sample(double wallSeconds, String load, long checkpointId, long stateSize,
      long checkpointedSize, long checkpointMillis, long checkpointAckMillis, long committed,
      long eventTimeMillis, long arrived, long holding, String note) {
    double bytesPerVessel() {
      return holding > 0 ? stateSize / (double) holding : Double.NaN;
    }
  }

  static final String CSV_HEADER = "wall_s,load1,checkpoint,state_bytes,checkpointed_bytes,"
      + "checkpoint_ms,committed_lines,event_time,event_hours,mmsis_seen,vessels_holding_state,"
      + "bytes_per_vessel,note";

  static String csv(Sample s, Instant start) {
    return String.format(Locale.ROOT, "%.1f,%s,%d,%d,%d,%d,%d,%s,%s,%d,%d,%s,%s",
        s.wallSeconds(), s.load().split(" ")[0], s.checkpointId(), s.stateSize(),
        s.checkpointedSize(), s.checkpointMillis(), s.committed(), eventTime(s),
        eventHours(s, start), s.arrived(), s.holding(),
        Double.isNaN(s.bytesPerVessel()) ? "" : String.format(Locale.ROOT, "%.0f",
            s.bytesPerVessel()), s.note());
  }

  private static String eventTime(Sample s) {
    return s.eventTimeMillis() == Long.MIN_VALUE ? ""
        : Instant.ofEpochMilli(s.eventTimeMillis()).toString();
  }

  private static String eventHours(Sample s, Instant start) {
    return s.eventTimeMillis() == Long.MIN_VALUE ? "" : String.format(Locale.ROOT, "%.1f",
        (s.eventTimeMillis() - start.toEpochMilli()) / 3_600_000.0);
  }

  /**
   * A Markdown table of the samples: the first sample, then the first one at least {@code every}
   * after the previous row that shows another checkpoint, every sample with a note, and the last
   * one.
   */
  static String condensed(List<Sample> samples, Duration every, Instant start) {
    StringBuilder sb = new StringBuilder();
    sb.append("| wall min | load | checkpoint | full size MB | incremental MB | lines committed"
        + " | event time h | MMSIs seen | vessels holding state | bytes/vessel | note |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    double last = Double.NEGATIVE_INFINITY;
    long lastCheckpoint = Long.MIN_VALUE;
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      boolean due = s.wallSeconds() - last >= every.toSeconds()
          && s.checkpointId() != lastCheckpoint;
      if (!due && s.note().isEmpty() && i != samples.size() - 1) {
        continue;
      }
      last = s.wallSeconds();
      lastCheckpoint = s.checkpointId();
      sb.append(String.format(Locale.ROOT,
          "| %.1f | %s | %d | %.1f | %.1f | %,d | %s | %,d | %,d | %s | %s |%n",
          s.wallSeconds() / 60, s.load().split(" ")[0], s.checkpointId(), s.stateSize() / 1e6,
          s.checkpointedSize() / 1e6, s.committed(), eventHours(s, start), s.arrived(),
          s.holding(), Double.isNaN(s.bytesPerVessel()) ? "-"
              : String.format(Locale.ROOT, "%,.0f", s.bytesPerVessel()), s.note()));
    }
    return sb.toString();
  }

  /** Checkpoint size over the samples whose event time lies in [from, to). */
  record Steady(int samples, long minState, long maxState, double meanState, double meanHolding,
      double minBytesPerVessel, double maxBytesPerVessel, double firstThirdMean,
      double lastThirdMean) {
    /** Change of the mean checkpoint size from the first to the last third of the window. */
    double drift() {
      return lastThirdMean / firstThirdMean - 1;
    }
  }

  static Steady steady(List<Sample> all, Instant from, Instant to) {
    List<Sample> in = new ArrayList<>();
    long seen = -1;
    for (Sample s : all) {
      // One sample per checkpoint: a checkpoint polled twice counts once.
      if (s.eventTimeMillis() >= from.toEpochMilli() && s.eventTimeMillis() < to.toEpochMilli()
          && s.checkpointId() != seen && s.stateSize() > 0) {
        in.add(s);
        seen = s.checkpointId();
      }
    }
    if (in.isEmpty()) {
      return null;
    }
    long min = Long.MAX_VALUE;
    long max = 0;
    double sum = 0;
    double holding = 0;
    double minB = Double.MAX_VALUE;
    double maxB = 0;
    for (Sample s : in) {
      min = Math.min(min, s.stateSize());
      max = Math.max(max, s.stateSize());
      sum += s.stateSize();
      holding += s.holding();
      minB = Math.min(minB, s.bytesPerVessel());
      maxB = Math.max(maxB, s.bytesPerVessel());
    }
    int third = Math.max(1, in.size() / 3);
    return new Steady(in.size(), min, max, sum / in.size(), holding / in.size(), minB, maxB,
        mean(in.subList(0, third)), mean(in.subList(in.size() - third, in.size())));
  }

  private static double mean(List<Sample> samples) {
    return samples.stream().mapToLong(Sample::stateSize).average().orElse(Double.NaN);
  }

  /**
   * Recovery after the kill at wall time {@code killSeconds}: the first checkpoint completed after
   * the kill (id above {@code lastIdBeforeKill}; its completion time from the JobManager) and the
   * first poll whose committed offsets are past {@code committedAtKill}. NaN: not reached.
   */
  record Recovery(double toRestoreSeconds, double toCheckpointSeconds, long checkpointId,
      double toCommittedPastKillSeconds, double linesPerSecondBefore,
      double linesPerSecondAfter) {}

  static Recovery recovery(List<Sample> samples, double killSeconds, long killEpochMillis,
      long lastIdBeforeKill, long committedAtKill, long restoreEpochMillis) {
    double toCheckpoint = Double.NaN;
    long id = -1;
    double toCommitted = Double.NaN;
    Sample before = null;
    Sample past = null;
    for (Sample s : samples) {
      if (s.wallSeconds() <= killSeconds) {
        if (s.wallSeconds() <= killSeconds - 60 || before == null) {
          before = s;
        }
        continue;
      }
      if (id < 0 && s.checkpointId() > lastIdBeforeKill) {
        id = s.checkpointId();
        toCheckpoint = (s.checkpointAckMillis() - killEpochMillis) / 1000.0;
      }
      if (past == null && s.committed() > committedAtKill) {
        past = s;
        toCommitted = s.wallSeconds() - killSeconds;
      }
    }
    double rateBefore = Double.NaN;
    if (before != null && killSeconds > before.wallSeconds()) {
      rateBefore = (committedAtKill - before.committed()) / (killSeconds - before.wallSeconds());
    }
    double rateAfter = Double.NaN;
    if (past != null) {
      Sample later = null;
      for (Sample s : samples) {
        if (s.wallSeconds() >= past.wallSeconds() + 60) {
          later = s;
          break;
        }
      }
      if (later != null) {
        rateAfter = (later.committed() - past.committed())
            / (later.wallSeconds() - past.wallSeconds());
      }
    }
    double toRestore = restoreEpochMillis > 0 ? (restoreEpochMillis - killEpochMillis) / 1000.0
        : Double.NaN;
    return new Recovery(toRestore, toCheckpoint, id, toCommitted, rateBefore, rateAfter);
  }

  /** The state of one job vertex in one checkpoint. */
  record VertexState(String name, long stateSize, long checkpointedSize) {}

  private static final Pattern PARDO = Pattern.compile("/Par(Multi)?Do\\([^)]*\\)");

  /** The first operator of a Flink vertex name, without Beam's ParDo suffixes. */
  static String shortName(String vertexName) {
    String first = vertexName.split(" -> ", 2)[0].trim();
    if (first.startsWith("Source: ")) {
      first = first.substring("Source: ".length());
    }
    if (first.startsWith("(")) {
      first = first.substring(1);
    }
    Matcher m = PARDO.matcher(first);
    first = m.replaceAll("");
    return first.length() > 120 ? first.substring(0, 117) + "..." : first;
  }

  /** Per vertex, largest first, from {@code /jobs/:id/checkpoints/details/:cp} and {@code /jobs/:id}. */
  static List<VertexState> breakdown(JsonNode details, JsonNode job) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode v : job.path("vertices")) {
      names.put(v.path("id").asText(), shortName(v.path("name").asText()));
    }
    List<VertexState> out = new ArrayList<>();
    details.path("tasks").fields().forEachRemaining(e -> out.add(new VertexState(
        names.getOrDefault(e.getKey(), e.getKey()), e.getValue().path("state_size").asLong(),
        e.getValue().path("checkpointed_size").asLong())));
    out.sort(Comparator.comparingLong(VertexState::stateSize).reversed()
        .thenComparing(VertexState::name));
    return out;
  }

  static String breakdownTable(List<VertexState> vertices, long holding) {
    long total = vertices.stream().mapToLong(VertexState::stateSize).sum();
    StringBuilder sb = new StringBuilder();
    sb.append("| operator (first of the vertex) | full size MB | share | bytes/vessel |"
        + " incremental MB |\n|---|---:|---:|---:|---:|\n");
    for (VertexState v : vertices) {
      if (v.stateSize() < total / 1000) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f %% | %s | %.2f |%n", v.name(),
          v.stateSize() / 1e6, 100.0 * v.stateSize() / total,
          holding > 0 ? String.format(Locale.ROOT, "%.0f", v.stateSize() / (double) holding) : "-",
          v.checkpointedSize() / 1e6));
    }
    sb.append(String.format(Locale.ROOT, "| all %d vertices | %.2f | 100 %% | %s | %.2f |%n",
        vertices.size(), total / 1e6,
        holding > 0 ? String.format(Locale.ROOT, "%.0f", total / (double) holding) : "-",
        vertices.stream().mapToLong(VertexState::checkpointedSize).sum() / 1e6));
    return sb.toString();
  }

  /** The benchmark run. */
  static final class Run {
    private final Settings s;
    private final PrintStream out;
    private final FlinkRest flink;
    private final ChurnGenerator g;
    private final String runId = Long.toString(System.currentTimeMillis() / 1000, 36);
    private final long started = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private PrintWriter csvOut;
    private String schema;
    private String group;

    Run(Settings s, PrintStream out) {
      this.s = s;
      this.out = out;
      this.flink = new FlinkRest(s.flinkRest);
      this.g = s.generator();
    }

    void execute() throws Exception {
      ReplayCommand.quietKafkaClientLogs();
      flink.requireReachable();
      if (!Files.isRegularFile(s.jar)) {
        throw new UserError("no job jar at " + s.jar + " (mvn -B -DskipTests package)");
      }
      log("load %s", BenchCommand.loadAverage());
      fillTopic();
      schema = "churn_" + runId;
      try (Connection c = target(null).connect(); Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      }
      Migrations.builtIn().migrate(target(schema));
      group = "churn-" + runId;
      if (s.csv != null) {
        csvOut = new PrintWriter(Files.newBufferedWriter(s.csv, UTF_8), true);
        csvOut.println(CSV_HEADER);
      }
      try {
        measure();
      } finally {
        if (csvOut != null) {
          csvOut.close();
        }
        cleanUp();
      }
    }

    private void fillTopic() throws Exception {
      long expected = g.lines();
      Long present = endOffsets();
      if (present != null) {
        if (present != expected) {
          throw new UserError("topic " + s.topic + " holds " + present + " lines, these churn"
              + " settings make " + expected + " (another --topic, or delete it)");
        }
        log("topic %s already holds the %,d lines", s.topic, expected);
        return;
      }
      Path dir = Files.createTempDirectory("seawatch-churn-");
      Path file = dir.resolve("churn.nmea");
      try {
        g.write(file);
        ReplayCommand.prepareTopic(s.bootstrap, s.topic, s.partitions,
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
        ReplayCommand.Summary r = ReplayCommand.replay(file, s.bootstrap, s.topic, s.partitions, 0,
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
        log("topic %s: %,d lines published in %.1f s", s.topic, r.lines, r.nanos / 1e9);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    }

    /** Sum of the topic's end offsets, or null when it does not exist. */
    private Long endOffsets() {
      try (var admin = org.apache.kafka.clients.admin.Admin.create(
          Map.of("bootstrap.servers", s.bootstrap))) {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(s.topic)) {
          return null;
        }
      } catch (Exception e) {
        throw new UserError("cannot reach Kafka at " + s.bootstrap + ": " + e.getMessage());
      }
      return StatusCommand.kafkaLag(s.bootstrap, s.topic, "seawatch-bench-churn-probe").stream()
          .mapToLong(StatusCommand.PartitionLag::endOffset).sum();
    }

    private void measure() throws Exception {
      Duration hold = s.hold();
      Instant steadyFrom = g.start().plus(g.reportSpan()).plus(hold);
      Instant steadyTo = g.start().plusSeconds(g.arrivalSeconds());
      log("%,d lines, %,d MMSIs arriving over %.1f h of event time; state held %s after a"
              + " vessel's last report: steady state %,d vessels from %.1f h to %.1f h",
          g.lines(), s.vessels, g.arrivalSeconds() / 3600.0, hold,
          g.holdingState(steadyFrom, hold), hours(steadyFrom), hours(steadyTo));
      String jobName = "seawatch-churn-" + runId;
      List<String> args = new ArrayList<>(List.of("ingest",
          "--runnerConfig=" + s.repo.resolve("runner-configs/flink-cluster.properties"),
          "--flinkMaster=" + URI.create(s.flinkRest).getAuthority(),
          "--filesToStage=" + s.jar, "--jobName=" + jobName, "--consumerGroup=" + group,
          "--bootstrapServers=" + s.bootstrap, "--topic=" + s.topic,
          "--jdbcUrl=" + target(schema).url(), "--jdbcUser=" + s.jdbcUser,
          "--analytics=true", "--vesselStateTtlDays=" + s.vesselStateTtlDays,
          "--gapThresholdMinutes=" + s.gapThresholdMinutes,
          "--analyticsAllowedLatenessMinutes=" + s.allowedLatenessMinutes,
          "--maxOutOfOrdernessSeconds=" + s.maxOutOfOrdernessSeconds));
      args.addAll(s.ingestArgs);
      log("seawatch %s", String.join(" ", args));
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      PrintStream captured = new PrintStream(buffer, true, UTF_8);
      if (Seawatch.run(args.toArray(new String[0]), captured, captured) != 0) {
        throw new IllegalStateException("submission failed:\n" + buffer.toString(UTF_8));
      }
      String jobId = findJob(jobName);
      log("job %s", jobId);
      out.println(CSV_HEADER);
      long total = g.lines();
      long deadline = started + TimeUnit.MINUTES.toNanos(s.timeoutMinutes);
      List<VertexState> beforeKill = null;
      long holdingBeforeKill = 0;
      double killSeconds = Double.NaN;
      long killEpoch = 0;
      long lastIdBeforeKill = -1;
      long committedAtKill = -1;
      long restoreEpoch = 0;
      boolean recovered = false;
      double doneSeconds = Double.NaN;
      try (EventTimeProbe probe = new EventTimeProbe(s.bootstrap, s.topic)) {
        while (true) {
          if (System.nanoTime() > deadline) {
            log("timeout after %d min", s.timeoutMinutes);
            break;
          }
          Sample sample = poll(jobId, probe, hold, "");
          boolean killed = !Double.isNaN(killSeconds);
          if (killed && !recovered) {
            // The last restore before the recovery: a first attempt can fail (it was scheduled
            // onto the dead TaskManager's slots, still registered for a second or two).
            restoreEpoch = Math.max(restoreEpoch, restoredAt(jobId));
          }
          if (killed && !recovered && sample.checkpointId() > lastIdBeforeKill
              && sample.committed() > committedAtKill) {
            recovered = true;
            sample = withNote(sample, "recovered");
          }
          record(sample);
          if (!killed && s.killAt > 0 && sample.committed() >= s.killAt * total
              && sample.checkpointId() > 0) {
            beforeKill = breakdown(flink.get("/jobs/" + jobId + "/checkpoints/details/"
                + sample.checkpointId()), flink.job(jobId));
            holdingBeforeKill = sample.holding();
            lastIdBeforeKill = sample.checkpointId();
            committedAtKill = sample.committed();
            killEpoch = System.currentTimeMillis();
            killSeconds = (System.nanoTime() - started) / 1e9;
            restartTaskManager(s.repo, s.stateDir, s.flinkRest);
            log("TaskManager killed at %.1f s and restarted (%.1f s later)", killSeconds,
                (System.nanoTime() - started) / 1e9 - killSeconds);
            record(withNote(poll(jobId, probe, hold, ""), "TaskManager killed"));
          }
          if (sample.committed() >= total) {
            if (Double.isNaN(doneSeconds)) {
              doneSeconds = sample.wallSeconds();
              log("every line committed");
            } else if (sample.wallSeconds() - doneSeconds >= s.settleSeconds) {
              break;
            }
          }
          boolean fast = !Double.isNaN(killSeconds) && !recovered;
          Thread.sleep((fast ? RECOVERY_POLL : Duration.ofSeconds(s.pollSeconds)).toMillis());
        }
        Sample last = samples.get(samples.size() - 1);
        List<VertexState> end = last.checkpointId() > 0 ? breakdown(flink.get("/jobs/" + jobId
            + "/checkpoints/details/" + last.checkpointId()), flink.job(jobId)) : List.of();
        report(steadyFrom, steadyTo, beforeKill, holdingBeforeKill, end, last, killSeconds,
            killEpoch, lastIdBeforeKill, committedAtKill, restoreEpoch);
      } finally {
        try {
          flink.cancel(jobId);
        } catch (IOException e) {
          log("could not cancel job %s: %s", jobId, e.getMessage());
        }
      }
    }

    private void report(Instant steadyFrom, Instant steadyTo, List<VertexState> beforeKill,
        long holdingBeforeKill, List<VertexState> end, Sample last, double killSeconds,
        long killEpoch, long lastIdBeforeKill, long committedAtKill, long restoreEpoch) {
      out.println();
      out.println("Checkpoint size over time:");
      out.println(condensed(samples, Duration.ofSeconds(s.tableEverySeconds), g.start()));
      Steady st = steady(samples, steadyFrom, steadyTo);
      if (st == null) {
        out.printf(Locale.ROOT, "steady state (event time %.1f-%.1f h): no sample%n",
            hours(steadyFrom), hours(steadyTo));
      } else {
        out.printf(Locale.ROOT, "steady state (event time %.1f-%.1f h, %d checkpoints): full"
                + " size %.1f-%.1f MB (mean %.1f), vessels holding state %,.0f (mean), %,.0f-%,.0f"
                + " bytes per vessel; mean of the last third vs the first third: %+.1f %%%n",
            hours(steadyFrom), hours(steadyTo), st.samples(), st.minState() / 1e6,
            st.maxState() / 1e6, st.meanState() / 1e6, st.meanHolding(), st.minBytesPerVessel(),
            st.maxBytesPerVessel(), 100 * st.drift());
      }
      if (!Double.isNaN(killSeconds)) {
        Recovery r = recovery(samples, killSeconds, killEpoch, lastIdBeforeKill, committedAtKill,
            restoreEpoch);
        out.printf(Locale.ROOT, "recovery: TaskManager killed at %.1f s (last checkpoint #%d,"
                + " %,d lines committed); state restored after %.1f s; first checkpoint after the"
                + " kill #%d completed after %.1f s; committed offsets past the kill point after"
                + " %.1f s; lines/s before %,.0f, after %,.0f%n",
            killSeconds, lastIdBeforeKill, committedAtKill, r.toRestoreSeconds(), r.checkpointId(),
            r.toCheckpointSeconds(), r.toCommittedPastKillSeconds(), r.linesPerSecondBefore(),
            r.linesPerSecondAfter());
      }
      if (beforeKill != null) {
        out.printf(Locale.ROOT, "%nState per operator, last checkpoint before the kill (#%d, %,d"
            + " vessels holding state):%n%s", lastIdBeforeKill, holdingBeforeKill,
            breakdownTable(beforeKill, holdingBeforeKill));
      }
      out.printf(Locale.ROOT, "%nState per operator, last checkpoint (#%d, event time %s h, %,d"
          + " vessels holding state):%n%s", last.checkpointId(), eventHours(last, g.start()),
          last.holding(), breakdownTable(end, last.holding()));
      log("load %s", BenchCommand.loadAverage());
    }

    private double hours(Instant t) {
      return Duration.between(g.start(), t).toSeconds() / 3600.0;
    }

    private static Sample withNote(Sample s, String note) {
      return new Sample(s.wallSeconds(), s.load(), s.checkpointId(), s.stateSize(),
          s.checkpointedSize(), s.checkpointMillis(), s.checkpointAckMillis(), s.committed(),
          s.eventTimeMillis(), s.arrived(), s.holding(), note);
    }

    private void record(Sample sample) {
      samples.add(sample);
      String line = csv(sample, g.start());
      out.println(line);
      if (csvOut != null) {
        csvOut.println(line);
      }
    }

    private Sample poll(String jobId, EventTimeProbe probe, Duration hold, String note) {
      double wall = (System.nanoTime() - started) / 1e9;
      long id = -1;
      long size = 0;
      long incremental = 0;
      long millis = 0;
      long ack = 0;
      try {
        JsonNode c = flink.checkpoints(jobId).path("latest").path("completed");
        if (!c.isMissingNode() && !c.isNull()) {
          id = c.path("id").asLong();
          size = c.path("state_size").asLong();
          incremental = c.path("checkpointed_size").asLong();
          millis = c.path("end_to_end_duration").asLong();
          ack = c.path("latest_ack_timestamp").asLong();
        }
      } catch (IOException e) {
        note = (note.isEmpty() ? "" : note + "; ") + "no REST answer";
      }
      Map<Integer, Long> committed = new HashMap<>();
      long sum = 0;
      try {
        for (StatusCommand.PartitionLag p : StatusCommand.kafkaLag(s.bootstrap, s.topic, group)) {
          if (p.committed() > 0) {
            committed.put(p.partition(), p.committed());
            sum += p.committed();
          }
        }
      } catch (UserError e) {
        note = (note.isEmpty() ? "" : note + "; ") + "no Kafka answer";
      }
      long eventTime = committed.isEmpty() ? Long.MIN_VALUE : probe.eventTimeAt(committed);
      long arrived = 0;
      long holding = 0;
      if (eventTime != Long.MIN_VALUE) {
        Instant t = Instant.ofEpochMilli(eventTime);
        arrived = g.arrivedBy(t);
        holding = g.holdingState(t, hold);
      }
      return new Sample(wall, BenchCommand.loadAverage(), id, size, incremental, millis, ack,
          sum, eventTime, arrived, holding, note);
    }

    /** When the job last restored a checkpoint (epoch ms), 0 if it has not. */
    private long restoredAt(String jobId) {
      try {
        JsonNode r = flink.checkpoints(jobId).path("latest").path("restored");
        return r.isMissingNode() || r.isNull() ? 0 : r.path("restore_timestamp").asLong();
      } catch (IOException e) {
        return 0;
      }
    }

    private String findJob(String name) throws Exception {
      for (int i = 0; i < 240; i++) {
        try {
          for (FlinkRest.Job j : flink.jobs()) {
            if (j.name().equals(name) && j.state().equals("RUNNING")) {
              return j.id();
            }
          }
        } catch (IOException e) {
          // not yet
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("no running job named " + name + " at " + s.flinkRest);
    }

    private JdbcTarget target(String schemaName) {
      String url = schemaName == null ? s.jdbcUrl
          : s.jdbcUrl + (s.jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schemaName;
      return JdbcTarget.of(url, s.jdbcUser);
    }

    private void cleanUp() {
      if (s.keep) {
        log("kept schema %s and consumer group %s", schema, group);
        return;
      }
      try (Connection c = target(null).connect(); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        log("could not drop schema %s: %s", schema, e.getMessage());
      }
      try (var admin = org.apache.kafka.clients.admin.Admin.create(
          Map.of("bootstrap.servers", s.bootstrap))) {
        admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        log("could not delete consumer group %s: %s", group, e.getMessage());
      }
    }

    private void log(String format, Object... args) {
      out.printf(Locale.ROOT, "churn [%7.1f s] %s%n", (System.nanoTime() - started) / 1e9,
          String.format(Locale.ROOT, format, args));
    }
  }

  /**
   * Restarts the session cluster's TaskManager ({@code flink-cluster restart-taskmanager}: SIGKILL,
   * then a new one) and waits for the script. The script rewrites the cluster's config from the
   * template and two ports: the REST port comes from {@code flinkRest}, the RPC port from the
   * running cluster's config, so the new TaskManager finds its JobManager (and no other
   * cluster's).
   */
  static void restartTaskManager(Path repo, Path stateDir, String flinkRest) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(
        repo.resolve("runner-configs/bin/flink-cluster").toString(), "restart-taskmanager",
        "--state-dir", stateDir.toString()).redirectErrorStream(true);
    pb.environment().put("SEAWATCH_FLINK_REST_PORT",
        Integer.toString(URI.create(flinkRest).getPort()));
    String rpc = rpcPort(stateDir.resolve("conf/config.yaml"));
    if (rpc != null) {
      pb.environment().put("SEAWATCH_FLINK_RPC_PORT", rpc);
    } else if (System.getenv("SEAWATCH_FLINK_RPC_PORT") == null) {
      throw new UserError("no jobmanager.rpc.port in " + stateDir.resolve("conf/config.yaml")
          + " and SEAWATCH_FLINK_RPC_PORT is not set: give --stateDir of the cluster");
    }
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("flink-cluster restart-taskmanager failed:\n" + text);
    }
  }

  /** {@code jobmanager.rpc.port} of a Flink config.yaml, or null. */
  static String rpcPort(Path configYaml) {
    try {
      for (String line : Files.readAllLines(configYaml, UTF_8)) {
        Matcher m = Pattern.compile("^jobmanager\\.rpc\\.port:\\s*(\\d+)\\s*$").matcher(line);
        if (m.matches()) {
          return m.group(1);
        }
      }
    } catch (IOException e) {
      // below
    }
    return null;
  }

  /** Reads the line just before a committed offset to learn the event time reached. */
  static final class EventTimeProbe implements AutoCloseable {
    private final KafkaConsumer<byte[], String> consumer;
    private final String topic;

    EventTimeProbe(String bootstrap, String topic) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10");
      p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "65536");
      p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16384");
      this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new StringDeserializer());
      this.topic = topic;
    }

    /** The smallest event time over the partitions of the lines at offset - 1. */
    long eventTimeAt(Map<Integer, Long> committed) {
      List<TopicPartition> tps = new ArrayList<>();
      committed.keySet().forEach(p -> tps.add(new TopicPartition(topic, p)));
      consumer.assign(tps);
      consumer.resume(tps);
      for (TopicPartition tp : tps) {
        consumer.seek(tp, committed.get(tp.partition()) - 1);
      }
      Map<Integer, Long> times = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (times.size() < tps.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], String> r : consumer.poll(Duration.ofMillis(200))) {
          if (!times.containsKey(r.partition())) {
            times.put(r.partition(), AisTimestampPolicy.eventTimeMillis(r.value(), r.timestamp()));
            consumer.pause(List.of(new TopicPartition(topic, r.partition())));
          }
        }
      }
      return times.size() < tps.size() ? Long.MIN_VALUE
          : times.values().stream().mapToLong(Long::longValue).min().getAsLong();
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
