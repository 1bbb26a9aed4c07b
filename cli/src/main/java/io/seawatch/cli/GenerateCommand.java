package io.seawatch.cli;

import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.GeneratedFleet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code seawatch generate --out=FILE [...]}: writes a deterministic synthetic fleet as NMEA lines
 * (gzip when FILE ends in .gz) and prints its manifest, the exact counts a decoder must produce.
 */
public final class GenerateCommand implements Command {
  private static final String USAGE = String.join("\n",
      "Usage: seawatch generate --out=FILE [options]",
      "Writes a synthetic AIS fleet (NMEA 4.0 lines with tag blocks) and prints its manifest.",
      "",
      "  --out=FILE       output file, required; gzip if it ends in .gz",
      "  --vessels=N      number of vessels (default 200)",
      "  --hours=H        duration in hours, decimals allowed (default 2)",
      "  --minutes=M      duration in minutes, instead of --hours",
      "  --seed=S         random seed (default 42): same seed, same bytes",
      "  --corrupt=SHARE  share of corrupt lines, 0 <= SHARE < 1 (default 0.01)",
      "  --scenarios=true merge in the named analytics scenarios (loitering, meeting, going",
      "                   dark, spoofed jump, shared MMSI, port call, feed stall) by event time;",
      "                   their port geofence: seawatch geofences --scenarios",
      "  --help           this text");

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "Write a synthetic fleet as an NMEA file (fixed seed)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    FleetGenerator.Builder builder = FleetGenerator.builder();
    Path file = null;
    Duration duration = null;
    boolean scenarios = false;
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new UserError("unknown argument '" + arg + "' (see --help)");
      }
      String key = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (key) {
        case "out" -> {
          if (value.isBlank()) {
            throw new UserError("--out needs a file name");
          }
          file = Path.of(value);
        }
        case "vessels" -> builder.vessels((int) parseLong(key, value, 0, 1_000_000));
        case "seed" -> builder.seed(parseLong(key, value, Long.MIN_VALUE, Long.MAX_VALUE));
        case "hours", "minutes" -> {
          if (duration != null) {
            throw new UserError("give either --hours or --minutes, once");
          }
          double d = parseDouble(key, value);
          long seconds = Math.round(d * (key.equals("hours") ? 3600 : 60));
          if (!(d > 0) || seconds < 1 || d > 24 * 366) {
            throw new UserError("--" + key + " must be positive (and at least one second): "
                + value);
          }
          duration = Duration.ofSeconds(seconds);
        }
        case "corrupt" -> {
          double share = parseDouble(key, value);
          if (!(share >= 0 && share < 1)) {
            throw new UserError("--corrupt must be in [0, 1): " + value);
          }
          builder.corruptShare(share);
        }
        case "scenarios" -> {
          if (!value.equals("true") && !value.equals("false")) {
            throw new UserError("--scenarios must be true or false: " + value);
          }
          scenarios = value.equals("true");
        }
        default -> throw new UserError("unknown option --" + key + " (see --help)");
      }
    }
    if (file == null) {
      throw new UserError("--out=FILE is required (see --help)");
    }
    if (duration != null) {
      builder.duration(duration);
    }
    if (scenarios) {
      builder.scenarios(AnalyticsScenarios.all());
    }
    GeneratedFleet fleet = builder.build().generate();
    try {
      fleet.write(file);
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + e, e);
    }
    out.println("wrote " + file);
    fleet.manifest().summary().forEach(out::println);
    if (scenarios) {
      java.util.SortedMap<String, Long> total = new java.util.TreeMap<>();
      for (AnalyticsScenario s : AnalyticsScenarios.all()) {
        out.println("scenario " + s.name() + ": lines " + s.reports().size() + ", MMSIs "
            + s.vessels() + ", expected events " + s.eventCounts());
        s.eventCounts().forEach((k, v) -> total.merge(k, v, Long::sum));
      }
      out.println("scenario events expected: " + total);
    }
    return 0;
  }

  private static long parseLong(String key, String value, long min, long max) {
    try {
      long v = Long.parseLong(value.trim());
      if (v < min || v > max) {
        throw new UserError("--" + key + " must be in [" + min + ", " + max + "]: " + value);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UserError("--" + key + " needs a whole number: '" + value + "'");
    }
  }

  private static double parseDouble(String key, String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new UserError("--" + key + " needs a number: '" + value + "'");
    }
  }
}
