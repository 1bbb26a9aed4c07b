package io.seawatch.ops;

import io.seawatch.beam.IngestMetrics;
import io.seawatch.beam.ReadAisFromFiles;
import io.seawatch.beam.ReadAisFromKafka;
import io.seawatch.beam.ReadAisFromKafka.PartitionRange;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.MigrationException;
import io.seawatch.db.Migrations;
import io.seawatch.model.RawLine;
import io.seawatch.pipelines.IngestPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Runs {@link IngestPipeline} from this process: parses its options, migrates the target, builds
 * and runs the pipeline, and follows it until it ends (or returns once a Flink cluster has the
 * job). Progress goes to the caller's stream, one {@code ingest: ...} line at a time; the result
 * is a {@link Report} with the reconciliation counts.
 */
public final class Ingest {
  private static final java.time.Duration KAFKA_TIMEOUT = java.time.Duration.ofSeconds(10);
  private static final Duration PROGRESS_EVERY = Duration.standardSeconds(2);
  private static final long QUIET_PROGRESS_NANOS = 30_000_000_000L;

  private Ingest() {}

  /** The reconciliation counters of a (running or finished) pipeline. */
  public record Counts(long linesIn, long linesDecoded, long messages, long deadLetters) {
    /** Every line in is a decoded line or a dead letter. */
    public boolean reconciles() {
      return linesIn == linesDecoded + deadLetters;
    }

    public static Counts of(PipelineResult result) {
      return new Counts(
          counter(result, IngestMetrics.LINES_IN),
          counter(result, IngestMetrics.LINES_DECODED),
          counter(result, IngestMetrics.MESSAGES_DECODED),
          counter(result, IngestMetrics.DEAD_LETTERS));
    }

    private static long counter(PipelineResult result, String name) {
      MetricQueryResults q =
          result.metrics().queryMetrics(
              MetricsFilter.builder()
                  .addNameFilter(MetricNameFilter.named(IngestMetrics.NAMESPACE, name))
                  .build());
      long sum = 0;
      for (MetricResult<Long> r : q.getCounters()) {
        Long v;
        try {
          v = r.getCommitted();
        } catch (UnsupportedOperationException e) {
          v = r.getAttempted();
        }
        sum += v == null ? 0 : v;
      }
      return sum;
    }
  }

  /**
   * How a run ended. {@code submitted}: the job runs on a Flink cluster and was left there
   * ({@code state} RUNNING, counts empty); otherwise {@code state} is terminal and the counts are
   * final.
   */
  public record Report(PipelineResult.State state, Counts counts, double seconds,
      boolean submitted) {
    /** Ended DONE, or handed to the cluster. */
    public boolean succeeded() {
      return submitted || state == PipelineResult.State.DONE;
    }
  }

  /**
   * Beam's options of the ingest from {@code --name=value} arguments (runner profiles already
   * expanded: {@link RunnerProfiles#expand}).
   *
   * @throws OperatorError for an unknown or malformed option (its first line)
   */
  public static IngestPipeline.Options options(List<String> args) {
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
          .withValidation()
          .as(IngestPipeline.Options.class);
    } catch (IllegalArgumentException e) {
      throw new OperatorError(firstLine(e.getMessage()));
    }
  }

  /** Migrates the target, runs the pipeline and follows it; progress lines to {@code log}. */
  public static Report run(IngestPipeline.Options options, PrintStream log) throws IOException {
    PTransform<PBegin, PCollection<RawLine>> source = source(options);
    JdbcTarget target;
    try {
      target = JdbcTarget.of(options.getJdbcUrl(), options.getJdbcUser());
    } catch (IllegalArgumentException e) {
      throw new OperatorError("invalid --jdbcUrl: " + e.getMessage());
    }
    migrate(target, log);
    prepareAlertsTopic(options, log);

    String runner = options.getRunner().getSimpleName();
    boolean direct = runner.equals("DirectRunner");
    if (direct) {
      // Return from run() at once so that progress can be reported while it works.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    Pipeline pipeline = Pipeline.create(options);
    SeawatchCoders.registerOn(pipeline);
    IngestPipeline.buildPipeline(pipeline, source, target, options);

    log.println("ingest: " + describe(options) + " -> " + target.redactedUrl() + " on " + runner);
    // Timed from here: the Flink runner in local mode runs a bounded job inside run().
    long started = System.nanoTime();
    PipelineResult result = pipeline.run();
    if (!direct && result.getState() == PipelineResult.State.RUNNING
        && runner.equals("FlinkRunner")) {
      return new Report(PipelineResult.State.RUNNING, new Counts(0, 0, 0, 0),
          (System.nanoTime() - started) / 1e9, true);
    }
    return follow(result, started, log);
  }

  private static Report follow(PipelineResult result, long started, PrintStream log) {
    long lastLines = 0;
    long lastNanos = started;
    PipelineResult.State state;
    while (true) {
      state = result.waitUntilFinish(PROGRESS_EVERY);
      if (state != null && state.isTerminal()) {
        break;
      }
      Counts c = Counts.of(result);
      long now = System.nanoTime();
      if (c.linesIn() == lastLines && now - lastNanos < QUIET_PROGRESS_NANOS) {
        continue; // counters move when bundles commit; say nothing new until they do
      }
      double rate = (c.linesIn() - lastLines) / ((now - lastNanos) / 1e9);
      log.printf("ingest: %,d lines (%,.0f/s), %,d messages, %,d dead letters%n",
          c.linesIn(), rate, c.messages(), c.deadLetters());
      lastLines = c.linesIn();
      lastNanos = now;
    }
    return new Report(state, Counts.of(result), (System.nanoTime() - started) / 1e9, false);
  }

  /** Partitions of an alerts topic this creates: alerts are few, one partition keeps them in order. */
  public static final int ALERTS_PARTITIONS = 1;

  /**
   * Creates the alerts topic when the job publishes to it ({@link IngestPipeline#publishesAlerts});
   * brokers need not create topics on first use (ours do not), so create it here, unlimited
   * retention: a consumer reading it from the beginning ends with the alert table.
   */
  private static void prepareAlertsTopic(IngestPipeline.Options options, PrintStream log) {
    if (IngestPipeline.publishesAlerts(options)) {
      KafkaTopics.prepareTopic(
          options.getBootstrapServers(), options.getAlertsTopic(), ALERTS_PARTITIONS, log);
    }
  }

  private static PTransform<PBegin, PCollection<RawLine>> source(IngestPipeline.Options options)
      throws IOException {
    if (options.getInput() != null && options.getBootstrapServers() != null) {
      throw new OperatorError("give either --input or --bootstrapServers, not both");
    }
    if (options.getInput() != null) {
      MatchResult match =
          FileSystems.match(options.getInput(), EmptyMatchTreatment.ALLOW);
      if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
        throw new OperatorError("no file matches --input=" + options.getInput());
      }
      return ReadAisFromFiles.from(options.getInput());
    }
    if (options.getBootstrapServers() == null) {
      throw new OperatorError("give --input=FILE or --bootstrapServers=HOST:PORT (see --help)");
    }
    List<PartitionRange> ranges = KafkaTopics.partitionRanges(
        options.getBootstrapServers(), options.getTopic(), KAFKA_TIMEOUT);
    ReadAisFromKafka read =
        options.getBounded()
            ? ReadAisFromKafka.bounded(options.getBootstrapServers(), options.getTopic(), ranges)
            : ReadAisFromKafka.unbounded(
                options.getBootstrapServers(), options.getTopic(), options.getConsumerGroup());
    read =
        read.withMaxOutOfOrderness(Duration.standardSeconds(options.getMaxOutOfOrdernessSeconds()))
            .withIdleTimeout(Duration.standardSeconds(options.getIdleTimeoutSeconds()));
    return options.getBounded()
        ? read
        : read.withMaxWatermarkStep(
            options.getMaxWatermarkStepMinutes() > 0
                ? Duration.standardMinutes(options.getMaxWatermarkStepMinutes())
                : null);
  }

  /** Creates or upgrades the tables before the pipeline starts: a bad URL fails in one line. */
  private static void migrate(JdbcTarget target, PrintStream log) {
    Migrations.Result result;
    try {
      result = Migrations.builtIn().migrate(target);
    } catch (MigrationException e) {
      throw new OperatorError(e.getMessage());
    } catch (SQLException e) {
      throw new OperatorError("cannot use " + target.redactedUrl() + ": " + target.describe(e));
    }
    long applied = result.applied().stream().filter(Migrations.AppliedMigration::now).count();
    log.println("ingest: schema " + result.schema() + " at version "
        + result.applied().get(result.applied().size() - 1).version()
        + (applied > 0 ? " (" + applied + " migrations applied now)" : ""));
  }

  private static String describe(IngestPipeline.Options options) {
    if (options.getInput() != null) {
      return options.getInput();
    }
    return "kafka " + options.getBootstrapServers() + "/" + options.getTopic()
        + (options.getBounded() ? " (up to the end offsets at start)" : " (following)");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid options";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
