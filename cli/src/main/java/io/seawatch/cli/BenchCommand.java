package io.seawatch.cli;

import io.seawatch.db.JdbcTarget;
import io.seawatch.harness.BenchChurn;
import io.seawatch.harness.BenchScaling;
import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.OperatorError;
import io.seawatch.testdata.ChurnGenerator;
import io.seawatch.testdata.FleetGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code seawatch bench scaling | churn | churn-data}: parses the flags, runs {@link BenchScaling}
 * or {@link BenchChurn} and prints their reports (docs/benchmarks.md); {@code churn-data} writes
 * the churn input with {@link ChurnGenerator}.
 */
public final class BenchCommand implements Command {
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
    if (!args.get(0).equals("churn") && !args.get(0).equals("scaling")) {
      throw new UserError("unknown benchmark '" + args.get(0)
          + "' (known: scaling, churn-data, churn)");
    }
    boolean churn = args.get(0).equals("churn");
    try {
      if (churn) {
        BenchChurn.Settings s = churnSettings(args.subList(1, args.size()));
        if (s == null) {
          usage(out);
          return 0;
        }
        out.print(BenchChurn.run(s, out).summary());
        return 0;
      }
      BenchScaling.Settings s = scalingSettings(args.subList(1, args.size()));
      if (s == null) {
        usage(out);
        return 0;
      }
      BenchScaling.Report report = BenchScaling.run(s, out);
      out.println();
      out.println(report.table());
      if (report.rawBest() > 0) {
        out.printf(Locale.ROOT, "raw limit (best raw row): %,.0f lines/s%n", report.rawBest());
      }
      return 0;
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
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

  /** The settings of {@code bench scaling}, or null when help was asked for. */
  static BenchScaling.Settings scalingSettings(List<String> args) {
    Flags f = Flags.parse("bench", args,
        Set.of("messages", "partitions", "parallelism", "rawThreads", "ingestArgs",
            "stackSamples", "bootstrapServers", "jdbcUrl", "jdbcUser", "flinkRest", "stateDir",
            "kafkaDir", "repo", "jar", "seed", "timeoutMinutes"),
        Set.of("skipRaw", "skipFlink", "analytics", "keep", "keepTaskManager", "help"));
    if (f.has("help")) {
      return null;
    }
    BenchScaling.Builder b = BenchScaling.Settings.builder()
        .messages(f.positiveInt("messages", BenchScaling.Builder.DEFAULT_MESSAGES))
        .partitions(intList(f, "partitions", BenchScaling.Builder.DEFAULT_PARTITIONS))
        .parallelisms(intList(f, "parallelism", BenchScaling.Builder.DEFAULT_PARALLELISMS))
        .rawThreads(f.positiveInt("rawThreads", BenchScaling.Builder.DEFAULT_RAW_THREADS))
        .skipRaw(f.has("skipRaw"))
        .skipFlink(f.has("skipFlink"))
        .ingestArgs(ingestArgs(f, ""))
        .analytics(f.has("analytics"))
        .stackSamples(f.has("stackSamples") ? f.positiveInt("stackSamples", 1) : 0)
        .bootstrapServers(f.string("bootstrapServers", KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS))
        .jdbcUrl(f.string("jdbcUrl", JdbcTarget.DEFAULT_URL))
        .jdbcUser(f.string("jdbcUser", JdbcTarget.DEFAULT_USER))
        .flinkRest(f.string("flinkRest", FlinkRest.DEFAULT_URL))
        .seed(Long.parseLong(
            f.string("seed", Long.toString(BenchScaling.Builder.DEFAULT_SEED))))
        .timeoutMinutes(
            f.positiveInt("timeoutMinutes", BenchScaling.Builder.DEFAULT_TIMEOUT_MINUTES))
        .keep(f.has("keep"))
        .restartTaskManager(!f.has("keepTaskManager"));
    paths(f, b::repo, "repo");
    paths(f, b::jar, "jar");
    paths(f, b::stateDir, "stateDir");
    paths(f, b::kafkaDir, "kafkaDir");
    return b.build();
  }

  /** The settings of {@code bench churn}, or null when help was asked for. */
  static BenchChurn.Settings churnSettings(List<String> args) {
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
    double killAt;
    try {
      killAt = Double.parseDouble(
          f.string("killAt", Double.toString(BenchChurn.Builder.DEFAULT_KILL_AT)));
    } catch (NumberFormatException e) {
      killAt = -1;
    }
    if (!(killAt >= 0 && killAt < 1)) {
      throw f.error("--killAt takes a share of the lines in [0, 1) (0: no kill)");
    }
    BenchChurn.Builder b = BenchChurn.Settings.builder()
        .vessels(f.positiveInt("vessels", (int) BenchChurn.Builder.DEFAULT_VESSELS))
        .arrivalsPerSecond(f.positiveInt("arrivalsPerSecond",
            BenchChurn.Builder.DEFAULT_ARRIVALS_PER_SECOND))
        .reports(f.positiveInt("reports", BenchChurn.Builder.DEFAULT_REPORTS))
        .intervalSeconds(f.positiveInt("intervalSeconds",
            BenchChurn.Builder.DEFAULT_INTERVAL_SECONDS))
        .trailerMinutes(f.positiveInt("trailerMinutes",
            BenchChurn.Builder.DEFAULT_TRAILER_MINUTES))
        .topic(f.string("topic", BenchChurn.Builder.DEFAULT_TOPIC))
        .partitions(f.positiveInt("partitions", BenchChurn.Builder.DEFAULT_PARTITIONS))
        .vesselStateTtlDays(f.positiveInt("vesselStateTtlDays",
            BenchChurn.Builder.DEFAULT_VESSEL_STATE_TTL_DAYS))
        .gapThresholdMinutes(f.positiveInt("gapThresholdMinutes",
            BenchChurn.Builder.DEFAULT_GAP_THRESHOLD_MINUTES))
        .allowedLatenessMinutes(f.positiveInt("analyticsAllowedLatenessMinutes",
            BenchChurn.Builder.DEFAULT_ALLOWED_LATENESS_MINUTES))
        .maxOutOfOrdernessSeconds(f.positiveInt("maxOutOfOrdernessSeconds",
            BenchChurn.Builder.DEFAULT_MAX_OUT_OF_ORDERNESS_SECONDS))
        .ingestArgs(ingestArgs(f, String.join(" ", BenchChurn.Builder.DEFAULT_INGEST_ARGS)))
        .pollSeconds(f.positiveInt("pollSeconds", BenchChurn.Builder.DEFAULT_POLL_SECONDS))
        .killAt(killAt)
        .tableEverySeconds(f.positiveInt("tableEverySeconds",
            BenchChurn.Builder.DEFAULT_TABLE_EVERY_SECONDS))
        .settleSeconds(f.positiveInt("settleSeconds", BenchChurn.Builder.DEFAULT_SETTLE_SECONDS))
        .timeoutMinutes(f.positiveInt("timeoutMinutes",
            BenchChurn.Builder.DEFAULT_TIMEOUT_MINUTES))
        .bootstrapServers(f.string("bootstrapServers", KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS))
        .jdbcUrl(f.string("jdbcUrl", JdbcTarget.DEFAULT_URL))
        .jdbcUser(f.string("jdbcUser", JdbcTarget.DEFAULT_USER))
        .flinkRest(f.string("flinkRest", FlinkRest.DEFAULT_URL))
        .keep(f.has("keep"));
    paths(f, b::repo, "repo");
    paths(f, b::jar, "jar");
    paths(f, b::stateDir, "stateDir");
    paths(f, b::csv, "csv");
    return b.build();
  }

  private static void paths(Flags f, Consumer<Path> setter, String name) {
    if (f.has(name)) {
      setter.accept(Path.of(f.string(name, "")));
    }
  }

  private static List<String> ingestArgs(Flags f, String dflt) {
    String extra = f.string("ingestArgs", dflt).trim();
    List<String> args = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw f.error("--ingestArgs takes ingest options (--name=value), not '" + a + "'");
      }
    }
    return args;
  }

  private static List<Integer> intList(Flags f, String name, List<Integer> dflt) {
    if (!f.has(name)) {
      return dflt;
    }
    List<Integer> values = new ArrayList<>();
    for (String part : f.string(name, "").split(",")) {
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
        "  --bootstrapServers=HOST:PORT  (default " + KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS + ")",
        "  --jdbcUrl=URL           base URL; one schema per run is created in it and dropped",
        "  --jdbcUser=USER         (default postgres; password from PGPASSWORD)",
        "  --flinkRest=URL         (default " + FlinkRest.DEFAULT_URL + ")",
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
}
