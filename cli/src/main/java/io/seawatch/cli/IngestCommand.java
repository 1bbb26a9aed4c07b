package io.seawatch.cli;

import io.seawatch.ops.Ingest;
import io.seawatch.ops.RunnerProfiles;
import io.seawatch.pipelines.IngestPipeline;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code seawatch ingest}: runs {@link IngestPipeline} ({@link Ingest}) and reports its end. Beam's
 * PipelineOptions parse the pipeline's options (they are the job's interface); picocli owns only
 * help, {@code --help-beam} and {@code --verbose}, and hands every other argument on unparsed
 * after checking its name ({@link PipelineFlags}). The help lists the options by reflection from
 * the Options interfaces ({@code @Description}, {@code @Default}): nothing is repeated here.
 */
@CommandLine.Command(
    name = "ingest",
    sortOptions = false,
    optionListHeading = "%nOptions:%n",
    customSynopsis = {
      "seawatch ingest (--input=FILE | --bootstrapServers=HOST:PORT)",
      "                [--topic=T] [--bounded] [--jdbcUrl=URL] [--profile=NAME]",
      "                [--OPTION=VALUE...]"
    },
    description = {
      "Run the ingest pipeline: Kafka or file to Postgres",
      "",
      "Reads NMEA lines from Kafka or files, decodes them, runs the analytics and writes the"
          + " Postgres tables (migrating the schema first). Options are Beam pipeline options,"
          + " --name=value; a boolean also takes --name alone. The password is read from the"
          + " PGPASSWORD environment variable."
    })
public final class IngestCommand implements Callable<Integer> {
  /** Printed when the job was handed to a Flink cluster (ingest and submit). */
  static final String SUBMITTED = "ingest: submitted; the job runs on Flink until cancelled";

  /** The heading of each group of Seawatch's options, in the order of the help. */
  static final Map<Class<?>, String> GROUPS = groups();

  /** The runner flags users need (the demo's and the docs'), by heading; Beam describes them. */
  static final Map<String, List<String>> RUNNER_FLAGS = Map.of(
      "Runner", List.of("runner", RunnerProfiles.PROFILE_FLAG, RunnerProfiles.CONFIG_FLAG,
          "streaming", "jobName", "experiments"),
      "DirectRunner", List.of("targetParallelism", "enforceImmutability", "enforceEncodability",
          "blockOnRun"),
      "FlinkRunner", List.of("flinkMaster", "parallelism", "checkpointingInterval",
          "filesToStage", "savepointPath", "attachedMode", "maxBundleSize", "fasterCopy"));

  static final List<String> RUNNER_HEADINGS = List.of("Runner", "DirectRunner", "FlinkRunner");

  /** Ours, not Beam's: RunnerProfiles expands them before Beam parses. */
  static final Map<String, PipelineFlags.Flag> PROFILE_FLAGS = Map.of(
      RunnerProfiles.PROFILE_FLAG, new PipelineFlags.Flag(RunnerProfiles.PROFILE_FLAG, "=NAME",
          "Runner options of the profile NAME in " + RunnerProfiles.DIR + " (direct,"
              + " flink-local, flink-cluster); options on the command line override them", null),
      RunnerProfiles.CONFIG_FLAG, new PipelineFlags.Flag(RunnerProfiles.CONFIG_FLAG, "=FILE",
          "Runner options from a properties file of your own, instead of --profile", null));

  static final String HELP_BEAM = "--help-beam";
  private static final String SECTION_OPTIONS = "pipelineOptions";

  @Mixin private HelpOption help;

  @Option(names = HELP_BEAM, description = "Print Beam's full list of pipeline options and exit.")
  private boolean helpBeam;

  @Unmatched private List<String> args = new ArrayList<>();

  @Spec private CommandSpec spec;

  private static Map<Class<?>, String> groups() {
    Map<Class<?>, String> groups = new LinkedHashMap<>();
    groups.put(IngestPipeline.KafkaSourceOptions.class, "Kafka source");
    groups.put(IngestPipeline.FileSourceOptions.class, "File source");
    groups.put(IngestPipeline.JdbcSinkOptions.class, "Postgres sink");
    groups.put(IngestPipeline.DecodeOptions.class, "Decoding");
    groups.put(IngestPipeline.AnalyticsOptions.class, "Analytics");
    return groups;
  }

  /** The command with its generated help of the pipeline options. */
  static CommandLine line() {
    CommandLine line = new CommandLine(new IngestCommand());
    addOptionsHelp(line.getCommandSpec(), List.of());
    return line;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = Seawatch.of(spec).out;
    if (helpBeam) {
      PipelineOptionsFactory.printHelp(out, IngestPipeline.Options.class);
      return 0;
    }
    PipelineFlags.check(spec, args, PipelineFlags.names());
    IngestPipeline.Options options =
        PipelineFlags.parse(spec, RunnerProfiles.expand(args, out));
    if ((options.getInput() == null) == (options.getBootstrapServers() == null)) {
      throw Checks.usage(spec, options.getInput() == null
          ? "give --input=FILE or --bootstrapServers=HOST:PORT"
          : "give either --input or --bootstrapServers, not both");
    }
    JdbcOptions.target(spec, options.getJdbcUrl(), options.getJdbcUser());
    Ingest.Report report = Ingest.run(options, out);
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

  /**
   * Adds the groups of pipeline options after the command's own options, and a last line naming
   * {@code --help-beam}.
   *
   * @param leaveOut runner flags the command does not take
   */
  static void addOptionsHelp(CommandSpec spec, List<String> leaveOut) {
    UsageMessageSpec usage = spec.usageMessage();
    usage.sectionMap().put(SECTION_OPTIONS, help -> optionsHelp(help, leaveOut));
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1, SECTION_OPTIONS);
    usage.sectionKeys(keys);
    usage.footer("", "Beam's full list of pipeline options: seawatch ingest " + HELP_BEAM);
  }

  private static String optionsHelp(Help help, List<String> leaveOut) {
    StringBuilder text = new StringBuilder();
    GROUPS.forEach((options, heading) ->
        text.append(group(help, heading + ":", PipelineFlags.declaredBy(options))));
    for (String heading : RUNNER_HEADINGS) {
      List<PipelineFlags.Flag> flags = new ArrayList<>();
      for (String name : RUNNER_FLAGS.get(heading)) {
        if (!leaveOut.contains(name)) {
          flags.add(PROFILE_FLAGS.containsKey(name) ? PROFILE_FLAGS.get(name)
              : PipelineFlags.find(name).orElseThrow(
                  () -> new IllegalStateException("no Beam option --" + name)));
        }
      }
      text.append(group(help, heading + ":", flags));
    }
    return text.toString();
  }

  private static String group(Help help, String heading, List<PipelineFlags.Flag> flags) {
    int width = help.commandSpec().usageMessage().width();
    int first = 32;
    TextTable table = TextTable.forColumns(help.colorScheme(),
        new Help.Column(first, 2, Help.Column.Overflow.SPAN),
        new Help.Column(width - first, 1, Help.Column.Overflow.WRAP));
    for (PipelineFlags.Flag f : flags) {
      String description = f.description().strip();
      if (description.endsWith(".")) {
        description = description.substring(0, description.length() - 1);
      }
      description += (f.defaultValue() == null ? "" : " (default: " + f.defaultValue() + ")") + ".";
      // A name longer than the column spans it, its description starts on the next line.
      table.addRowValues("--" + f.name() + f.type(), description);
    }
    return System.lineSeparator() + heading + System.lineSeparator() + table;
  }
}
