package io.seawatch.beam.sinks;

import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.joda.time.Duration;

/** Checks and windowing shared by the sink builders. */
final class Sinks {
  private Sinks() {}

  /**
   * The global window, fired {@code flushDelay} of processing time after the first element of
   * each pane, discarding fired panes; the reducing sinks combine each pane per key and upsert it.
   * The end of the global window fires even for a key whose pane is empty, and Combine.perKey of
   * nothing is null: so only panes that hold something fire.
   */
  static <T> Window<T> flushPeriodically(Duration flushDelay) {
    return Window.<T>into(new GlobalWindows())
        .triggering(
            Repeatedly.forever(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(flushDelay)))
        .discardingFiredPanes()
        .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY)
        .withAllowedLateness(Duration.ZERO);
  }

  static Duration checkFlushDelay(Duration d) {
    if (d == null || d.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("flushDelay must be >= 0, was " + d);
    }
    return d;
  }
}
