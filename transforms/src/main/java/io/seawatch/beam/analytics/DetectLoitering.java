package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.FixCoder;
import io.seawatch.rules.Fix;
import io.seawatch.rules.LoiteringDetector;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * LOITERING events ({@link LoiteringDetector}) per vessel: fixes keyed by MMSI and applied in
 * event-time order by {@link OrderedRuleFn}. Outputs {@link Analytics#EVENTS} (an open version
 * when the episode reaches the minimum duration, the closed one with the same id when it ends) and
 * {@link Analytics#DEAD_LETTERS} (too-late fixes).
 *
 * <p>State per vessel: 66 bytes of running sums while an episode runs, nothing otherwise (plus the
 * key's processed time, see {@link OrderedRuleFn}).
 */
public final class DetectLoitering extends PTransform<PCollection<Fix>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String KEY_STEP = "KeyByMmsi";
  public static final String RULE_STEP = "DetectLoiteringFn";

  private final AnalyticsConfig config;

  private DetectLoitering(AnalyticsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static DetectLoitering with(AnalyticsConfig config) {
    return new DetectLoitering(config);
  }

  @Override
  public PCollectionTuple expand(PCollection<Fix> fixes) {
    return Analytics.applyRule(
        Analytics.keyByMmsi(fixes, KEY_STEP),
        RULE_STEP,
        new Rule(config),
        FixCoder.of(),
        config,
        Analytics.EVENTS,
        Analytics.eventCoders());
  }

  /** The loitering detector per vessel. */
  static final class Rule extends PositionRuleAdapter<LoiteringDetector.State> {
    private static final long serialVersionUID = 1L;

    Rule(AnalyticsConfig config) {
      super("loitering", config.rules(), LoiteringDetector::new);
    }
  }
}
