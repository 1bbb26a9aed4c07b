package io.seawatch.bench;

import io.seawatch.beam.analytics.OrderedRuleWorkload.Shape;

/** The workloads of {@link OrderedRuleBenchmark} and {@link OrderedRuleStateCost}, by name. */
final class OrderedRuleShapes {
  static final String FLEET = "fleet";
  static final String HOT_KEY = "hotkey";
  static final String SATELLITE = "satellite";
  static final String[] ALL = {FLEET, HOT_KEY, SATELLITE};

  private static final long LATENESS = 60 * 60_000L;

  private OrderedRuleShapes() {}

  static Shape of(String name) {
    return switch (name) {
      // 20 vessels, a fix every 5 s each, 3 h, the default 60 min allowed lateness.
      case FLEET -> new Shape(20, 5_000, 180, LATENESS, 0, 0);
      // The same number of inputs on one key (240 a minute): a busy grid cell or source.
      case HOT_KEY -> new Shape(1, 250, 180, LATENESS, 0, 0);
      // FLEET with every 10th fix arriving 30 min late (satellite AIS).
      case SATELLITE -> new Shape(20, 5_000, 180, LATENESS, 10, 30 * 60_000L);
      default -> throw new IllegalArgumentException("unknown workload " + name);
    };
  }
}
