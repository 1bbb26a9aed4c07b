package io.seawatch.beam.analytics;

import io.seawatch.beam.testing.SerializedStateInternals;
import io.seawatch.beam.testing.StatefulDoFnDriver;
import io.seawatch.model.VesselPosition;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleConfig;
import io.seawatch.rules.VesselEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A steady stream through one ordered-rule step, {@code DetectGapsFn} ({@code GapDetector} per
 * MMSI, the step of the TaskManager stack dump), run as a streaming runner would run it
 * ({@link StatefulDoFnDriver}) with its state kept encoded and every state access counted.
 *
 * <p>{@code vessels} vessels each report every {@code intervalMillis} for {@code minutes} of event
 * time. Rounds are delivered in event-time order and the watermark follows the newest fix time; a
 * {@code lateEvery}-th fix of each vessel (0: none) is held back and delivered {@code lateMillis}
 * later, as satellite AIS arrives. At the end the watermark goes to the end of time, so every
 * input is applied and every key's last firing runs. Used by {@code OrderedRuleFnStateCostTest}
 * and the {@code bench} module.
 */
public final class OrderedRuleWorkload {
  /** The state ids of {@link OrderedRuleFn} that hold pending inputs (old and new layout). */
  public static final String[] PENDING_CELLS = {"buffer", "slots", "slotIndex"};

  private static final long START = 1_717_200_000_000L; // 2024-06-01T00:00Z

  public record Shape(
      int vessels, long intervalMillis, long minutes, long latenessMillis, int lateEvery,
      long lateMillis) {
    public long inputs() {
      return vessels * (minutes * 60_000L / intervalMillis);
    }
  }

  /**
   * What a run did.
   *
   * @param inputs fixes delivered (every one is applied: none arrives behind the processed time)
   * @param flushes timer firings
   * @param events GAP events output
   * @param keysLeft keys that still hold state or a timer at the end (must be 0)
   * @param counts state accesses per phase ({@link StatefulDoFnDriver#PROCESS}, {@link
   *     StatefulDoFnDriver#TIMER}) and state id
   */
  public record Result(
      long inputs, long flushes, long events, int keysLeft,
      SerializedStateInternals.Counts counts) {}

  private OrderedRuleWorkload() {}

  /** A batch of one: the workload counts per-input state accesses. */
  private static List<TimestampedValue<Fix>> one(Fix fix, long t) {
    return List.of(TimestampedValue.of(fix, new org.joda.time.Instant(t)));
  }

  public static Result run(Shape shape) {
    AnalyticsConfig config = new AnalyticsConfig(RuleConfig.defaults(), shape.latenessMillis());
    OrderedRuleFn<Long, Fix, ?, VesselEvent> fn =
        new OrderedRuleFn<>(
            new DetectGaps.VesselRule(config),
            io.seawatch.beam.coders.FixCoder.of(),
            Analytics.DEAD_LETTERS,
            config.allowedLatenessMillis(),
            config.keyRetentionMillis());
    StatefulDoFnDriver<Long, List<TimestampedValue<Fix>>, VesselEvent> driver =
        new StatefulDoFnDriver<>(fn, Analytics.EVENTS, List.<TupleTag<?>>of(Analytics.DEAD_LETTERS));

    long rounds = shape.minutes() * 60_000L / shape.intervalMillis();
    Deque<Fix> held = new ArrayDeque<>();
    long inputs = 0;
    for (long r = 0; r < rounds; r++) {
      long t = START + r * shape.intervalMillis();
      for (int v = 0; v < shape.vessels(); v++) {
        Fix fix = fix(v, r, t);
        if (shape.lateEvery() > 0 && (r + v) % shape.lateEvery() == 0) {
          held.addLast(fix);
        } else {
          driver.process((long) fix.mmsi(), one(fix, t), t);
          inputs++;
        }
      }
      while (!held.isEmpty() && held.peekFirst().timeMillis() + shape.lateMillis() <= t) {
        Fix late = held.removeFirst();
        driver.process((long) late.mmsi(), one(late, late.timeMillis()), late.timeMillis());
        inputs++;
      }
      driver.advanceWatermarkTo(t);
    }
    for (Fix late : held) {
      driver.process((long) late.mmsi(), one(late, late.timeMillis()), late.timeMillis());
      inputs++;
    }
    driver.advanceWatermarkTo(BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis());
    long events =
        driver.outputs().stream().filter(o -> o.getValue() instanceof VesselEvent).count();
    return new Result(
        inputs,
        driver.timerFirings(),
        events,
        driver.keysWithStateOrTimers().size(),
        driver.counts());
  }

  /** Vessel {@code v}'s {@code r}-th fix: steaming east at 10 kn from its own start point. */
  private static Fix fix(int v, long r, long t) {
    int mmsi = 244_000_000 + v;
    double lat = 54.0 + 0.01 * v;
    double lon = 5.0 + r * 0.00008;
    long hash = mmsi * 1_000_003L + r;
    return Fix.of(
        new VesselPosition(mmsi, t, 1, lat, lon, 10.0, 90.0, 90, 0, true, (int) (t / 1000 % 60),
            hash, "bench"));
  }
}
