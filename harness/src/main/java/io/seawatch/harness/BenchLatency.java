package io.seawatch.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seawatch.db.GeofenceRow;
import io.seawatch.db.GeofenceTable;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migrations;
import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.Ingest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.LinePublisher;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.Repository;
import io.seawatch.ops.SessionJobs;
import io.seawatch.rules.RuleConfig;
import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.GeneratedFleet;
import io.seawatch.testdata.LatencyProbes;
import io.seawatch.testdata.ScenarioGeofence;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Bench latency (issue 11): how long after the line that decides it an alert reaches the alerts
 * topic and {@code vessel_event}, with the streaming job on the Flink session cluster fed at a
 * steady rate (docs/benchmarks.md, "Latency").
 *
 * <p>Method: a fresh schema with the probe fence, a fresh AIS topic and alerts topic; a {@link
 * FleetGenerator} fleet with {@link LatencyProbes} merged in (vessels that enter a fence, start
 * loitering and go dark at known event times); the streaming job submitted with the analytics and
 * the alert path on; then the lines are published at {@code rate} lines/s in 10 ms slices for
 * {@code seconds}, each line's event time (its record timestamp) and send time kept in a {@link
 * PublishClock}. A consumer of the alerts topic keeps the first record of every alert id and its
 * arrival; a poller looks up every event id seen there in {@code vessel_event} every 200 ms. The
 * latency of an alert is its arrival minus the send time of the first line whose event time
 * reached its {@code decided_at} ({@link #measure}). {@link #run} returns the {@link Report};
 * progress lines go to the caller's stream.
 */
public final class BenchLatency {
  /** The alert kinds measured, in report order. */
  public static final List<String> KINDS =
      List.of("GEOFENCE_ENTRY", "LOITERING_STARTED", "GAP_OPENED");
  public static final String ALL = "all";
  /** Status of an alert's first version when the alert path works as promised. */
  public static final String PROVISIONAL = "provisional";

  static final Duration SLICE = Duration.ofMillis(10);
  static final Duration TABLE_POLL = Duration.ofMillis(200);
  private static final Duration PROGRESS = Duration.ofSeconds(10);
  private static final Duration JOB_START = Duration.ofMinutes(5);
  /** The fleet holds this much more than the lines to publish (the lines per hour vary). */
  private static final double FLEET_MARGIN = 1.15;
  /** Probe decisions end at this share of the fleet's event time: the input goes on after. */
  private static final double PROBE_SHARE = 0.8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchLatency() {}

  /** What to run; {@link #builder()} holds the defaults of {@code seawatch bench latency}. */
  public record Settings(int rate, int seconds, int partitions, int parallelism, int eventHours,
      int probesPerKind, int gapThresholdMinutes, int loiterMinDurationMinutes,
      List<String> ingestArgs, int settleSeconds, long seed, String bootstrap, String jdbcUrl,
      String jdbcUser, String flinkRest, Path stateDir, Path repo, Path jar, boolean keep,
      boolean restartTaskManager) {
    public static Builder builder() {
      return new Builder();
    }

    /** Lines to publish: {@code rate} x {@code seconds}. */
    public long lines() {
      return (long) rate * seconds;
    }

    /** Vessels of the fleet: enough for {@link #lines} over {@code eventHours}, with a margin. */
    public int vessels() {
      return (int) Math.max(1, Math.ceil(lines() * FLEET_MARGIN
          / (BenchScaling.LINES_PER_VESSEL_HOUR * eventHours)));
    }

    /** The probes, their decisions within the first {@code PROBE_SHARE} of the fleet's time. */
    public LatencyProbes probes() {
      Instant t0 = FleetGenerator.DEFAULT_START;
      Instant end = t0.plus(Duration.ofHours(eventHours));
      Instant to = t0.plusSeconds(Math.round(eventHours * 3600 * PROBE_SHARE));
      return new LatencyProbes(probesPerKind, t0, to, end,
          Duration.ofMinutes(gapThresholdMinutes), Duration.ofMinutes(loiterMinDurationMinutes));
    }
  }

  /** Settings with the defaults of {@code seawatch bench latency} (docs/benchmarks.md). */
  public static final class Builder {
    public static final int DEFAULT_RATE = 10_000;
    public static final int DEFAULT_SECONDS = 120;
    public static final int DEFAULT_PARTITIONS = 2;
    public static final int DEFAULT_PARALLELISM = 2;
    public static final int DEFAULT_EVENT_HOURS = 10;
    public static final int DEFAULT_PROBES_PER_KIND = 100;
    public static final long DEFAULT_GAP_THRESHOLD_MINUTES =
        RuleConfig.DEFAULT_GAP_THRESHOLD_MINUTES;
    public static final long DEFAULT_LOITER_MIN_DURATION_MINUTES =
        RuleConfig.DEFAULT_LOITER_MIN_DURATION_MINUTES;
    public static final int DEFAULT_SETTLE_SECONDS = 60;
    public static final long DEFAULT_SEED = 42;

    private int rate = DEFAULT_RATE;
    private int seconds = DEFAULT_SECONDS;
    private int partitions = DEFAULT_PARTITIONS;
    private int parallelism = DEFAULT_PARALLELISM;
    private int eventHours = DEFAULT_EVENT_HOURS;
    private int probesPerKind = DEFAULT_PROBES_PER_KIND;
    private int gapThresholdMinutes = (int) DEFAULT_GAP_THRESHOLD_MINUTES;
    private int loiterMinDurationMinutes = (int) DEFAULT_LOITER_MIN_DURATION_MINUTES;
    private List<String> ingestArgs = List.of();
    private int settleSeconds = DEFAULT_SETTLE_SECONDS;
    private long seed = DEFAULT_SEED;
    private String bootstrap = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS;
    private String jdbcUrl = JdbcTarget.DEFAULT_URL;
    private String jdbcUser = JdbcTarget.DEFAULT_USER;
    private String flinkRest = FlinkRest.DEFAULT_URL;
    private Path stateDir;
    private Path repo;
    private Path jar;
    private boolean keep;
    private boolean restartTaskManager = true;

    private Builder() {}

    /** Lines per second. */
    public Builder rate(int n) {
      rate = n;
      return this;
    }

    /** How long to publish. */
    public Builder seconds(int n) {
      seconds = n;
      return this;
    }

    /** Of the AIS topic. */
    public Builder partitions(int n) {
      partitions = n;
      return this;
    }

    public Builder parallelism(int n) {
      parallelism = n;
      return this;
    }

    /** Event time the fleet spans; the lines of {@code rate} x {@code seconds} cover most. */
    public Builder eventHours(int n) {
      eventHours = n;
      return this;
    }

    /** Probe vessels of each measured kind (at most {@link LatencyProbes#MAX_PER_KIND}). */
    public Builder probesPerKind(int n) {
      probesPerKind = n;
      return this;
    }

    /** Passed to the job and used to place the gap probes. */
    public Builder gapThresholdMinutes(int n) {
      gapThresholdMinutes = n;
      return this;
    }

    /** Passed to the job and used to place the loitering probes. */
    public Builder loiterMinDurationMinutes(int n) {
      loiterMinDurationMinutes = n;
      return this;
    }

    /** More ingest options ({@code --name=value}). */
    public Builder ingestArgs(List<String> args) {
      ingestArgs = List.copyOf(args);
      return this;
    }

    /** After the last line, wait at most this long for the last alerts and rows. */
    public Builder settleSeconds(int n) {
      settleSeconds = n;
      return this;
    }

    /** Fleet seed. */
    public Builder seed(long s) {
      seed = s;
      return this;
    }

    public Builder bootstrapServers(String servers) {
      bootstrap = servers;
      return this;
    }

    /** A schema latency_<id> is created there and dropped unless kept. */
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

    /** The cluster's state directory (its taskmanager.pid, its conf for a restart). */
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

    /** Keep the topics, the schema and the consumer group. */
    public Builder keep(boolean b) {
      keep = b;
      return this;
    }

    /** Restart the TaskManager before the run (the default). */
    public Builder restartTaskManager(boolean b) {
      restartTaskManager = b;
      return this;
    }

    /** The settings; repository, job jar and state directory default to the repository's. */
    public Settings build() {
      if (rate < 1 || seconds < 1 || partitions < 1 || parallelism < 1 || eventHours < 1
          || settleSeconds < 0 || gapThresholdMinutes < 1 || loiterMinDurationMinutes < 1) {
        throw new IllegalArgumentException("rate, seconds, partitions, parallelism, eventHours and"
            + " the thresholds must be positive, settleSeconds >= 0");
      }
      if (probesPerKind < 1 || probesPerKind > LatencyProbes.MAX_PER_KIND) {
        throw new IllegalArgumentException("probesPerKind must be in [1, "
            + LatencyProbes.MAX_PER_KIND + "]");
      }
      for (String a : ingestArgs) {
        if (!a.startsWith("--")) {
          throw new IllegalArgumentException("ingest options are --name=value, not '" + a + "'");
        }
      }
      Path r = repo != null ? repo : Repository.root();
      return new Settings(rate, seconds, partitions, parallelism, eventHours, probesPerKind,
          gapThresholdMinutes, loiterMinDurationMinutes, ingestArgs, settleSeconds, seed,
          bootstrap, jdbcUrl, jdbcUser, BenchScaling.stripSlash(flinkRest),
          stateDir != null ? stateDir : r.resolve(Repository.FLINK_STATE_DIR), r,
          (jar != null ? jar : r.resolve(Repository.JOB_JAR)).toAbsolutePath(), keep,
          restartTaskManager);
    }
  }

  /** Runs the benchmark; progress lines go to {@code log}. */
  public static Report run(Settings settings, PrintStream log) throws Exception {
    return new Run(settings, log).execute();
  }

  // ---------------------------------------------------------------------------------------------
  // The pure parts: the alert record, the publish clock, percentiles, the measurement.

  /**
   * One record of the alerts topic (the contract of issue 11): times in epoch ms, {@code
   * endTimeMillis} -1 when {@code end_time} is null; {@code mmsi}, {@code lat}, {@code lon} null
   * when null; {@code details} as JSON text.
   */
  public record Alert(long id, String kind, long timeMillis, long endTimeMillis,
      long decidedAtMillis, Integer mmsi, Double lat, Double lon, long eventId, String status,
      String details) {
    /**
     * Parses one record value.
     *
     * @throws IllegalArgumentException saying which field is missing or malformed
     */
    public static Alert parse(String json) {
      JsonNode n;
      try {
        n = JSON.readTree(json);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
      }
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      String status = text(n, "status");
      if (!status.equals(PROVISIONAL) && !status.equals("final") && !status.equals("retracted")) {
        throw new IllegalArgumentException("status must be provisional, final or retracted: "
            + status);
      }
      JsonNode end = n.path("end_time");
      JsonNode decided = n.path("decided_at");
      JsonNode details = n.path("details");
      return new Alert(decimal(n, "id"), text(n, "kind"), instant(n, "time"),
          end.isNull() || end.isMissingNode() ? -1 : instant(n, "end_time"),
          // Final versions carry none: only a provisional (or retracted) one was decided early.
          decided.isNull() || decided.isMissingNode() ? -1 : instant(n, "decided_at"),
          nullableInt(n, "mmsi"), nullableDouble(n, "lat"),
          nullableDouble(n, "lon"), decimal(n, "event_id"), status,
          details.isMissingNode() || details.isNull() ? "{}" : details.toString());
    }

    private static String text(JsonNode n, String field) {
      JsonNode v = n.path(field);
      if (!v.isTextual() || v.asText().isEmpty()) {
        throw new IllegalArgumentException(field + " must be a non-empty string");
      }
      return v.asText();
    }

    /** A 64-bit id: a decimal string as the contract says (a JSON integer is taken too). */
    private static long decimal(JsonNode n, String field) {
      JsonNode v = n.path(field);
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return v.asLong();
      }
      if (v.isTextual()) {
        try {
          return Long.parseLong(v.asText());
        } catch (NumberFormatException e) {
          // below
        }
      }
      throw new IllegalArgumentException(field + " must be a decimal 64-bit integer: " + v);
    }

    private static long instant(JsonNode n, String field) {
      String s = text(n, field);
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(field + " must be an ISO-8601 instant: " + s);
      }
    }

    private static Integer nullableInt(JsonNode n, String field) {
      JsonNode v = n.path(field);
      if (v.isNull() || v.isMissingNode()) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw new IllegalArgumentException(field + " must be an integer or null: " + v);
      }
      return v.asInt();
    }

    private static Double nullableDouble(JsonNode n, String field) {
      JsonNode v = n.path(field);
      if (v.isNull() || v.isMissingNode()) {
        return null;
      }
      if (!v.isNumber()) {
        throw new IllegalArgumentException(field + " must be a number or null: " + v);
      }
      return v.asDouble();
    }
  }

  /**
   * Event time to publication: for each event time, when the first line whose event time reached
   * it was sent. Lines need not be in event-time order (satellite lines arrive late); only the
   * running maximum matters, so one entry is kept per new maximum (one per second of event time,
   * at most). Not thread-safe: one publisher records, readers read after it is done.
   */
  public static final class PublishClock {
    private long[] event = new long[1024];
    private long[] wall = new long[1024];
    private int n;
    private long firstEvent = Long.MIN_VALUE;
    private long lines;

    /** One line with event time {@code eventMillis} was sent at {@code wallNanos}. */
    public void record(long eventMillis, long wallNanos) {
      if (lines++ == 0) {
        firstEvent = eventMillis;
      }
      if (n > 0 && eventMillis <= event[n - 1]) {
        return;
      }
      if (n == event.length) {
        event = Arrays.copyOf(event, 2 * n);
        wall = Arrays.copyOf(wall, 2 * n);
      }
      event[n] = eventMillis;
      wall[n] = wallNanos;
      n++;
    }

    /**
     * When the first line with an event time at or after {@code eventMillis} was sent; {@code
     * Long.MIN_VALUE} when no line reached it.
     */
    public long sentAt(long eventMillis) {
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (event[mid] >= eventMillis) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo == n ? Long.MIN_VALUE : wall[lo];
    }

    /** Event time of the first line sent; {@code Long.MIN_VALUE} before any. */
    public long firstEventMillis() {
      return firstEvent;
    }

    /** The newest event time sent; {@code Long.MIN_VALUE} before any. */
    public long maxEventMillis() {
      return n == 0 ? Long.MIN_VALUE : event[n - 1];
    }

    public long lines() {
      return lines;
    }

    /** Entries kept (distinct new maxima). */
    int size() {
      return n;
    }
  }

  /** Count, nearest-rank percentiles and maximum of latencies in ms (all 0 without values). */
  public record Stats(int count, long p50, long p95, long p99, long max) {
    public static final Stats NONE = new Stats(0, 0, 0, 0, 0);

    public static Stats of(long[] values) {
      if (values.length == 0) {
        return NONE;
      }
      long[] v = values.clone();
      Arrays.sort(v);
      return new Stats(v.length, percentile(v, 50), percentile(v, 95), percentile(v, 99),
          v[v.length - 1]);
    }
  }

  /** The nearest-rank percentile of sorted values: the smallest value with p % at or below it. */
  public static long percentile(long[] sorted, double p) {
    if (sorted.length == 0 || !(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile of " + sorted.length + " values at " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }

  /**
   * The first record of one alert id as the consumer saw it, and when (nanoTime); {@code
   * keyMatches}: the record's key was the id.
   */
  public record FirstVersion(Alert alert, long arrivedNanos, boolean keyMatches) {}

  /** Latencies of one kind (or {@link #ALL}): to the topic, to vessel_event, to both. */
  public record KindRow(String kind, Stats topic, Stats table, Stats both, int notInTable) {}

  /**
   * What {@link #measure} made of the first versions: a row per measured kind and one for all;
   * alerts left out: decided before the first line, first version not provisional, decided after
   * the newest line (so not by the input: contract broken); other kinds by name; alerts whose
   * first version arrived before its deciding line was sent (counted in, negative latency: the
   * decided_at given is later than the input that decided it); the end-to-end p50 of the first
   * and the last third of the measured alerts by send time of the deciding line (a growing
   * latency means the job did not keep up with the rate).
   */
  public record Measurement(List<KindRow> rows, int decidedBeforeStart, int notProvisional,
      int decidedAfterLastLine, Map<String, Integer> otherKinds, int negative,
      long firstThirdP50, long lastThirdP50) {
    public KindRow all() {
      return rows.get(rows.size() - 1);
    }
  }

  /**
   * Latency of each measured alert: its first version's arrival on the topic, and in {@code
   * vessel_event} ({@code tableNanos}: event id to when it was first seen there), minus the send
   * time of the first line whose event time reached its {@code decided_at}. In ms, rounded.
   */
  public static Measurement measure(Collection<FirstVersion> firstVersions,
      Map<Long, Long> tableNanos, PublishClock clock) {
    Map<String, List<long[]>> byKind = new TreeMap<>();
    List<long[]> all = new ArrayList<>();
    int beforeStart = 0;
    int notProvisional = 0;
    int afterLast = 0;
    int negative = 0;
    Map<String, Integer> other = new TreeMap<>();
    for (FirstVersion f : firstVersions) {
      Alert a = f.alert();
      if (!KINDS.contains(a.kind())) {
        other.merge(a.kind(), 1, Integer::sum);
        continue;
      }
      if (clock.lines() == 0 || a.decidedAtMillis() < clock.firstEventMillis()) {
        beforeStart++;
        continue;
      }
      if (!a.status().equals(PROVISIONAL)) {
        notProvisional++;
        continue;
      }
      long sent = clock.sentAt(a.decidedAtMillis());
      if (sent == Long.MIN_VALUE) {
        afterLast++;
        continue;
      }
      Long table = tableNanos.get(a.eventId());
      long topicMs = millis(f.arrivedNanos() - sent);
      long tableMs = table == null ? Long.MIN_VALUE : millis(table - sent);
      if (topicMs < 0) {
        negative++;
      }
      // {sent, topic, table (MIN_VALUE: not there)}
      long[] m = {sent, topicMs, tableMs};
      byKind.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(m);
      all.add(m);
    }
    List<KindRow> rows = new ArrayList<>();
    for (String kind : KINDS) {
      rows.add(row(kind, byKind.getOrDefault(kind, List.of())));
    }
    rows.add(row(ALL, all));
    all.sort((x, y) -> Long.compare(x[0], y[0]));
    int third = all.size() / 3;
    long first = third == 0 ? 0 : Stats.of(both(all.subList(0, third))).p50();
    long last = third == 0 ? 0 : Stats.of(both(all.subList(all.size() - third, all.size()))).p50();
    return new Measurement(List.copyOf(rows), beforeStart, notProvisional, afterLast,
        Map.copyOf(other), negative, first, last);
  }

  private static KindRow row(String kind, List<long[]> m) {
    long[] topic = new long[m.size()];
    List<Long> table = new ArrayList<>();
    for (int i = 0; i < m.size(); i++) {
      topic[i] = m.get(i)[1];
      if (m.get(i)[2] != Long.MIN_VALUE) {
        table.add(m.get(i)[2]);
      }
    }
    return new KindRow(kind, Stats.of(topic),
        Stats.of(table.stream().mapToLong(Long::longValue).toArray()), Stats.of(both(m)),
        m.size() - table.size());
  }

  /** The later of topic and table arrival, for the alerts that reached both. */
  private static long[] both(List<long[]> m) {
    return m.stream().filter(x -> x[2] != Long.MIN_VALUE).mapToLong(x -> Math.max(x[1], x[2]))
        .toArray();
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }

  /**
   * One measured kind's probes: those decided within the published input ({@code expected}),
   * those whose alert was seen ({@code seen}: an alert of the kind, vessel and event time), and
   * of these the ones whose {@code decided_at} was the probe's decision time.
   */
  public record ProbeCheck(String kind, int expected, int seen, int decidedAsExpected) {}

  public static List<ProbeCheck> checkProbes(List<LatencyProbes.Probe> probes,
      Collection<FirstVersion> firstVersions, long maxEventMillis) {
    Map<String, Alert> byKey = new HashMap<>();
    for (FirstVersion f : firstVersions) {
      Alert a = f.alert();
      byKey.put(a.kind() + "/" + a.mmsi() + "/" + a.timeMillis(), a);
    }
    List<ProbeCheck> out = new ArrayList<>();
    for (String kind : KINDS) {
      int expected = 0;
      int seen = 0;
      int asExpected = 0;
      for (LatencyProbes.Probe p : probes) {
        if (!p.kind().equals(kind) || p.decidedAt().toEpochMilli() > maxEventMillis) {
          continue;
        }
        expected++;
        Alert a = byKey.get(kind + "/" + p.mmsi() + "/" + p.time().toEpochMilli());
        if (a != null) {
          seen++;
          if (a.decidedAtMillis() == p.decidedAt().toEpochMilli()) {
            asExpected++;
          }
        }
      }
      out.add(new ProbeCheck(kind, expected, seen, asExpected));
    }
    return out;
  }

  /**
   * What one run measured. {@code rate}: asked; {@code publishSeconds}: from the first slice to
   * the last line sent; {@code eventStart}/{@code eventEnd}: event time of the first line and the
   * newest sent; {@code laterVersions}: records after the first, by status; {@code unreadable}:
   * records that did not parse ({@code firstUnreadable}: why, the first time);
   * {@code taskManagerCpuSeconds}: while publishing (NaN: no pid).
   */
  public record Report(int rate, long lines, double publishSeconds, long eventStart,
      long eventEnd, Measurement measurement, List<ProbeCheck> probes,
      Map<String, Long> laterVersions, long unreadable, String firstUnreadable,
      long keyMismatches, double taskManagerCpuSeconds, String load) {
    public double achievedRate() {
      return publishSeconds > 0 ? lines / publishSeconds : 0;
    }

    /** Alerts measured end to end (on the topic and in vessel_event). */
    public int events() {
      return measurement.all().both().count();
    }

    /** {@code latency p50=<ms> p95=<ms> p99=<ms> events=<n>}: end to end, every measured kind. */
    public String lastLine() {
      Stats b = measurement.all().both();
      return String.format(Locale.ROOT, "latency p50=%d p95=%d p99=%d events=%d", b.p50(),
          b.p95(), b.p99(), b.count());
    }

    /** The table of docs/benchmarks.md and the counts behind it. */
    public String summary() {
      StringBuilder sb = new StringBuilder();
      double speedup = (eventEnd - eventStart) / 1000.0 / Math.max(publishSeconds, 1e-9);
      sb.append(String.format(Locale.ROOT, "published %,d lines in %.1f s: %,.0f lines/s (asked"
              + " %,d); event time %s to %s, %.0f times real time%n", lines, publishSeconds,
          achievedRate(), rate, Instant.ofEpochMilli(eventStart), Instant.ofEpochMilli(eventEnd),
          speedup));
      sb.append(String.format(Locale.ROOT, "%nLatency of the first version of each alert, ms"
          + " after its deciding line was sent:%n"));
      sb.append(table(measurement.rows()));
      Measurement m = measurement;
      sb.append(String.format(Locale.ROOT, "%nleft out: %d decided before the first line, %d"
              + " whose first version was not provisional, %d decided after the newest line;"
              + " other kinds (first versions): %s%n", m.decidedBeforeStart(),
          m.notProvisional(), m.decidedAfterLastLine(), m.otherKinds()));
      if (m.negative() > 0) {
        sb.append(String.format(Locale.ROOT, "warning: %d alerts arrived before their deciding"
            + " line was sent (decided_at later than the input that decided them)%n",
            m.negative()));
      }
      // Half again the first third's p50 (at least a second) more is "well above": a backlog.
      boolean fellBehind =
          m.lastThirdP50() - m.firstThirdP50() > Math.max(1000, m.firstThirdP50() / 2);
      sb.append(String.format(Locale.ROOT, "end to end p50 of the first and the last third of"
              + " the alerts (by sending of the deciding line): %d / %d ms (%s)%n",
          m.firstThirdP50(), m.lastThirdP50(),
          fellBehind ? "the last well above the first: the job fell behind the rate"
              : "steady: the job kept up with the rate"));
      for (ProbeCheck p : probes) {
        sb.append(String.format(Locale.ROOT, "probes %s: %d decided within the input, %d"
                + " seen, %d with the expected decided_at%n", p.kind(), p.expected(), p.seen(),
            p.decidedAsExpected()));
      }
      sb.append(String.format(Locale.ROOT, "later versions: %s; unreadable records: %d%s;"
              + " keys other than the id: %d%n", laterVersions, unreadable,
          firstUnreadable == null ? "" : " (first: " + firstUnreadable + ")", keyMismatches));
      sb.append(String.format(Locale.ROOT, "TaskManager while publishing: %s; load %s%n",
          Double.isNaN(taskManagerCpuSeconds) ? "CPU not known (no taskmanager.pid)"
              : String.format(Locale.ROOT, "%.1f CPU-s, %.1f CPU-s per million lines",
                  taskManagerCpuSeconds, taskManagerCpuSeconds / (lines / 1e6)), load));
      return sb.toString();
    }
  }

  /** The Markdown table: per kind, events and p50/p95/p99/max to the topic, the table, both. */
  public static String table(List<KindRow> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| kind | on topic | p50 | p95 | p99 | max | in vessel_event | p50 | p95 | p99"
        + " | max | end to end p50 | p95 | p99 | max |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (KindRow r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %s | %,d | %s | %s |%n", r.kind(),
          r.topic().count(), cells(r.topic()), r.table().count(), cells(r.table()),
          cells(r.both())));
    }
    return sb.toString();
  }

  private static String cells(Stats s) {
    return s.count() == 0 ? "- | - | - | -" : String.format(Locale.ROOT, "%,d | %,d | %,d | %,d",
        s.p50(), s.p95(), s.p99(), s.max());
  }

  // ---------------------------------------------------------------------------------------------
  // The run.

  /** Reads the alerts topic from the beginning and keeps the first record of each alert id. */
  private static final class AlertReader implements Runnable {
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    final Map<Long, FirstVersion> first = new ConcurrentHashMap<>();
    /** Event ids of first versions of the measured kinds, in arrival order of their alerts. */
    final Map<Long, Boolean> eventIds = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> later = new ConcurrentHashMap<>();
    final AtomicLong unreadable = new AtomicLong();
    final AtomicLong keyMismatches = new AtomicLong();
    final AtomicReference<String> firstUnreadable = new AtomicReference<>();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    /** Counted down once the reader is assigned its partitions and at their beginning. */
    final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean stop;

    AlertReader(String bootstrap, String topic, String group) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
      this.topic = topic;
    }

    @Override
    public void run() {
      try {
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
          tps.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        for (TopicPartition tp : tps) {
          consumer.position(tp, Duration.ofSeconds(30));
        }
        ready.countDown();
        while (!stop) {
          var records = consumer.poll(Duration.ofMillis(50));
          long now = System.nanoTime();
          for (ConsumerRecord<String, String> r : records) {
            take(r, now);
          }
        }
      } catch (WakeupException e) {
        // stopped
      } catch (Exception e) {
        failure.compareAndSet(null, e);
      } finally {
        ready.countDown(); // a failed start is reported through failure
        consumer.close(Duration.ofSeconds(5));
      }
    }

    private void take(ConsumerRecord<String, String> r, long now) {
      Alert a;
      try {
        a = Alert.parse(r.value() == null ? "" : r.value());
      } catch (IllegalArgumentException e) {
        unreadable.incrementAndGet();
        firstUnreadable.compareAndSet(null, e.getMessage() + " at offset " + r.offset());
        return;
      }
      boolean keyOk = Long.toString(a.id()).equals(r.key());
      if (!keyOk) {
        keyMismatches.incrementAndGet();
      }
      if (first.putIfAbsent(a.id(), new FirstVersion(a, now, keyOk)) == null) {
        if (KINDS.contains(a.kind())) {
          eventIds.put(a.eventId(), Boolean.TRUE);
        }
      } else {
        later.computeIfAbsent(a.status(), k -> new AtomicLong()).incrementAndGet();
      }
    }

    void stop() {
      stop = true;
      consumer.wakeup();
    }
  }

  /** Looks up the event ids seen on the topic in vessel_event; keeps when each first showed. */
  private static final class TablePoller implements Runnable {
    static final String SELECT = "SELECT id FROM vessel_event WHERE id = ANY(?)";
    private final JdbcTarget target;
    private final AlertReader reader;
    final Map<Long, Long> seen = new ConcurrentHashMap<>();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    private Connection connection;
    private PreparedStatement select;

    TablePoller(JdbcTarget target, AlertReader reader) {
      this.target = target;
      this.reader = reader;
    }

    /** Event ids seen on the topic and not yet in the table. */
    List<Long> pending() {
      List<Long> out = new ArrayList<>();
      for (Long id : reader.eventIds.keySet()) {
        if (!seen.containsKey(id)) {
          out.add(id);
        }
      }
      return out;
    }

    @Override
    public void run() {
      try {
        List<Long> pending = pending();
        if (pending.isEmpty()) {
          return;
        }
        if (connection == null) {
          connection = target.connect();
          select = connection.prepareStatement(SELECT);
        }
        // A row found was committed before this statement's snapshot: it arrived by now.
        long now = System.nanoTime();
        Array ids = connection.createArrayOf("bigint", pending.toArray(new Long[0]));
        select.setArray(1, ids);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            seen.putIfAbsent(rs.getLong(1), now);
          }
        }
        ids.free();
      } catch (Exception e) {
        failure.compareAndSet(null, e);
        close();
      }
    }

    void close() {
      try {
        if (connection != null) {
          connection.close();
        }
      } catch (SQLException e) {
        // closing
      }
      connection = null;
    }
  }

  /** The benchmark run, from the fleet to the report. */
  private static final class Run {
    private final Settings s;
    private final PrintStream out;
    private final FlinkRest flink;
    private final String runId = Long.toString(System.currentTimeMillis() / 1000, 36);
    private final long started = System.nanoTime();
    private final String topic = "latency-" + runId;
    private final String alertsTopic = "latency-" + runId + "-alerts";
    private final String schema = "latency_" + runId;
    private final String group = "latency-" + runId;
    private final List<String> topics = new ArrayList<>();
    private boolean schemaCreated;
    private final AtomicLong sent = new AtomicLong();
    private volatile long eventReached = Long.MIN_VALUE;

    Run(Settings s, PrintStream out) {
      this.s = s;
      this.out = out;
      this.flink = new FlinkRest(s.flinkRest());
    }

    Report execute() throws Exception {
      KafkaTopics.quietClientLogs();
      flink.requireReachable();
      if (!Files.isRegularFile(s.jar())) {
        throw new OperatorError("no job jar at " + s.jar() + " (mvn -B -DskipTests package)");
      }
      requireAlertOptions();
      log("load %s", BenchScaling.loadAverage());
      try {
        return steps();
      } finally {
        cleanUp();
      }
    }

    /** The job of this build must take the options of the alert path (issue 11). */
    private void requireAlertOptions() {
      try {
        Ingest.options(List.of("--alertsTopic=" + alertsTopic, "--provisionalEvents=true"));
      } catch (OperatorError e) {
        throw new OperatorError("the streaming job of this build has no alert path"
            + " (--alertsTopic, --provisionalEvents): " + e.getMessage());
      }
    }

    private Report steps() throws Exception {
      LatencyProbes probes = s.probes();
      for (String kind : KINDS) {
        if (probes.probes(kind).isEmpty()) {
          throw new OperatorError("no " + kind + " probe fits in " + s.eventHours() + " h of"
              + " event time with these thresholds: raise --eventHours");
        }
      }
      GeneratedFleet fleet = FleetGenerator.builder().seed(s.seed()).vessels(s.vessels())
          .duration(Duration.ofHours(s.eventHours())).scenarios(List.of(probes.scenario()))
          .build().generate();
      List<String> lines = fleet.lines();
      long toSend = Math.min(s.lines(), lines.size());
      log("fleet: %,d lines, %d vessels, %d h, seed %d, with %d probes (%d of each kind); %,d"
              + " lines to publish at %,d/s", lines.size(), s.vessels(), s.eventHours(), s.seed(),
          probes.probes().size(), s.probesPerKind(), toSend, s.rate());
      if (toSend < s.lines()) {
        log("the fleet holds fewer lines than %,d: the run is %.1f s", s.lines(),
            toSend / (double) s.rate());
      }

      try (Connection c = target(null).connect(); Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      }
      schemaCreated = true;
      Migrations.builtIn().migrate(target(schema));
      try (Connection c = target(schema).connect()) {
        List<GeofenceRow> rows = new ArrayList<>();
        for (ScenarioGeofence g : probes.scenario().geofences()) {
          rows.add(new GeofenceRow(g.id(), g.name(), g.kind(), g.polygon()));
        }
        GeofenceTable.upsert(c, rows);
      }
      int partitions = KafkaTopics.prepareTopic(s.bootstrap(), topic, s.partitions(),
          LinePrefixStream.discard()).partitions();
      topics.add(topic);
      KafkaTopics.prepareTopic(s.bootstrap(), alertsTopic, 1, LinePrefixStream.discard());
      topics.add(alertsTopic);
      log("schema %s (geofence %s), topics %s (%d partitions) and %s", schema,
          LatencyProbes.FENCE.id(), topic, partitions, alertsTopic);

      if (s.restartTaskManager()) {
        // Equal starting conditions; and Beam's job class loaders leak metaspace (BenchScaling).
        BenchChurn.restartTaskManager(s.repo(), s.stateDir(), s.flinkRest());
      }
      String jobId = submit();
      try {
        return measure(jobId, lines, toSend, partitions, probes);
      } finally {
        try {
          flink.cancel(jobId);
          log("job %s cancelled", jobId);
        } catch (IOException e) {
          log("could not cancel job %s: %s", jobId, e.getMessage());
        }
      }
    }

    private String submit() throws Exception {
      String jobName = "seawatch-latency-" + runId;
      List<String> args = new ArrayList<>(List.of(
          "--runnerConfig=" + s.repo().resolve("runner-configs/flink-cluster.properties"),
          "--flinkMaster=" + URI.create(s.flinkRest()).getAuthority(),
          "--jobName=" + jobName, "--consumerGroup=" + group,
          "--bootstrapServers=" + s.bootstrap(), "--topic=" + topic,
          "--jdbcUrl=" + target(schema).url(), "--jdbcUser=" + s.jdbcUser(),
          "--parallelism=" + s.parallelism(), "--analytics=true",
          "--alertsTopic=" + alertsTopic, "--provisionalEvents=true",
          "--gapThresholdMinutes=" + s.gapThresholdMinutes(),
          "--loiterMinDurationMinutes=" + s.loiterMinDurationMinutes()));
      args.addAll(s.ingestArgs());
      log("seawatch submit %s", String.join(" ", args));
      SessionJobs.SubmittedJob job = SessionJobs.submit(args, null, s.jar(),
          LinePrefixStream.discard());
      long deadline = System.nanoTime() + JOB_START.toNanos();
      while (!running(job.id())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("job " + job.id() + " not running after "
              + JOB_START.toMinutes() + " min");
        }
        Thread.sleep(500);
      }
      log("job %s running (every task)", job.id());
      return job.id();
    }

    /** The job and every one of its vertices are RUNNING. */
    private boolean running(String jobId) {
      try {
        JsonNode job = flink.job(jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
          return false;
        }
        for (JsonNode v : job.path("vertices")) {
          if (!v.path("status").asText().equals("RUNNING")) {
            return false;
          }
        }
        return job.path("vertices").size() > 0;
      } catch (IOException e) {
        return false;
      }
    }

    private Report measure(String jobId, List<String> lines, long toSend, int partitions,
        LatencyProbes probes) throws Exception {
      AlertReader reader = new AlertReader(s.bootstrap(), alertsTopic, group + "-alerts");
      Thread readerThread = new Thread(reader, "latency-alerts");
      readerThread.setDaemon(true);
      readerThread.start();
      if (!reader.ready.await(60, TimeUnit.SECONDS) || reader.failure.get() != null) {
        reader.stop();
        throw new IllegalStateException("could not read " + alertsTopic, reader.failure.get());
      }
      TablePoller poller = new TablePoller(target(schema), reader);
      ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "latency-poll");
        t.setDaemon(true);
        return t;
      });
      timers.scheduleWithFixedDelay(poller, 0, TABLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
      timers.scheduleAtFixedRate(() -> progress(reader, poller), PROGRESS.toMillis(),
          PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
      long tmPid = ProcessCpu.pidFrom(s.stateDir().resolve("taskmanager.pid"));
      PublishClock clock = new PublishClock();
      double publishSeconds;
      double cpu;
      try {
        long tm0 = ProcessCpu.ticks(tmPid);
        publishSeconds = publish(lines, toSend, partitions, clock);
        long tm1 = ProcessCpu.ticks(tmPid);
        cpu = tmPid < 0 ? Double.NaN : (tm1 - tm0) / (double) ProcessCpu.TICKS_PER_SECOND;
        log("published %,d lines in %.1f s; waiting up to %d s for the last alerts and rows",
            clock.lines(), publishSeconds, s.settleSeconds());
        settle(probes, reader, poller, clock.maxEventMillis());
      } finally {
        timers.shutdownNow();
        timers.awaitTermination(10, TimeUnit.SECONDS);
        poller.close();
        reader.stop();
        readerThread.join(10_000);
      }
      if (reader.failure.get() != null) {
        throw new IllegalStateException("reading " + alertsTopic + " failed",
            reader.failure.get());
      }
      if (poller.failure.get() != null) {
        log("polling vessel_event failed: %s", poller.failure.get());
      }
      Collection<FirstVersion> first = reader.first.values();
      Map<String, Long> later = new TreeMap<>();
      reader.later.forEach((k, v) -> later.put(k, v.get()));
      Report r = new Report(s.rate(), clock.lines(), publishSeconds, clock.firstEventMillis(),
          clock.maxEventMillis(), BenchLatency.measure(first, poller.seen, clock),
          checkProbes(probes.probes(), first, clock.maxEventMillis()), later,
          reader.unreadable.get(), reader.firstUnreadable.get(), reader.keyMismatches.get(), cpu,
          BenchScaling.loadAverage());
      log("job %s: %s", jobId, SessionJobs.describeJob(flink, jobId));
      return r;
    }

    /** Sends the lines at the rate in slices; returns the seconds from start to the last send. */
    private double publish(List<String> lines, long toSend, int partitions, PublishClock clock) {
      long slice = SLICE.toNanos();
      long behind = 0;
      long slices = 0;
      long lastSend;
      long start;
      try (LinePublisher p = new LinePublisher(s.bootstrap(), topic, partitions)) {
        start = System.nanoTime();
        lastSend = start;
        int i = 0;
        for (long k = 1; i < toSend; k++) {
          long now = System.nanoTime();
          long due = Math.min(toSend, (long) Math.ceil((now - start) / 1e9 * s.rate()));
          slices++;
          if (due - i > 2L * s.rate() * slice / 1_000_000_000L) {
            behind++;
          }
          for (; i < due; i++) {
            long event = p.send(lines.get(i));
            lastSend = System.nanoTime();
            clock.record(event, lastSend);
            eventReached = clock.maxEventMillis();
          }
          sent.set(i);
          if (p.failed()) {
            break;
          }
          long next = start + k * slice;
          long wait = next - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        p.flush();
      }
      if (behind > 0) {
        // A busy machine wakes the publisher late; it then catches up at once.
        log("the publisher was more than two slices behind its schedule in %,d of %,d slices",
            behind, slices);
      }
      return (lastSend - start) / 1e9;
    }

    /** Until every probe decided within the input is on the topic and every event in the table. */
    private void settle(LatencyProbes probes, AlertReader reader, TablePoller poller,
        long maxEvent) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.settleSeconds());
      while (System.nanoTime() < deadline) {
        boolean probesSeen = checkProbes(probes.probes(), reader.first.values(), maxEvent)
            .stream().allMatch(p -> p.seen() == p.expected());
        if (probesSeen && poller.pending().isEmpty()) {
          log("every probe's alert and every measured event arrived");
          return;
        }
        Thread.sleep(500);
      }
      log("settle time over");
    }

    private void progress(AlertReader reader, TablePoller poller) {
      String lag;
      try {
        lag = String.format(Locale.ROOT, "%,d", KafkaTopics.totalLag(s.bootstrap(), topic, group));
      } catch (RuntimeException e) {
        lag = "?";
      }
      Map<String, Integer> kinds = new TreeMap<>();
      reader.first.values().forEach(f -> kinds.merge(f.alert().kind(), 1, Integer::sum));
      long reached = eventReached;
      log("sent %,d lines, event time %s; alerts %s; measured events in vessel_event %,d of %,d;"
              + " job's lag (committed at checkpoints) %s; load %s", sent.get(),
          reached == Long.MIN_VALUE ? "-" : Instant.ofEpochMilli(reached).toString(), kinds,
          poller.seen.size(), reader.eventIds.size(), lag, BenchScaling.loadAverage());
    }

    private JdbcTarget target(String schemaName) {
      String url = schemaName == null ? s.jdbcUrl()
          : s.jdbcUrl() + (s.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schemaName;
      return JdbcTarget.of(url, s.jdbcUser());
    }

    private void cleanUp() {
      if (s.keep()) {
        log("kept schema %s, topics %s and consumer group %s", schema, topics, group);
        return;
      }
      if (schemaCreated) {
        try (Connection c = target(null).connect(); Statement st = c.createStatement()) {
          st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
          log("could not drop schema %s: %s", schema, e.getMessage());
        }
      }
      try {
        // The group first: deleting its topic can take its committed offsets and the group along.
        KafkaTopics.delete(s.bootstrap(), List.of(), List.of(group));
      } catch (Exception e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          log("could not delete consumer group %s: %s", group, e.getMessage());
        }
      }
      try {
        KafkaTopics.delete(s.bootstrap(), topics, List.of());
      } catch (Exception e) {
        log("could not delete topics %s: %s", topics, e.getMessage());
      }
    }

    private void log(String format, Object... args) {
      out.printf(Locale.ROOT, "latency [%6.1f s] %s%n", (System.nanoTime() - started) / 1e9,
          String.format(Locale.ROOT, format, args));
    }
  }
}
