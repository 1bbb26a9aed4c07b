package io.seawatch.beam.sinks;

import org.joda.time.Duration;

/** Checks shared by the sink builders. */
final class Sinks {
  private Sinks() {}

  static Duration checkFlushDelay(Duration d) {
    if (d == null || d.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("flushDelay must be >= 0, was " + d);
    }
    return d;
  }
}
