package io.seawatch.bench;

import io.seawatch.testdata.FleetGenerator;
import io.seawatch.testdata.GeneratedFleet;
import io.seawatch.testdata.Scenarios;
import java.util.List;

/**
 * The benchmark inputs: the first {@link #LINES} lines of a deterministic synthetic fleet (seed
 * 42, 200 vessels, 2 h of the North Sea; see {@code FleetGenerator}). Every variant has exactly
 * {@link #LINES} lines so that one benchmark invocation is always {@link #LINES} sentences.
 */
public final class Corpus {
  /** Lines per corpus (the default fleet has 155,160, the clean one 153,608). */
  public static final int LINES = 150_000;

  /** {@code Scenarios.defaultFleet()}: tag blocks on every line, 1 % corrupt, 3.7 % multipart. */
  public static final String MIXED = "mixed";

  /** The same fleet without corrupt lines ({@code corruptShare(0)}). */
  public static final String CLEAN = "clean";

  /** {@link #CLEAN} with the tag blocks stripped: bare {@code !AIVDM} sentences. */
  public static final String BARE = "bare";

  private Corpus() {}

  public static String[] lines(String name) {
    GeneratedFleet fleet;
    switch (name) {
      case MIXED:
        fleet = Scenarios.defaultFleet();
        break;
      case CLEAN:
      case BARE:
        fleet = FleetGenerator.builder().corruptShare(0).build().generate();
        break;
      default:
        throw new IllegalArgumentException("unknown corpus: " + name);
    }
    List<String> all = fleet.lines();
    if (all.size() < LINES) {
      throw new IllegalStateException(name + " has only " + all.size() + " lines");
    }
    String[] out = new String[LINES];
    for (int i = 0; i < LINES; i++) {
      String line = all.get(i);
      out[i] = BARE.equals(name) ? stripTagBlock(line) : line;
    }
    return out;
  }

  /** The line without a leading {@code \...\} tag block. */
  static String stripTagBlock(String line) {
    if (line.isEmpty() || line.charAt(0) != '\\') {
      return line;
    }
    int close = line.indexOf('\\', 1);
    return close < 0 ? line : line.substring(close + 1);
  }
}
