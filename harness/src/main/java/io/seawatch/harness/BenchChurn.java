package io.seawatch.harness;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.seawatch.beam.AisTimestampPolicy;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migrations;
import io.seawatch.ops.FilePublisher;
import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.Ingest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.Repository;
import io.seawatch.ops.RunnerProfiles;
import io.seawatch.testdata.ChurnGenerator;
import io.seawatch.testdata.FleetGenerator;
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
 * Bench churn: checkpoint size under key churn and recovery after a TaskManager
 * kill (issue 4, docs/benchmarks.md "Key churn").
 *
 * <p>Replays {@link ChurnGenerator} lines into a topic (or reuses a topic that holds exactly
 * them), submits the streaming ingest with the analytics to the Flink session cluster, and every
 * {@code --pollSeconds} records the last completed checkpoint (full and incremental size), the
 * consumer group's committed offsets, the event time of the line at the committed offset and
 * how many vessels should hold state at that event time ({@link #holdAfterLastReport}). At
 * {@code --killAt} of the lines it kills and restarts the TaskManager and times the recovery.
 * Writes one CSV row per sample to the caller's stream as it goes and returns a {@link Report}:
 * the samples, the steady-state reading, the recovery and the per-operator state of the last
 * checkpoint before the kill and at the end ({@link Report#summary} renders them as Markdown).
 */
public final class BenchChurn {
  /** Flush times of the analytics are rounded up to this (OrderedRuleFn.FLUSH_STEP_MILLIS). */
  static final Duration FLUSH_STEP = Duration.ofMinutes(1);
  private static final Duration RECOVERY_POLL = Duration.ofSeconds(2);

  private BenchChurn() {}

  /** Runs the benchmark; log lines and the CSV rows go to {@code log}. */
  public static Report run(Settings settings, PrintStream log) throws Exception {
    return new Run(settings, log).execute();
  }

  /**
   * How long after its last report a vessel's keyed state can last, as event time at the input:
   * the open GAP is emitted {@code gapThreshold} after the last fix and is an input of
   * TrackSegmentsFn, whose key is kept {@code vesselStateTtl} (the key retention, at least the
   * allowed lateness) after its last input; the freeing flush fires when the watermark is the
   * allowed lateness past that time rounded up to the flush step, and the watermark trails the
   * input by the out-of-orderness bound.
   */
  public static Duration holdAfterLastReport(Duration gapThreshold, Duration vesselStateTtl,
      Duration allowedLateness, Duration maxOutOfOrderness) {
    Duration retention = vesselStateTtl.compareTo(allowedLateness) >= 0 ? vesselStateTtl
        : allowedLateness;
    return gapThreshold.plus(retention).plus(allowedLateness).plus(maxOutOfOrderness)
        .plus(FLUSH_STEP);
  }

  /** What to run; {@link #builder()} holds the defaults of {@code seawatch bench churn}. */
  public record Settings(long vessels, int arrivalsPerSecond, int reports, int intervalSeconds,
      int trailerMinutes, String topic, int partitions, int vesselStateTtlDays,
      int gapThresholdMinutes, int allowedLatenessMinutes, int maxOutOfOrdernessSeconds,
      List<String> ingestArgs, int pollSeconds, double killAt, int tableEverySeconds,
      int settleSeconds, int timeoutMinutes, String bootstrap, String jdbcUrl, String jdbcUser,
      String flinkRest, Path stateDir, Path repo, Path jar, Path csv, boolean keep) {
    public static Builder builder() {
      return new Builder();
    }

    public ChurnGenerator generator() {
      return new ChurnGenerator(vessels, arrivalsPerSecond, reports,
          Duration.ofSeconds(intervalSeconds), FleetGenerator.DEFAULT_START,
          Duration.ofMinutes(trailerMinutes));
    }

    /** How long a vessel's state lasts after its last report ({@link #holdAfterLastReport}). */
    public Duration hold() {
      return holdAfterLastReport(Duration.ofMinutes(gapThresholdMinutes),
          Duration.ofDays(vesselStateTtlDays), Duration.ofMinutes(allowedLatenessMinutes),
          Duration.ofSeconds(maxOutOfOrdernessSeconds));
    }
  }

  /** Settings with the defaults of {@code seawatch bench churn} (docs/benchmarks.md). */
  public static final class Builder {
    public static final long DEFAULT_VESSELS = 1_000_000;
    public static final int DEFAULT_ARRIVALS_PER_SECOND = 5;
    public static final int DEFAULT_REPORTS = 1;
    public static final int DEFAULT_INTERVAL_SECONDS = 600;
    public static final int DEFAULT_TRAILER_MINUTES = 1800;
    public static final String DEFAULT_TOPIC = "churn";
    public static final int DEFAULT_PARTITIONS = 2;
    public static final int DEFAULT_VESSEL_STATE_TTL_DAYS = 1;
    public static final int DEFAULT_GAP_THRESHOLD_MINUTES = 360;
    public static final int DEFAULT_ALLOWED_LATENESS_MINUTES = 60;
    public static final int DEFAULT_MAX_OUT_OF_ORDERNESS_SECONDS = 300;
    public static final List<String> DEFAULT_INGEST_ARGS =
        List.of("--segmentMaxGapMinutes=60", "--geofenceTimeoutMinutes=60");
    public static final int DEFAULT_POLL_SECONDS = 10;
    public static final double DEFAULT_KILL_AT = 0.6;
    public static final int DEFAULT_TABLE_EVERY_SECONDS = 300;
    public static final int DEFAULT_SETTLE_SECONDS = 60;
    public static final int DEFAULT_TIMEOUT_MINUTES = 180;

    private long vessels = DEFAULT_VESSELS;
    private int arrivalsPerSecond = DEFAULT_ARRIVALS_PER_SECOND;
    private int reports = DEFAULT_REPORTS;
    private int intervalSeconds = DEFAULT_INTERVAL_SECONDS;
    private int trailerMinutes = DEFAULT_TRAILER_MINUTES;
    private String topic = DEFAULT_TOPIC;
    private int partitions = DEFAULT_PARTITIONS;
    private int vesselStateTtlDays = DEFAULT_VESSEL_STATE_TTL_DAYS;
    private int gapThresholdMinutes = DEFAULT_GAP_THRESHOLD_MINUTES;
    private int allowedLatenessMinutes = DEFAULT_ALLOWED_LATENESS_MINUTES;
    private int maxOutOfOrdernessSeconds = DEFAULT_MAX_OUT_OF_ORDERNESS_SECONDS;
    private List<String> ingestArgs = DEFAULT_INGEST_ARGS;
    private int pollSeconds = DEFAULT_POLL_SECONDS;
    private double killAt = DEFAULT_KILL_AT;
    private int tableEverySeconds = DEFAULT_TABLE_EVERY_SECONDS;
    private int settleSeconds = DEFAULT_SETTLE_SECONDS;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private String bootstrap = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS;
    private String jdbcUrl = JdbcTarget.DEFAULT_URL;
    private String jdbcUser = JdbcTarget.DEFAULT_USER;
    private String flinkRest = FlinkRest.DEFAULT_URL;
    private Path stateDir;
    private Path repo;
    private Path jar;
    private Path csv;
    private boolean keep;

    private Builder() {}

    /** Distinct MMSIs. */
    public Builder vessels(long n) {
      vessels = n;
      return this;
    }

    /** New vessels per second of event time. */
    public Builder arrivalsPerSecond(int n) {
      arrivalsPerSecond = n;
      return this;
    }

    /** Reports per vessel. */
    public Builder reports(int n) {
      reports = n;
      return this;
    }

    /** Between a vessel's reports. */
    public Builder intervalSeconds(int n) {
      intervalSeconds = n;
      return this;
    }

    /** One heartbeat line a minute afterwards, for this long. */
    public Builder trailerMinutes(int n) {
      trailerMinutes = n;
      return this;
    }

    /** Filled with the churn lines, or reused if it holds exactly them. */
    public Builder topic(String t) {
      topic = t;
      return this;
    }

    /** Partitions of a new topic. */
    public Builder partitions(int n) {
      partitions = n;
      return this;
    }

    public Builder vesselStateTtlDays(int n) {
      vesselStateTtlDays = n;
      return this;
    }

    public Builder gapThresholdMinutes(int n) {
      gapThresholdMinutes = n;
      return this;
    }

    public Builder allowedLatenessMinutes(int n) {
      allowedLatenessMinutes = n;
      return this;
    }

    public Builder maxOutOfOrdernessSeconds(int n) {
      maxOutOfOrdernessSeconds = n;
      return this;
    }

    /** More ingest options ({@code --name=value}). */
    public Builder ingestArgs(List<String> args) {
      ingestArgs = List.copyOf(args);
      return this;
    }

    public Builder pollSeconds(int n) {
      pollSeconds = n;
      return this;
    }

    /** Kill the TaskManager at this share of the lines, in [0, 1) (0: no kill). */
    public Builder killAt(double share) {
      killAt = share;
      return this;
    }

    /** Rows of the condensed table. */
    public Builder tableEverySeconds(int n) {
      tableEverySeconds = n;
      return this;
    }

    /** Keep polling after the last line is committed. */
    public Builder settleSeconds(int n) {
      settleSeconds = n;
      return this;
    }

    public Builder timeoutMinutes(int n) {
      timeoutMinutes = n;
      return this;
    }

    public Builder bootstrapServers(String servers) {
      bootstrap = servers;
      return this;
    }

    /** A schema churn_<id> is created there and dropped unless kept. */
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

    /** The cluster's state directory; its conf gives the RPC port for the restart. */
    public Builder stateDir(Path dir) {
      stateDir = dir;
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

    /** Also write the CSV rows there. */
    public Builder csv(Path file) {
      csv = file;
      return this;
    }

    /** Keep the schema and consumer group. */
    public Builder keep(boolean b) {
      keep = b;
      return this;
    }

    /** The settings; repository, job jar and state directory default to the repository's. */
    public Settings build() {
      if (!(killAt >= 0 && killAt < 1)) {
        throw new IllegalArgumentException("killAt takes a share of the lines in [0, 1)");
      }
      for (String a : ingestArgs) {
        if (!a.startsWith("--")) {
          throw new IllegalArgumentException("ingest options are --name=value, not '" + a + "'");
        }
      }
      Path r = repo != null ? repo : Repository.root();
      return new Settings(vessels, arrivalsPerSecond, reports, intervalSeconds, trailerMinutes,
          topic, partitions, vesselStateTtlDays, gapThresholdMinutes, allowedLatenessMinutes,
          maxOutOfOrdernessSeconds, ingestArgs, pollSeconds, killAt, tableEverySeconds,
          settleSeconds, timeoutMinutes, bootstrap, jdbcUrl, jdbcUser,
          BenchScaling.stripSlash(flinkRest),
          stateDir != null ? stateDir : r.resolve(Repository.FLINK_STATE_DIR), r,
          (jar != null ? jar : r.resolve(Repository.JOB_JAR)).toAbsolutePath(), csv, keep);
    }
  }

  /** One poll. {@code eventTimeMillis}: of the line at the committed offset (MIN_VALUE: none). */
  public record Sample(double wallSeconds, String load, long checkpointId, long stateSize,
      long checkpointedSize, long checkpointMillis, long checkpointAckMillis, long committed,
      long eventTimeMillis, long arrived, long holding, String note) {
    public double bytesPerVessel() {
      return holding > 0 ? stateSize / (double) holding : Double.NaN;
    }
  }

  public static final String CSV_HEADER = "wall_s,load1,checkpoint,state_bytes,checkpointed_bytes,"
      + "checkpoint_ms,committed_lines,event_time,event_hours,mmsis_seen,vessels_holding_state,"
      + "bytes_per_vessel,note";

  public static String csv(Sample s, Instant start) {
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
  public static String condensed(List<Sample> samples, Duration every, Instant start) {
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
  public record Steady(int samples, long minState, long maxState, double meanState, double meanHolding,
      double minBytesPerVessel, double maxBytesPerVessel, double firstThirdMean,
      double lastThirdMean) {
    /** Change of the mean checkpoint size from the first to the last third of the window. */
    public double drift() {
      return lastThirdMean / firstThirdMean - 1;
    }
  }

  public static Steady steady(List<Sample> all, Instant from, Instant to) {
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
   * first poll whose committed offsets are past {@code committedAtKill}, and which checkpoint the
   * job restored and how old it was at the kill (completed that long before it: issue 11 wants
   * at most one checkpoint interval). NaN / -1: not reached.
   */
  public record Recovery(double toRestoreSeconds, double toCheckpointSeconds, long checkpointId,
      double toCommittedPastKillSeconds, double linesPerSecondBefore,
      double linesPerSecondAfter, long restoredCheckpointId, double restoredAgeSeconds) {}

  /**
   * The job's last restore: when it happened, the checkpoint it restored and when that checkpoint
   * had completed (epoch ms each).
   */
  public record Restore(long epochMillis, long checkpointId, long checkpointAckEpochMillis) {}

  public static Recovery recovery(List<Sample> samples, double killSeconds, long killEpochMillis,
      long lastIdBeforeKill, long committedAtKill, Restore restore) {
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
    double toRestore = restore == null ? Double.NaN
        : (restore.epochMillis() - killEpochMillis) / 1000.0;
    double age = restore == null || restore.checkpointAckEpochMillis() <= 0 ? Double.NaN
        : (killEpochMillis - restore.checkpointAckEpochMillis()) / 1000.0;
    return new Recovery(toRestore, toCheckpoint, id, toCommitted, rateBefore, rateAfter,
        restore == null ? -1 : restore.checkpointId(), age);
  }

  /**
   * The TaskManager kill: when (wall seconds of the run), the last checkpoint and committed lines
   * before it, the vessels holding state then, the state per operator of that checkpoint, and the
   * recovery.
   */
  public record Kill(double seconds, long lastCheckpointBefore, long committedAtKill,
      long holdingBefore, List<VertexState> stateBefore, Recovery recovery) {}

  /**
   * What one run measured. {@code steady}: null when no sample fell in the steady-state window;
   * {@code kill}: null without a kill; {@code stateAtEnd}: per operator, last checkpoint.
   */
  public record Report(List<Sample> samples, Instant eventStart, Instant steadyFrom,
      Instant steadyTo, Duration tableEvery, Steady steady, Kill kill,
      List<VertexState> stateAtEnd) {
    /** The condensed table, the steady state, the recovery and the state per operator. */
    public String summary() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%nCheckpoint size over time:%n"));
      out.append(condensed(samples, tableEvery, eventStart)).append(System.lineSeparator());
      if (steady == null) {
        out.append(String.format(Locale.ROOT, "steady state (event time %.1f-%.1f h): no sample%n",
            hours(steadyFrom), hours(steadyTo)));
      } else {
        out.append(String.format(Locale.ROOT, "steady state (event time %.1f-%.1f h, %d"
                + " checkpoints): full size %.1f-%.1f MB (mean %.1f), vessels holding state %,.0f"
                + " (mean), %,.0f-%,.0f bytes per vessel; mean of the last third vs the first"
                + " third: %+.1f %%%n",
            hours(steadyFrom), hours(steadyTo), steady.samples(), steady.minState() / 1e6,
            steady.maxState() / 1e6, steady.meanState() / 1e6, steady.meanHolding(),
            steady.minBytesPerVessel(), steady.maxBytesPerVessel(), 100 * steady.drift()));
      }
      if (kill != null) {
        Recovery r = kill.recovery();
        out.append(String.format(Locale.ROOT, "recovery: TaskManager killed at %.1f s (last"
                + " checkpoint #%d, %,d lines committed); state restored after %.1f s from"
                + " checkpoint #%d, completed %.1f s before the kill; first"
                + " checkpoint after the kill #%d completed after %.1f s; committed offsets past"
                + " the kill point after %.1f s; lines/s before %,.0f, after %,.0f%n",
            kill.seconds(), kill.lastCheckpointBefore(), kill.committedAtKill(),
            r.toRestoreSeconds(), r.restoredCheckpointId(), r.restoredAgeSeconds(),
            r.checkpointId(), r.toCheckpointSeconds(),
            r.toCommittedPastKillSeconds(), r.linesPerSecondBefore(), r.linesPerSecondAfter()));
        out.append(String.format(Locale.ROOT, "%nState per operator, last checkpoint before the"
                + " kill (#%d, %,d vessels holding state):%n%s", kill.lastCheckpointBefore(),
            kill.holdingBefore(), breakdownTable(kill.stateBefore(), kill.holdingBefore())));
      }
      Sample last = samples.get(samples.size() - 1);
      out.append(String.format(Locale.ROOT, "%nState per operator, last checkpoint (#%d, event"
              + " time %s h, %,d vessels holding state):%n%s", last.checkpointId(),
          eventHours(last, eventStart), last.holding(),
          breakdownTable(stateAtEnd, last.holding())));
      return out.toString();
    }

    private double hours(Instant t) {
      return Duration.between(eventStart, t).toSeconds() / 3600.0;
    }
  }

  /** The state of one job vertex in one checkpoint. */
  public record VertexState(String name, long stateSize, long checkpointedSize) {}

  private static final Pattern PARDO = Pattern.compile("/Par(Multi)?Do\\([^)]*\\)");

  /** The first operator of a Flink vertex name, without Beam's ParDo suffixes. */
  public static String shortName(String vertexName) {
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
  public static List<VertexState> breakdown(JsonNode details, JsonNode job) {
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

  public static String breakdownTable(List<VertexState> vertices, long holding) {
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
  private static final class Run {
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
      this.flink = new FlinkRest(s.flinkRest());
      this.g = s.generator();
    }

    Report execute() throws Exception {
      KafkaTopics.quietClientLogs();
      flink.requireReachable();
      if (!Files.isRegularFile(s.jar())) {
        throw new OperatorError("no job jar at " + s.jar() + " (mvn -B -DskipTests package)");
      }
      log("load %s", BenchScaling.loadAverage());
      fillTopic();
      schema = "churn_" + runId;
      try (Connection c = target(null).connect(); Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      }
      Migrations.builtIn().migrate(target(schema));
      group = "churn-" + runId;
      if (s.csv() != null) {
        csvOut = new PrintWriter(Files.newBufferedWriter(s.csv(), UTF_8), true);
        csvOut.println(CSV_HEADER);
      }
      try {
        return measure();
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
          throw new OperatorError("topic " + s.topic() + " holds " + present + " lines, these churn"
              + " settings make " + expected + " (another --topic, or delete it)");
        }
        log("topic %s already holds the %,d lines", s.topic(), expected);
        return;
      }
      Path dir = Files.createTempDirectory("seawatch-churn-");
      Path file = dir.resolve("churn.nmea");
      try {
        g.write(file);
        int partitions = KafkaTopics.prepareTopic(s.bootstrap(), s.topic(), s.partitions(),
            LinePrefixStream.discard()).partitions();
        FilePublisher.Report r = FilePublisher.publish(file, s.bootstrap(), s.topic(), partitions, 0,
            LinePrefixStream.discard());
        log("topic %s: %,d lines published in %.1f s", s.topic(), r.lines(), r.seconds());
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    }

    /** Sum of the topic's end offsets, or null when it does not exist. */
    private Long endOffsets() {
      if (!KafkaTopics.exists(s.bootstrap(), s.topic())) {
        return null;
      }
      return KafkaTopics.lag(s.bootstrap(), s.topic(), "seawatch-bench-churn-probe").stream()
          .mapToLong(KafkaTopics.PartitionLag::endOffset).sum();
    }

    private Report measure() throws Exception {
      Duration hold = s.hold();
      Instant steadyFrom = g.start().plus(g.reportSpan()).plus(hold);
      Instant steadyTo = g.start().plusSeconds(g.arrivalSeconds());
      log("%,d lines, %,d MMSIs arriving over %.1f h of event time; state held %s after a"
              + " vessel's last report: steady state %,d vessels from %.1f h to %.1f h",
          g.lines(), s.vessels(), g.arrivalSeconds() / 3600.0, hold,
          g.holdingState(steadyFrom, hold), hours(steadyFrom), hours(steadyTo));
      String jobName = "seawatch-churn-" + runId;
      List<String> args = new ArrayList<>(List.of(
          "--runnerConfig=" + s.repo().resolve("runner-configs/flink-cluster.properties"),
          "--flinkMaster=" + URI.create(s.flinkRest()).getAuthority(),
          "--filesToStage=" + s.jar(), "--jobName=" + jobName, "--consumerGroup=" + group,
          "--bootstrapServers=" + s.bootstrap(), "--topic=" + s.topic(),
          "--jdbcUrl=" + target(schema).url(), "--jdbcUser=" + s.jdbcUser(),
          "--analytics=true", "--vesselStateTtlDays=" + s.vesselStateTtlDays(),
          "--gapThresholdMinutes=" + s.gapThresholdMinutes(),
          "--analyticsAllowedLatenessMinutes=" + s.allowedLatenessMinutes(),
          "--maxOutOfOrdernessSeconds=" + s.maxOutOfOrdernessSeconds()));
      args.addAll(s.ingestArgs());
      log("seawatch ingest %s", String.join(" ", args));
      Ingest.Report submission = Ingest.run(
          Ingest.options(RunnerProfiles.expand(args, LinePrefixStream.discard())),
          LinePrefixStream.discard());
      if (!submission.submitted()) {
        throw new IllegalStateException("submission failed: the ingest ended "
            + submission.state());
      }
      String jobId = findJob(jobName);
      log("job %s", jobId);
      out.println(CSV_HEADER);
      long total = g.lines();
      long deadline = started + TimeUnit.MINUTES.toNanos(s.timeoutMinutes());
      List<VertexState> beforeKill = null;
      long holdingBeforeKill = 0;
      double killSeconds = Double.NaN;
      long killEpoch = 0;
      long lastIdBeforeKill = -1;
      long committedAtKill = -1;
      Restore restore = null;
      boolean recovered = false;
      double doneSeconds = Double.NaN;
      try (EventTimeProbe probe = new EventTimeProbe(s.bootstrap(), s.topic())) {
        while (true) {
          if (System.nanoTime() > deadline) {
            log("timeout after %d min", s.timeoutMinutes());
            break;
          }
          Sample sample = poll(jobId, probe, hold, "");
          boolean killed = !Double.isNaN(killSeconds);
          if (killed && !recovered) {
            // The last restore before the recovery: a first attempt can fail (it was scheduled
            // onto the dead TaskManager's slots, still registered for a second or two).
            restore = restoredAt(jobId, restore);
          }
          if (killed && !recovered && sample.checkpointId() > lastIdBeforeKill
              && sample.committed() > committedAtKill) {
            recovered = true;
            sample = withNote(sample, "recovered");
          }
          record(sample);
          if (!killed && s.killAt() > 0 && sample.committed() >= s.killAt() * total
              && sample.checkpointId() > 0) {
            beforeKill = breakdown(flink.get("/jobs/" + jobId + "/checkpoints/details/"
                + sample.checkpointId()), flink.job(jobId));
            holdingBeforeKill = sample.holding();
            lastIdBeforeKill = sample.checkpointId();
            committedAtKill = sample.committed();
            killEpoch = System.currentTimeMillis();
            killSeconds = (System.nanoTime() - started) / 1e9;
            restartTaskManager(s.repo(), s.stateDir(), s.flinkRest());
            log("TaskManager killed at %.1f s and restarted (%.1f s later)", killSeconds,
                (System.nanoTime() - started) / 1e9 - killSeconds);
            record(withNote(poll(jobId, probe, hold, ""), "TaskManager killed"));
          }
          if (sample.committed() >= total) {
            if (Double.isNaN(doneSeconds)) {
              doneSeconds = sample.wallSeconds();
              log("every line committed");
            } else if (sample.wallSeconds() - doneSeconds >= s.settleSeconds()) {
              break;
            }
          }
          boolean fast = !Double.isNaN(killSeconds) && !recovered;
          Thread.sleep((fast ? RECOVERY_POLL : Duration.ofSeconds(s.pollSeconds())).toMillis());
        }
        Sample last = samples.get(samples.size() - 1);
        List<VertexState> end = last.checkpointId() > 0 ? breakdown(flink.get("/jobs/" + jobId
            + "/checkpoints/details/" + last.checkpointId()), flink.job(jobId)) : List.of();
        log("load %s", BenchScaling.loadAverage());
        Kill kill = Double.isNaN(killSeconds) ? null : new Kill(killSeconds, lastIdBeforeKill,
            committedAtKill, holdingBeforeKill, beforeKill == null ? List.of() : beforeKill,
            recovery(samples, killSeconds, killEpoch, lastIdBeforeKill, committedAtKill,
                restore));
        return new Report(List.copyOf(samples), g.start(), steadyFrom, steadyTo,
            Duration.ofSeconds(s.tableEverySeconds()), steady(samples, steadyFrom, steadyTo), kill,
            end);
      } finally {
        try {
          flink.cancel(jobId);
        } catch (IOException e) {
          log("could not cancel job %s: %s", jobId, e.getMessage());
        }
      }
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
        for (KafkaTopics.PartitionLag p : KafkaTopics.lag(s.bootstrap(), s.topic(), group)) {
          if (p.committed() > 0) {
            committed.put(p.partition(), p.committed());
            sum += p.committed();
          }
        }
      } catch (OperatorError e) {
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
      return new Sample(wall, BenchScaling.loadAverage(), id, size, incremental, millis, ack,
          sum, eventTime, arrived, holding, note);
    }

    /**
     * The job's last restore if it is newer than {@code known} (then with the restored
     * checkpoint's completion time, asked once per restore), else {@code known}.
     */
    private Restore restoredAt(String jobId, Restore known) {
      try {
        JsonNode r = flink.checkpoints(jobId).path("latest").path("restored");
        if (r.isMissingNode() || r.isNull()) {
          return known;
        }
        long at = r.path("restore_timestamp").asLong();
        if (known != null && at <= known.epochMillis()) {
          return known;
        }
        long id = r.path("id").asLong();
        JsonNode details = flink.get("/jobs/" + jobId + "/checkpoints/details/" + id);
        return new Restore(at, id, details.path("latest_ack_timestamp").asLong());
      } catch (IOException e) {
        return known;
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
      throw new IllegalStateException("no running job named " + name + " at " + s.flinkRest());
    }

    private JdbcTarget target(String schemaName) {
      String url = schemaName == null ? s.jdbcUrl()
          : s.jdbcUrl() + (s.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schemaName;
      return JdbcTarget.of(url, s.jdbcUser());
    }

    private void cleanUp() {
      if (s.keep()) {
        log("kept schema %s and consumer group %s", schema, group);
        return;
      }
      try (Connection c = target(null).connect(); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        log("could not drop schema %s: %s", schema, e.getMessage());
      }
      try {
        KafkaTopics.delete(s.bootstrap(), List.of(), List.of(group));
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
  public static void restartTaskManager(Path repo, Path stateDir, String flinkRest) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(
        repo.resolve("runner-configs/bin/flink-cluster").toString(), "restart-taskmanager",
        "--state-dir", stateDir.toString()).redirectErrorStream(true);
    pb.environment().put("SEAWATCH_FLINK_REST_PORT",
        Integer.toString(URI.create(flinkRest).getPort()));
    String rpc = rpcPort(stateDir.resolve("conf/config.yaml"));
    if (rpc != null) {
      pb.environment().put("SEAWATCH_FLINK_RPC_PORT", rpc);
    } else if (System.getenv("SEAWATCH_FLINK_RPC_PORT") == null) {
      throw new OperatorError("no jobmanager.rpc.port in " + stateDir.resolve("conf/config.yaml")
          + " and SEAWATCH_FLINK_RPC_PORT is not set: give --stateDir of the cluster");
    }
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("flink-cluster restart-taskmanager failed:\n" + text);
    }
  }

  /** {@code jobmanager.rpc.port} of a Flink config.yaml, or null. */
  public static String rpcPort(Path configYaml) {
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
