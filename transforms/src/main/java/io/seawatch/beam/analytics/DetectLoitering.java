package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.FixCoder;
import io.seawatch.rules.Fix;
import io.seawatch.rules.LoiteringDetector;
import io.seawatch.rules.VesselEvent;
import java.util.Comparator;
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

  static final class Rule extends OrderedRule<Long, Fix, LoiteringDetector.State> {
    private static final long serialVersionUID = 1L;
    private final AnalyticsConfig config;
    private transient LoiteringDetector rule;

    Rule(AnalyticsConfig config) {
      this.config = config;
    }

    private LoiteringDetector rule() {
      if (rule == null) {
        rule = new LoiteringDetector(config.rules());
      }
      return rule;
    }

    @Override
    public String name() {
      return "loitering";
    }

    @Override
    public String keyNoun() {
      return "vessel";
    }

    @Override
    public Comparator<Fix> tieBreak() {
      return Analytics.FIX_ORDER;
    }

    @Override
    public LoiteringDetector.State newState(Long key) {
      return new LoiteringDetector.State((int) (long) key);
    }

    @Override
    public LoiteringDetector.State fromBytes(byte[] bytes) {
      return LoiteringDetector.State.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(LoiteringDetector.State s) {
      return s.toBytes();
    }

    @Override
    public void onInput(LoiteringDetector.State s, Fix fix, long t, Emitter out) {
      for (VesselEvent e : rule().onPosition(s, fix)) {
        out.emit(Analytics.EVENTS, e, t);
      }
    }

    @Override
    public void onWatermark(LoiteringDetector.State s, long t, Emitter out) {
      for (VesselEvent e : rule().onWatermark(s, t)) {
        out.emit(Analytics.EVENTS, e, t);
      }
    }

    @Override
    public long timerMillis(LoiteringDetector.State s) {
      return rule().timerMillis(s);
    }

    @Override
    public boolean isExpired(LoiteringDetector.State s, long t) {
      return rule().isExpired(s, t);
    }

    @Override
    public String describe(Fix fix) {
      return Analytics.describe(fix);
    }
  }
}
