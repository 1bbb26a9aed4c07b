package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.DeadLetterCoder;
import io.seawatch.beam.coders.FixCoder;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import io.seawatch.rules.DensityAggregator;
import io.seawatch.rules.DensityAggregator.DensityCount;
import io.seawatch.rules.Fix;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * Hourly density per 0.1 degree cell ({@link DensityAggregator}, table {@code density_hourly}):
 * fixes with coordinates keyed by cell, counted per UTC hour; {@link Analytics#DENSITY} gets each
 * hour's full count once the watermark (plus the allowed lateness) has passed its end, timestamped
 * at the hour's end. A fix for an hour already emitted is a dead letter (too late), never a
 * smaller recount.
 *
 * <p>Counted on arrival: a count and a set of vessels do not depend on the order of their
 * inputs, so, unlike the ordered rules, this step keeps no fixes, only each open hour's count and
 * vessels. A fix is late exactly when its hour has been emitted (the ordered step refused, more
 * strictly, any fix older than the newest one it had applied). Same rows in batch and streaming.
 *
 * <p>State per cell ({@value #STATE_CELL}): 21 bytes + per open hour 16 + 4 per distinct vessel;
 * with {@value #STATE_LAST_INPUT} kept the key retention after the cell's last fix, so that a
 * later fix for an emitted hour is still recognised as late; then every cell is cleared. One
 * timer ({@value #TIMER_FLUSH}) per cell ({@link OrderedRuleFn#arm}): the first open hour's end
 * plus the allowed lateness, holding the watermark at that end; then the retention's end.
 */
public final class AggregateDensity extends PTransform<PCollection<Fix>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String FILTER_STEP = "KeepWithCoordinates";
  public static final String KEY_STEP = "KeyByCell";
  public static final String RULE_STEP = "AggregateDensityFn";

  static final String STATE_CELL = "cell";
  static final String STATE_LAST_INPUT = "lastInput";
  static final String STATE_NEXT = "next";
  static final String TIMER_FLUSH = "flush";

  private final AnalyticsConfig config;

  private AggregateDensity(AnalyticsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static AggregateDensity with(AnalyticsConfig config) {
    return new AggregateDensity(config);
  }

  @Override
  public PCollectionTuple expand(PCollection<Fix> fixes) {
    PCollection<KV<Long, Fix>> byCell =
        fixes
            .apply(FILTER_STEP, Filter.by(Fix::hasCoordinates))
            .apply(
                KEY_STEP,
                WithKeys.of((Fix f) -> DensityAggregator.cellOf(f))
                    .withKeyType(TypeDescriptors.longs()))
            .setCoder(KvCoder.of(VarLongCoder.of(), FixCoder.of()));
    PCollectionTuple out =
        Analytics.batchPerBundle(byCell, RULE_STEP)
            .apply(
                RULE_STEP,
                ParDo.of(
                        new CountDensityFn(
                            config.allowedLatenessMillis(), config.keyRetentionMillis()))
                    .withOutputTags(Analytics.DENSITY, TupleTagList.of(Analytics.DEAD_LETTERS)));
    out.get(Analytics.DENSITY).setCoder(Analytics.densityCoder());
    out.get(Analytics.DEAD_LETTERS).setCoder(DeadLetterCoder.of());
    return out;
  }

  /** Counts a cell's fixes as they arrive and emits each hour once the watermark allows. */
  static final class CountDensityFn
      extends DoFn<KV<Long, List<TimestampedValue<Fix>>>, DensityCount> {
    private static final long serialVersionUID = 1L;

    @StateId(STATE_CELL)
    private final StateSpec<ValueState<byte[]>> cellSpec = StateSpecs.value(ByteArrayCoder.of());

    @StateId(STATE_LAST_INPUT)
    private final StateSpec<ValueState<Long>> lastInputSpec = StateSpecs.value(VarLongCoder.of());

    @StateId(STATE_NEXT)
    private final StateSpec<ValueState<Long>> nextSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId(TIMER_FLUSH)
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final long allowedLatenessMillis;
    private final long keyRetentionMillis;
    private final Counter inputs = Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "density_inputs");
    private final Counter late = Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "density_late");
    private transient DensityAggregator rule;

    CountDensityFn(long allowedLatenessMillis, long keyRetentionMillis) {
      this.allowedLatenessMillis = allowedLatenessMillis;
      this.keyRetentionMillis = keyRetentionMillis;
    }

    @Setup
    public void setup() {
      rule = new DensityAggregator();
    }

    @ProcessElement
    public void process(
        @Element KV<Long, List<TimestampedValue<Fix>>> batch,
        @StateId(STATE_CELL) ValueState<byte[]> cell,
        @StateId(STATE_LAST_INPUT) ValueState<Long> lastInput,
        @StateId(STATE_NEXT) ValueState<Long> next,
        @TimerId(TIMER_FLUSH) Timer flush,
        MultiOutputReceiver out) {
      byte[] bytes = cell.read();
      DensityAggregator.State s =
          bytes == null
              ? new DensityAggregator.State(batch.getKey())
              : DensityAggregator.State.fromBytes(bytes);
      Long lastRead = lastInput.read();
      long last = lastRead == null ? Long.MIN_VALUE : lastRead;
      boolean counted = false;
      for (TimestampedValue<Fix> tv : batch.getValue()) {
        Fix fix = tv.getValue();
        long t = tv.getTimestamp().getMillis();
        if (rule.isEmitted(s, t)) {
          late.inc();
          out.get(Analytics.DEAD_LETTERS)
              .outputWithTimestamp(
                  new DeadLetter(
                      Analytics.describe(fix),
                      DeadLetter.Stage.LATE,
                      "position older than the cell's counted hours by "
                          + (rule.emittedBeforeMillis(s) - t + 999) / 1000 + " s (density)",
                      Origin.of("analytics/density", -1, 0),
                      t),
                  tv.getTimestamp());
          continue;
        }
        inputs.inc();
        rule.onPosition(s, fix);
        last = Math.max(last, t);
        counted = true;
      }
      if (!counted) {
        return;
      }
      cell.write(s.toBytes());
      lastInput.write(last);
      long firstEnd = rule.timerMillis(s);
      Long armed = next.read();
      if (armed == null || firstEnd < armed) {
        OrderedRuleFn.arm(flush, next, firstEnd, allowedLatenessMillis);
      }
    }

    @OnTimer(TIMER_FLUSH)
    public void onFlush(
        OnTimerContext context,
        @StateId(STATE_CELL) ValueState<byte[]> cell,
        @StateId(STATE_LAST_INPUT) ValueState<Long> lastInput,
        @StateId(STATE_NEXT) ValueState<Long> next,
        @TimerId(TIMER_FLUSH) Timer flush,
        MultiOutputReceiver out) {
      long upTo = context.fireTimestamp().getMillis() - allowedLatenessMillis;
      long hold = context.timestamp().getMillis();
      byte[] bytes = cell.read();
      Long lastRead = lastInput.read();
      if (bytes == null || lastRead == null) {
        cell.clear();
        lastInput.clear();
        next.clear();
        return;
      }
      DensityAggregator.State s = DensityAggregator.State.fromBytes(bytes);
      for (DensityCount c : rule.onWatermark(s, upTo)) {
        out.get(Analytics.DENSITY)
            .outputWithTimestamp(c, new Instant(Math.max(c.hourEndMillis(), hold)));
      }
      long retainUntil = OrderedRuleFn.saturatedAdd(lastRead, keyRetentionMillis);
      long firstEnd = rule.timerMillis(s);
      if (firstEnd == Long.MAX_VALUE && upTo >= retainUntil) {
        cell.clear();
        lastInput.clear();
        next.clear();
        return;
      }
      cell.write(s.toBytes());
      OrderedRuleFn.arm(
          flush, next, Math.max(Math.min(firstEnd, retainUntil), hold), allowedLatenessMillis);
    }

  }
}
