package io.seawatch.cli;

import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.GeneratedFleet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch generate --out=FILE [...]}: writes a deterministic synthetic fleet as NMEA lines
 * (gzip when FILE ends in .gz) and prints its manifest, the exact counts a decoder must produce.
 * The defaults are the generator's own ({@link FleetGenerator}).
 */
@CommandLine.Command(
    name = "generate",
    sortOptions = false,
    sortSynopsis = false,
    description = {
      "Write a synthetic fleet as an NMEA file (fixed seed).",
      "",
      "Writes a synthetic AIS fleet (NMEA 4.0 lines with tag blocks) and prints its manifest."
    })
public final class GenerateCommand implements Callable<Integer> {
  private static final long MAX_SECONDS = 366L * 24 * 3600;

  @Mixin private HelpOption help;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Output file; gzip if it ends in .gz.")
  private Path file;

  @Option(
      names = "--vessels",
      paramLabel = "N",
      defaultValue = "" + FleetGenerator.DEFAULT_VESSELS,
      description = "Number of vessels (default: ${DEFAULT-VALUE}).")
  private int vessels;

  @ArgGroup(exclusive = true)
  private Span span;

  /** The duration: hours or minutes, not both. */
  static final class Span {
    @Option(
        names = "--hours",
        paramLabel = "H",
        description = "Duration in hours, decimals allowed (default: "
            + FleetGenerator.DEFAULT_HOURS + ").")
    Double hours;

    @Option(
        names = "--minutes",
        paramLabel = "M",
        description = "Duration in minutes, instead of --hours.")
    Double minutes;
  }

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "" + FleetGenerator.DEFAULT_SEED,
      description = "Random seed (default: ${DEFAULT-VALUE}): same seed, same bytes.")
  private long seed;

  @Option(
      names = "--corrupt",
      paramLabel = "SHARE",
      defaultValue = "" + FleetGenerator.DEFAULT_CORRUPT_SHARE,
      description = "Share of corrupt lines, 0 <= SHARE < 1 (default: ${DEFAULT-VALUE}).")
  private double corrupt;

  @Option(
      names = "--scenarios",
      arity = "0..1",
      paramLabel = "true|false",
      description = "Merge in the named analytics scenarios (loitering, meeting, going dark,"
          + " spoofed jump, shared MMSI, port call, feed stall) by event time; their port"
          + " geofence: seawatch geofences --scenarios.")
  private boolean scenarios;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintStream out = Seawatch.of(spec).out;
    FleetGenerator.Builder builder = FleetGenerator.builder();
    if (file.toString().isBlank()) {
      throw usage("--out needs a file name");
    }
    if (vessels < 0 || vessels > 1_000_000) {
      throw usage("--vessels must be in [0, 1000000]: " + vessels);
    }
    builder.vessels(vessels).seed(seed);
    if (span != null) {
      String option = span.hours != null ? "--hours" : "--minutes";
      double d = span.hours != null ? span.hours : span.minutes;
      long seconds = Math.round(d * (span.hours != null ? 3600 : 60));
      if (!(d > 0) || seconds < 1 || seconds > MAX_SECONDS) {
        throw usage(option + " must be at least one second and at most 366 days: " + d);
      }
      builder.duration(Duration.ofSeconds(seconds));
    }
    if (!(corrupt >= 0 && corrupt < 1)) {
      throw usage("--corrupt must be in [0, 1): " + corrupt);
    }
    builder.corruptShare(corrupt);
    if (scenarios) {
      builder.scenarios(AnalyticsScenarios.all());
    }
    GeneratedFleet fleet = builder.build().generate();
    try {
      fleet.write(file);
    } catch (IOException e) {
      throw new CommandFailure("cannot write " + file + ": " + e, e);
    }
    out.println("wrote " + file);
    fleet.manifest().summary().forEach(out::println);
    if (scenarios) {
      SortedMap<String, Long> total = new TreeMap<>();
      for (AnalyticsScenario s : AnalyticsScenarios.all()) {
        out.println("scenario " + s.name() + ": lines " + s.reports().size() + ", MMSIs "
            + s.vessels() + ", expected events " + s.eventCounts());
        s.eventCounts().forEach((k, v) -> total.merge(k, v, Long::sum));
      }
      out.println("scenario events expected: " + total);
    }
    return 0;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
