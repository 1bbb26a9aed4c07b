package io.seawatch.cli;

import io.seawatch.harness.BenchChurn;
import io.seawatch.harness.BenchLatency;
import io.seawatch.harness.BenchScaling;
import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.testdata.ChurnGenerator;
import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.LatencyProbes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch bench scaling | churn | churn-data | latency}: runs {@link BenchScaling}, {@link
 * BenchChurn} or {@link BenchLatency} and prints their reports (docs/benchmarks.md); {@code
 * churn-data} writes the churn input with {@link ChurnGenerator}. The defaults are the harnesses'
 * ({@code DEFAULT_*} of their builders).
 */
@CommandLine.Command(
    name = "bench",
    sortOptions = false,
    sortSynopsis = false,
    synopsisSubcommandLabel = "BENCHMARK",
    commandListHeading = "%nBenchmarks:%n",
    description = "Benchmarks: 'bench scaling' = Kafka -> Flink -> Postgres throughput vs the raw"
        + " limit; 'bench churn' = checkpoint size under key churn and recovery; 'bench latency'"
        + " = how soon alerts follow their input",
    subcommands = {BenchCommand.Scaling.class, BenchCommand.ChurnData.class,
        BenchCommand.Churn.class, BenchCommand.Latency.class})
public final class BenchCommand implements Callable<Integer> {
  @Mixin private HelpOption help;
  @Spec private CommandSpec spec;

  /** No benchmark given. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "give a benchmark: scaling, churn-data, churn or latency");
  }

  /** Options the Flink benchmarks share. */
  static final class Cluster {
    @Option(names = "--bootstrapServers", paramLabel = "HOST:PORT",
        defaultValue = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS,
        description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Mixin JdbcOptions jdbc;

    @Option(names = "--flinkRest", paramLabel = "URL", defaultValue = FlinkRest.DEFAULT_URL,
        description = "The session cluster's REST address (default: ${DEFAULT-VALUE}).")
    String flinkRest;

    @Option(names = "--stateDir", paramLabel = "DIR",
        description = "The cluster's state dir: its taskmanager.pid, and its conf for the RPC"
            + " port of a restart (default: <repo>/.seawatch/flink).")
    Path stateDir;

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository.")
    Path repo;

    @Option(names = "--jar", paramLabel = "FILE", description = "The job jar.")
    Path jar;
  }

  /** The defaults that are not compile-time constants (lists), for ${DEFAULT-VALUE} and parsing. */
  static final class ListDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec option)) {
        return null;
      }
      boolean churn = arg.command().userObject() instanceof Churn;
      return switch (option.longestName()) {
        case "--partitions" -> churn ? null : join(BenchScaling.Builder.DEFAULT_PARTITIONS);
        case "--parallelism" -> join(BenchScaling.Builder.DEFAULT_PARALLELISMS);
        case "--ingestArgs" -> churn ? String.join(" ", BenchChurn.Builder.DEFAULT_INGEST_ARGS) : "";
        default -> null;
      };
    }

    private static String join(List<Integer> values) {
      return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
  }

  @CommandLine.Command(
      name = "scaling",
      sortOptions = false,
      sortSynopsis = false,
      defaultValueProvider = ListDefaults.class,
      description = {
        "Kafka -> Flink -> Postgres throughput at each parallelism vs the raw limit",
        "",
        "Fills one topic per partition count with a generated fleet, measures the raw limit"
            + " (KafkaConsumer + decoder + COPY, no Beam) and the streaming ingest on the Flink"
            + " session cluster at each parallelism; prints a Markdown table"
            + " (docs/benchmarks.md)."
      })
  static final class Scaling implements Callable<Integer> {
    @Mixin private HelpOption help;

    @Option(names = "--messages", paramLabel = "N",
        defaultValue = "" + BenchScaling.Builder.DEFAULT_MESSAGES,
        description = "About N lines per topic (default: ${DEFAULT-VALUE}).")
    private int messages;

    @Option(names = "--partitions", paramLabel = "P", split = ",",
        description = "Partition counts (default: ${DEFAULT-VALUE}).")
    private List<Integer> partitions;

    @Option(names = "--parallelism", paramLabel = "P", split = ",",
        description = "Flink parallelisms (default: ${DEFAULT-VALUE}).")
    private List<Integer> parallelisms;

    @Option(names = "--rawThreads", paramLabel = "T",
        defaultValue = "" + BenchScaling.Builder.DEFAULT_RAW_THREADS,
        description = "Raw-limit consumer threads, at most one per partition (default:"
            + " ${DEFAULT-VALUE}).")
    private int rawThreads;

    @Option(names = "--skipRaw", arity = "0..1", paramLabel = "true|false",
        description = "Leave out the raw limit.")
    private boolean skipRaw;

    @Option(names = "--skipFlink", arity = "0..1", paramLabel = "true|false",
        description = "Leave out the Flink runs.")
    private boolean skipFlink;

    @Option(names = "--ingestArgs", paramLabel = "ARGS",
        description = "Extra ingest options for the Flink runs, separated by spaces"
            + " (e.g. '--maxBundleSize=5000').")
    private String ingestArgs;

    @Option(names = "--analytics", arity = "0..1", paramLabel = "true|false",
        description = "Include the vessel analytics (default: ingest tables only).")
    private boolean analytics;

    @Option(names = "--stackSamples", paramLabel = "N", defaultValue = "0",
        description = "jstack the TaskManager N times during each Flink run and print where the"
            + " threads are (default: ${DEFAULT-VALUE}).")
    private int stackSamples;

    @Option(names = "--operatorCpu", arity = "0..1", paramLabel = "true|false",
        description = "jstack the TaskManager at the first and the last row of each Flink run and"
            + " print the CPU of each operator chain per million lines.")
    private boolean operatorCpu;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
        description = "Run each Flink configuration N times in a row on the same topic and print"
            + " the median (default: ${DEFAULT-VALUE}): one run's rate varies by a quarter and"
            + " more on a busy 2-core machine.")
    private int repeat;

    @Mixin private Cluster cluster;

    @Option(names = "--kafkaDir", paramLabel = "DIR",
        description = "The broker's data dir (its kafka.pid; default <repo>/.seawatch/kafka).")
    private Path kafkaDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + BenchScaling.Builder.DEFAULT_SEED,
        description = "Fleet seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--timeoutMinutes", paramLabel = "M",
        defaultValue = "" + BenchScaling.Builder.DEFAULT_TIMEOUT_MINUTES,
        description = "Per Flink run (default: ${DEFAULT-VALUE}).")
    private int timeoutMinutes;

    @Option(names = "--keepTaskManager", arity = "0..1", paramLabel = "true|false",
        description = "Do not restart the TaskManager before each Flink run (the default restarts"
            + " it: SEAWATCH_FLINK_RPC_PORT must then match the cluster).")
    private boolean keepTaskManager;

    @Option(names = "--keep", arity = "0..1", paramLabel = "true|false",
        description = "Keep topics and schemas.")
    private boolean keep;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintStream out = Seawatch.of(spec).out;
      BenchScaling.Report report = BenchScaling.run(settings(), out);
      out.println();
      out.println(report.table());
      if (report.rawBest() > 0) {
        out.printf(Locale.ROOT, "raw limit (best raw row): %,.0f lines/s%n", report.rawBest());
      }
      return 0;
    }

    BenchScaling.Settings settings() {
      cluster.jdbc.target(); // a malformed URL is a usage error here, not after the first run
      BenchScaling.Builder b = BenchScaling.Settings.builder()
          .messages(Checks.positive(spec, "--messages", messages))
          .partitions(positives(spec, "--partitions", partitions))
          .parallelisms(positives(spec, "--parallelism", parallelisms))
          .rawThreads(Checks.positive(spec, "--rawThreads", rawThreads))
          .skipRaw(skipRaw)
          .skipFlink(skipFlink)
          .ingestArgs(ingestArgs(spec, ingestArgs))
          .analytics(analytics)
          .stackSamples(Checks.nonNegative(spec, "--stackSamples", stackSamples))
          .operatorCpu(operatorCpu)
          .repeat(Checks.positive(spec, "--repeat", repeat))
          .bootstrapServers(cluster.bootstrapServers)
          .jdbcUrl(cluster.jdbc.url)
          .jdbcUser(cluster.jdbc.user)
          .flinkRest(cluster.flinkRest)
          .seed(seed)
          .timeoutMinutes(Checks.positive(spec, "--timeoutMinutes", timeoutMinutes))
          .keep(keep)
          .restartTaskManager(!keepTaskManager);
      if (cluster.repo != null) {
        b.repo(cluster.repo);
      }
      if (cluster.jar != null) {
        b.jar(cluster.jar);
      }
      if (cluster.stateDir != null) {
        b.stateDir(cluster.stateDir);
      }
      if (kafkaDir != null) {
        b.kafkaDir(kafkaDir);
      }
      return b.build();
    }
  }

  /** The churn input's shape: the same options in churn-data and churn, not the same defaults. */
  @CommandLine.Command(
      name = "churn-data",
      sortOptions = false,
      sortSynopsis = false,
      description = {
        "Write the key-churn input of the state benchmark",
        "",
        "Writes NMEA lines in which vessels appear, report and go silent (docs/benchmarks.md,"
            + " \"Key churn\")."
      })
  static final class ChurnData implements Callable<Integer> {
    // The generator's shape for a file of its own; bench churn's defaults are its builder's.
    static final int DEFAULT_VESSELS = 1_000_000;
    static final int DEFAULT_ARRIVALS_PER_SECOND = 20;
    static final int DEFAULT_REPORTS = 3;
    static final int DEFAULT_INTERVAL_SECONDS = 600;
    static final int DEFAULT_TRAILER_MINUTES = 60;

    @Mixin private HelpOption help;

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "Output file; gzip if it ends in .gz.")
    private Path file;

    @Option(names = "--vessels", paramLabel = "N", defaultValue = "" + DEFAULT_VESSELS,
        description = "Distinct MMSIs (default: ${DEFAULT-VALUE}).")
    private int vessels;

    @Option(names = "--arrivalsPerSecond", paramLabel = "A",
        defaultValue = "" + DEFAULT_ARRIVALS_PER_SECOND,
        description = "New vessels per second of event time (default: ${DEFAULT-VALUE}).")
    private int arrivalsPerSecond;

    @Option(names = "--reports", paramLabel = "R", defaultValue = "" + DEFAULT_REPORTS,
        description = "Reports per vessel (default: ${DEFAULT-VALUE}).")
    private int reports;

    @Option(names = "--intervalSeconds", paramLabel = "S",
        defaultValue = "" + DEFAULT_INTERVAL_SECONDS,
        description = "Between a vessel's reports (default: ${DEFAULT-VALUE}).")
    private int intervalSeconds;

    @Option(names = "--trailerMinutes", paramLabel = "M",
        defaultValue = "" + DEFAULT_TRAILER_MINUTES,
        description = "One heartbeat line a minute afterwards (default: ${DEFAULT-VALUE}).")
    private int trailerMinutes;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      ChurnGenerator g = new ChurnGenerator(Checks.positive(spec, "--vessels", vessels),
          Checks.positive(spec, "--arrivalsPerSecond", arrivalsPerSecond),
          Checks.positive(spec, "--reports", reports),
          Duration.ofSeconds(Checks.positive(spec, "--intervalSeconds", intervalSeconds)),
          FleetGenerator.DEFAULT_START,
          Duration.ofMinutes(Checks.positive(spec, "--trailerMinutes", trailerMinutes)));
      g.write(file);
      Seawatch.of(spec).out.printf(Locale.ROOT,
          "wrote %s: %,d lines, about %,d vessels active at a time%n", file, g.lines(),
          g.activeVessels());
      return 0;
    }
  }

  @CommandLine.Command(
      name = "churn",
      sortOptions = false,
      sortSynopsis = false,
      defaultValueProvider = ListDefaults.class,
      description = {
        "Checkpoint size under key churn, and the recovery from a TaskManager kill",
        "",
        "Replays churn lines (as churn-data; reuses --topic if it holds exactly them), submits"
            + " the streaming ingest with the analytics to the Flink session cluster and every"
            + " --pollSeconds prints a CSV row: last completed checkpoint (full and incremental"
            + " size), committed lines, event time reached, MMSIs seen, vessels that should hold"
            + " state, bytes per vessel. Kills and restarts the TaskManager at --killAt of the"
            + " lines and times the recovery; ends with a condensed table, the steady-state"
            + " reading and the state per operator."
      })
  static final class Churn implements Callable<Integer> {
    @Mixin private HelpOption help;

    @Option(names = "--vessels", paramLabel = "N",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_VESSELS,
        description = "Distinct MMSIs (default: ${DEFAULT-VALUE}).")
    private long vessels;

    @Option(names = "--arrivalsPerSecond", paramLabel = "A",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_ARRIVALS_PER_SECOND,
        description = "New vessels per second of event time (default: ${DEFAULT-VALUE}).")
    private int arrivalsPerSecond;

    @Option(names = "--reports", paramLabel = "R",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_REPORTS,
        description = "Reports per vessel (default: ${DEFAULT-VALUE}).")
    private int reports;

    @Option(names = "--intervalSeconds", paramLabel = "S",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_INTERVAL_SECONDS,
        description = "Between a vessel's reports (default: ${DEFAULT-VALUE}).")
    private int intervalSeconds;

    @Option(names = "--trailerMinutes", paramLabel = "M",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_TRAILER_MINUTES,
        description = "One heartbeat line a minute afterwards (default: ${DEFAULT-VALUE}).")
    private int trailerMinutes;

    @Option(names = "--topic", paramLabel = "T", defaultValue = BenchChurn.Builder.DEFAULT_TOPIC,
        description = "Topic (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--partitions", paramLabel = "P",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_PARTITIONS,
        description = "Partitions of a new topic (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--vesselStateTtlDays", paramLabel = "D",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_VESSEL_STATE_TTL_DAYS,
        description = "Passed to the ingest and used to count the vessels that hold state"
            + " (default: ${DEFAULT-VALUE}); so are the next three.")
    private int vesselStateTtlDays;

    @Option(names = "--gapThresholdMinutes", paramLabel = "M",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_GAP_THRESHOLD_MINUTES,
        description = "(default: ${DEFAULT-VALUE})")
    private int gapThresholdMinutes;

    @Option(names = "--analyticsAllowedLatenessMinutes", paramLabel = "M",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_ALLOWED_LATENESS_MINUTES,
        description = "(default: ${DEFAULT-VALUE})")
    private int allowedLatenessMinutes;

    @Option(names = "--maxOutOfOrdernessSeconds", paramLabel = "S",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_MAX_OUT_OF_ORDERNESS_SECONDS,
        description = "(default: ${DEFAULT-VALUE})")
    private int maxOutOfOrdernessSeconds;

    @Option(names = "--ingestArgs", paramLabel = "ARGS",
        description = "More ingest options, separated by spaces (default:"
            + " '${DEFAULT-VALUE}').")
    private String ingestArgs;

    @Option(names = "--pollSeconds", paramLabel = "S",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_POLL_SECONDS,
        description = "Between two CSV rows (default: ${DEFAULT-VALUE}).")
    private int pollSeconds;

    @Option(names = "--killAt", paramLabel = "F",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_KILL_AT,
        description = "Kill the TaskManager at this share of the lines, in [0, 1); 0: no kill"
            + " (default: ${DEFAULT-VALUE}).")
    private double killAt;

    @Option(names = "--tableEverySeconds", paramLabel = "S",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_TABLE_EVERY_SECONDS,
        description = "Rows of the condensed table (default: ${DEFAULT-VALUE}).")
    private int tableEverySeconds;

    @Option(names = "--settleSeconds", paramLabel = "S",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_SETTLE_SECONDS,
        description = "Keep polling after the last line is committed (default:"
            + " ${DEFAULT-VALUE}).")
    private int settleSeconds;

    @Option(names = "--timeoutMinutes", paramLabel = "M",
        defaultValue = "" + BenchChurn.Builder.DEFAULT_TIMEOUT_MINUTES,
        description = "(default: ${DEFAULT-VALUE})")
    private int timeoutMinutes;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the CSV rows there.")
    private Path csv;

    @Mixin private Cluster cluster;

    @Option(names = "--keep", arity = "0..1", paramLabel = "true|false",
        description = "Keep the schema (churn_<id> in --jdbcUrl) and the consumer group.")
    private boolean keep;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintStream out = Seawatch.of(spec).out;
      out.print(BenchChurn.run(settings(), out).summary());
      return 0;
    }

    BenchChurn.Settings settings() {
      if (!(killAt >= 0 && killAt < 1)) {
        throw Checks.usage(spec, "--killAt takes a share of the lines in [0, 1) (0: no kill)");
      }
      if (vessels <= 0) {
        throw Checks.usage(spec, "--vessels must be a positive whole number, not '" + vessels
            + "'");
      }
      cluster.jdbc.target(); // a malformed URL is a usage error here, not after the replay
      BenchChurn.Builder b = BenchChurn.Settings.builder()
          .vessels(vessels)
          .arrivalsPerSecond(Checks.positive(spec, "--arrivalsPerSecond", arrivalsPerSecond))
          .reports(Checks.positive(spec, "--reports", reports))
          .intervalSeconds(Checks.positive(spec, "--intervalSeconds", intervalSeconds))
          .trailerMinutes(Checks.positive(spec, "--trailerMinutes", trailerMinutes))
          .topic(topic)
          .partitions(Checks.positive(spec, "--partitions", partitions))
          .vesselStateTtlDays(Checks.positive(spec, "--vesselStateTtlDays", vesselStateTtlDays))
          .gapThresholdMinutes(
              Checks.positive(spec, "--gapThresholdMinutes", gapThresholdMinutes))
          .allowedLatenessMinutes(Checks.positive(spec, "--analyticsAllowedLatenessMinutes",
              allowedLatenessMinutes))
          .maxOutOfOrdernessSeconds(
              Checks.positive(spec, "--maxOutOfOrdernessSeconds", maxOutOfOrdernessSeconds))
          .ingestArgs(ingestArgs(spec, ingestArgs))
          .pollSeconds(Checks.positive(spec, "--pollSeconds", pollSeconds))
          .killAt(killAt)
          .tableEverySeconds(Checks.positive(spec, "--tableEverySeconds", tableEverySeconds))
          .settleSeconds(Checks.positive(spec, "--settleSeconds", settleSeconds))
          .timeoutMinutes(Checks.positive(spec, "--timeoutMinutes", timeoutMinutes))
          .bootstrapServers(cluster.bootstrapServers)
          .jdbcUrl(cluster.jdbc.url)
          .jdbcUser(cluster.jdbc.user)
          .flinkRest(cluster.flinkRest)
          .keep(keep);
      if (cluster.repo != null) {
        b.repo(cluster.repo);
      }
      if (cluster.jar != null) {
        b.jar(cluster.jar);
      }
      if (cluster.stateDir != null) {
        b.stateDir(cluster.stateDir);
      }
      if (csv != null) {
        b.csv(csv);
      }
      return b.build();
    }
  }

  @CommandLine.Command(
      name = "latency",
      sortOptions = false,
      sortSynopsis = false,
      description = {
        "How soon alerts follow the input that decides them",
        "",
        "Generates a fleet with probe vessels that enter a geofence, start loitering and go dark"
            + " at known event times, submits the streaming ingest with the analytics and the"
            + " alert path to the Flink session cluster, publishes the lines at --rate for"
            + " --seconds and times each alert's first version from the sending of its deciding"
            + " line (decided_at) to the alerts topic and to vessel_event. Prints p50/p95/p99/max"
            + " per kind; the last line is 'latency p50=<ms> p95=<ms> p99=<ms> events=<n>' (end to"
            + " end: the later of the two arrivals). Exits 1 when no alert was measured"
            + " (docs/benchmarks.md, \"Latency\")."
      })
  static final class Latency implements Callable<Integer> {
    @Mixin private HelpOption help;

    @Option(names = "--rate", paramLabel = "N",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_RATE,
        description = "Lines per second, sent in 10 ms slices (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--seconds", paramLabel = "S",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_SECONDS,
        description = "How long to publish (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--partitions", paramLabel = "P",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_PARTITIONS,
        description = "Partitions of the AIS topic (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--parallelism", paramLabel = "P",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_PARALLELISM,
        description = "Of the job (default: ${DEFAULT-VALUE}).")
    private int parallelism;

    @Option(names = "--eventHours", paramLabel = "H",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_EVENT_HOURS,
        description = "Event time the fleet spans; --rate x --seconds lines cover about 87 %% of"
            + " it, the probes' decisions the first 80 %% (default: ${DEFAULT-VALUE}).")
    private int eventHours;

    @Option(names = "--probesPerKind", paramLabel = "N",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_PROBES_PER_KIND,
        description = "Probe vessels per measured kind, at most "
            + LatencyProbes.MAX_PER_KIND + " (default: ${DEFAULT-VALUE}).")
    private int probesPerKind;

    @Option(names = "--gapThresholdMinutes", paramLabel = "M",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_GAP_THRESHOLD_MINUTES,
        description = "Passed to the job, and where the gap probes are placed (default:"
            + " ${DEFAULT-VALUE}); so is the next one for the loitering probes.")
    private int gapThresholdMinutes;

    @Option(names = "--loiterMinDurationMinutes", paramLabel = "M",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_LOITER_MIN_DURATION_MINUTES,
        description = "(default: ${DEFAULT-VALUE})")
    private int loiterMinDurationMinutes;

    @Option(names = "--ingestArgs", paramLabel = "ARGS",
        description = "More ingest options, separated by spaces (e.g."
            + " '--maxBundleTimeMills=100').")
    private String ingestArgs;

    @Option(names = "--settleSeconds", paramLabel = "S",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_SETTLE_SECONDS,
        description = "After the last line, wait at most this long for the last alerts and rows"
            + " (default: ${DEFAULT-VALUE}).")
    private int settleSeconds;

    @Option(names = "--seed", paramLabel = "S",
        defaultValue = "" + BenchLatency.Builder.DEFAULT_SEED,
        description = "Fleet seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin private Cluster cluster;

    @Option(names = "--keepTaskManager", arity = "0..1", paramLabel = "true|false",
        description = "Do not restart the TaskManager first (the default restarts it:"
            + " SEAWATCH_FLINK_RPC_PORT must then match the cluster).")
    private boolean keepTaskManager;

    @Option(names = "--keep", arity = "0..1", paramLabel = "true|false",
        description = "Keep the schema (latency_<id> in --jdbcUrl), the topics and the consumer"
            + " group.")
    private boolean keep;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintStream out = Seawatch.of(spec).out;
      BenchLatency.Report report = BenchLatency.run(settings(), out);
      out.println();
      out.print(report.summary());
      out.println(report.lastLine());
      if (report.events() == 0) {
        throw new CommandFailure("no alert was measured end to end (on the alerts topic and in"
            + " vessel_event): see the counts above");
      }
      return 0;
    }

    BenchLatency.Settings settings() {
      if (probesPerKind < 1 || probesPerKind > LatencyProbes.MAX_PER_KIND) {
        throw Checks.usage(spec, "--probesPerKind must be in [1, " + LatencyProbes.MAX_PER_KIND
            + "], not '" + probesPerKind + "'");
      }
      cluster.jdbc.target(); // a malformed URL is a usage error here, not after the fleet
      BenchLatency.Builder b = BenchLatency.Settings.builder()
          .rate(Checks.positive(spec, "--rate", rate))
          .seconds(Checks.positive(spec, "--seconds", seconds))
          .partitions(Checks.positive(spec, "--partitions", partitions))
          .parallelism(Checks.positive(spec, "--parallelism", parallelism))
          .eventHours(Checks.positive(spec, "--eventHours", eventHours))
          .probesPerKind(probesPerKind)
          .gapThresholdMinutes(
              Checks.positive(spec, "--gapThresholdMinutes", gapThresholdMinutes))
          .loiterMinDurationMinutes(
              Checks.positive(spec, "--loiterMinDurationMinutes", loiterMinDurationMinutes))
          .ingestArgs(ingestArgs(spec, ingestArgs))
          .settleSeconds(Checks.nonNegative(spec, "--settleSeconds", settleSeconds))
          .seed(seed)
          .bootstrapServers(cluster.bootstrapServers)
          .jdbcUrl(cluster.jdbc.url)
          .jdbcUser(cluster.jdbc.user)
          .flinkRest(cluster.flinkRest)
          .keep(keep)
          .restartTaskManager(!keepTaskManager);
      if (cluster.repo != null) {
        b.repo(cluster.repo);
      }
      if (cluster.jar != null) {
        b.jar(cluster.jar);
      }
      if (cluster.stateDir != null) {
        b.stateDir(cluster.stateDir);
      }
      return b.build();
    }
  }

  /** {@code --ingestArgs='--a=b --c=d'}: ingest options separated by white space. */
  private static List<String> ingestArgs(CommandSpec spec, String value) {
    String extra = value == null ? "" : value.trim();
    List<String> args = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw Checks.usage(spec,
            "--ingestArgs takes ingest options (--name=value), not '" + a + "'");
      }
    }
    return args;
  }

  private static List<Integer> positives(CommandSpec spec, String option, List<Integer> values) {
    if (values.isEmpty() || values.stream().anyMatch(v -> v <= 0)) {
      throw Checks.usage(spec, option + " takes positive whole numbers separated by commas");
    }
    return List.copyOf(values);
  }
}
