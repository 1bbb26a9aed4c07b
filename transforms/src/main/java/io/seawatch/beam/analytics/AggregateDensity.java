package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.FixCoder;
import io.seawatch.rules.DensityAggregator;
import io.seawatch.rules.DensityAggregator.DensityCount;
import io.seawatch.rules.Fix;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Hourly density per 0.1 degree cell ({@link DensityAggregator}, table {@code density_hourly}):
 * fixes with coordinates keyed by cell, counted per UTC hour; {@link Analytics#DENSITY} gets each
 * hour's full count once the watermark (plus the allowed lateness) has passed its end, timestamped
 * at the hour's end. A fix for an hour already emitted is a dead letter (too late), never a
 * smaller recount.
 *
 * <p>State per cell: 21 bytes + per open hour 16 + 4 per distinct vessel; empty after the flush.
 */
public final class AggregateDensity extends PTransform<PCollection<Fix>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String FILTER_STEP = "KeepWithCoordinates";
  public static final String KEY_STEP = "KeyByCell";
  public static final String RULE_STEP = "AggregateDensityFn";

  private final AnalyticsConfig config;

  private AggregateDensity(AnalyticsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static AggregateDensity with(AnalyticsConfig config) {
    return new AggregateDensity(config);
  }

  @Override
  public PCollectionTuple expand(PCollection<Fix> fixes) {
    return Analytics.applyRule(
        fixes
            .apply(FILTER_STEP, Filter.by(Fix::hasCoordinates))
            .apply(
                KEY_STEP,
                WithKeys.of((Fix f) -> DensityAggregator.cellOf(f))
                    .withKeyType(TypeDescriptors.longs()))
            .setCoder(KvCoder.of(VarLongCoder.of(), FixCoder.of())),
        RULE_STEP,
        new Rule(),
        FixCoder.of(),
        config,
        Analytics.DENSITY,
        Map.of(Analytics.DENSITY, Analytics.densityCoder()));
  }

  static final class Rule extends OrderedRule<Long, Fix, DensityAggregator.State> {
    private static final long serialVersionUID = 1L;
    private transient DensityAggregator rule;

    private DensityAggregator rule() {
      if (rule == null) {
        rule = new DensityAggregator();
      }
      return rule;
    }

    @Override
    public String name() {
      return "density";
    }

    @Override
    public String keyNoun() {
      return "cell";
    }

    @Override
    public Comparator<Fix> tieBreak() {
      return Analytics.FIX_ORDER;
    }

    @Override
    public DensityAggregator.State newState(Long key) {
      return new DensityAggregator.State(key);
    }

    @Override
    public DensityAggregator.State fromBytes(byte[] bytes) {
      return DensityAggregator.State.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(DensityAggregator.State s) {
      return s.toBytes();
    }

    @Override
    public void onInput(DensityAggregator.State s, Fix fix, long t, Emitter out) {
      rule().onPosition(s, fix);
    }

    @Override
    public void onWatermark(DensityAggregator.State s, long t, Emitter out) {
      for (DensityCount c : rule().onWatermark(s, t)) {
        out.emit(Analytics.DENSITY, c, t);
      }
    }

    @Override
    public long timerMillis(DensityAggregator.State s) {
      return rule().timerMillis(s);
    }

    @Override
    public boolean isExpired(DensityAggregator.State s, long t) {
      return rule().isExpired(s, t);
    }

    @Override
    public String describe(Fix fix) {
      return Analytics.describe(fix);
    }
  }
}
