package io.seawatch.cli;

import io.seawatch.ops.Ingest;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.RunnerProfiles;
import io.seawatch.pipelines.IngestPipeline;
import java.io.PrintStream;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** {@code seawatch ingest}: runs {@link IngestPipeline} ({@link Ingest}) and reports its end. */
public final class IngestCommand implements Command {
  /** Printed when the job was handed to a Flink cluster (ingest and submit). */
  static final String SUBMITTED = "ingest: submitted; the job runs on Flink until cancelled";

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
    try {
      return ingest(args, out);
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static int ingest(List<String> args, PrintStream out) throws Exception {
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
    Ingest.Report report = Ingest.run(Ingest.options(args), out);
    if (report.submitted()) {
      out.println(SUBMITTED);
      return 0;
    }
    Ingest.Counts c = report.counts();
    out.printf("ingest: %s after %.1f s: %,d lines in = %,d lines in %,d decoded messages"
            + " + %,d dead letters%s%n",
        report.state(), report.seconds(), c.linesIn(), c.linesDecoded(), c.messages(),
        c.deadLetters(), c.reconciles() ? "" : "  (DOES NOT RECONCILE)");
    return report.succeeded() ? 0 : 1;
  }
}
