package io.seawatch.cli;

import io.seawatch.pipelines.IngestPipeline;
import io.seawatch.beam.IngestMetrics;
import io.seawatch.beam.ReadAisFromFiles;
import io.seawatch.beam.ReadAisFromKafka;
import io.seawatch.beam.ReadAisFromKafka.PartitionRange;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.MigrationException;
import io.seawatch.db.Migrations;
import java.sql.SQLException;
import io.seawatch.model.RawLine;
import java.io.IOException;
import java.io.PrintStream;
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

/** {@code seawatch ingest}: runs {@link IngestPipeline} and reports progress until it ends. */
public final class IngestCommand implements Command {
  private static final java.time.Duration KAFKA_TIMEOUT = java.time.Duration.ofSeconds(10);
  private static final Duration PROGRESS_EVERY = Duration.standardSeconds(2);
  private static final long QUIET_PROGRESS_NANOS = 30_000_000_000L;

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String summary() {
    return "Run the ingest pipeline: Kafka or file to Postgres";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    args = RunnerProfiles.expand(args, out); // --profile=NAME / --runnerConfig=FILE
    if (args.contains("--help") || args.contains("-h")) {
      out.println("Usage: seawatch ingest (--input=FILE | --bootstrapServers=HOST:PORT [--topic=T]"
          + " [--bounded]) [--jdbcUrl=URL] [--jdbcUser=USER] [--runner=DirectRunner|FlinkRunner]"
          + " [--profile=direct|flink-local|flink-cluster | --runnerConfig=FILE]");
      out.println("The Postgres password is read from the PGPASSWORD environment variable.");
      out.println();
      PipelineOptionsFactory.printHelp(out, IngestPipeline.Options.class);
      return 0;
    }
    IngestPipeline.Options options;
    try {
      options = PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
          .withValidation()
          .as(IngestPipeline.Options.class);
    } catch (IllegalArgumentException e) {
      throw new UserError(firstLine(e.getMessage()));
    }
    PTransform<PBegin, PCollection<RawLine>> source = source(options);
    JdbcTarget target = JdbcTargets.of(options.getJdbcUrl(), options.getJdbcUser());
    migrate(target, out);

    boolean direct = options.getRunner().getSimpleName().equals("DirectRunner");
    if (direct) {
      // Return from run() at once so that progress can be printed while it works.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    Pipeline pipeline = Pipeline.create(options);
    SeawatchCoders.registerOn(pipeline);
    IngestPipeline.buildPipeline(pipeline, source, target, options);

    out.println("ingest: " + describe(options) + " -> " + target.redactedUrl()
        + " on " + options.getRunner().getSimpleName());
    // Timed from here: the Flink runner in local mode runs a bounded job inside run().
    long started = System.nanoTime();
    PipelineResult result = pipeline.run();
    if (!direct && result.getState() == PipelineResult.State.RUNNING
        && options.getRunner().getSimpleName().equals("FlinkRunner")) {
      out.println("ingest: submitted; the job runs on Flink until cancelled");
      return 0;
    }
    return follow(result, started, out);
  }

  private static int follow(PipelineResult result, long started, PrintStream out) {
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
      if (c.linesIn == lastLines && now - lastNanos < QUIET_PROGRESS_NANOS) {
        continue; // counters move when bundles commit; say nothing new until they do
      }
      double rate = (c.linesIn - lastLines) / ((now - lastNanos) / 1e9);
      out.printf("ingest: %,d lines (%,.0f/s), %,d messages, %,d dead letters%n",
          c.linesIn, rate, c.messages, c.deadLetters);
      lastLines = c.linesIn;
      lastNanos = now;
    }
    Counts c = Counts.of(result);
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf("ingest: %s after %.1f s: %,d lines in = %,d lines in %,d decoded messages + %,d dead letters%s%n",
        state, seconds, c.linesIn, c.linesDecoded, c.messages, c.deadLetters,
        c.linesIn == c.linesDecoded + c.deadLetters ? "" : "  (DOES NOT RECONCILE)");
    return state == PipelineResult.State.DONE ? 0 : 1;
  }

  private static PTransform<PBegin, PCollection<RawLine>> source(IngestPipeline.Options options)
      throws IOException {
    if (options.getInput() != null && options.getBootstrapServers() != null) {
      throw new UserError("give either --input or --bootstrapServers, not both");
    }
    if (options.getInput() != null) {
      MatchResult match =
          FileSystems.match(options.getInput(), EmptyMatchTreatment.ALLOW);
      if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
        throw new UserError("no file matches --input=" + options.getInput());
      }
      return ReadAisFromFiles.from(options.getInput());
    }
    if (options.getBootstrapServers() == null) {
      throw new UserError("give --input=FILE or --bootstrapServers=HOST:PORT (see --help)");
    }
    List<PartitionRange> ranges =
        KafkaTopics.partitionRanges(options.getBootstrapServers(), options.getTopic(), KAFKA_TIMEOUT);
    ReadAisFromKafka read =
        options.getBounded()
            ? ReadAisFromKafka.bounded(options.getBootstrapServers(), options.getTopic(), ranges)
            : ReadAisFromKafka.unbounded(
                options.getBootstrapServers(), options.getTopic(), options.getConsumerGroup());
    return read.withMaxOutOfOrderness(Duration.standardSeconds(options.getMaxOutOfOrdernessSeconds()))
        .withIdleTimeout(Duration.standardSeconds(options.getIdleTimeoutSeconds()));
  }

  /** Creates or upgrades the tables before the pipeline starts: a bad URL fails in one line. */
  private static void migrate(JdbcTarget target, PrintStream out) {
    Migrations.Result result;
    try {
      result = Migrations.builtIn().migrate(target);
    } catch (MigrationException e) {
      throw new UserError(e.getMessage());
    } catch (SQLException e) {
      throw new UserError("cannot use " + target.redactedUrl() + ": " + target.describe(e));
    }
    long applied = result.applied().stream().filter(Migrations.AppliedMigration::now).count();
    out.println("ingest: schema " + result.schema() + " at version "
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

  /** The reconciliation counters of a (running or finished) pipeline. */
  record Counts(long linesIn, long linesDecoded, long messages, long deadLetters) {
    static Counts of(PipelineResult result) {
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
}
