package io.seawatch.beam.analytics;

import io.seawatch.rules.Fix;
import io.seawatch.rules.PositionRule;
import io.seawatch.rules.RuleConfig;
import io.seawatch.rules.VesselEvent;
import java.util.Comparator;
import java.util.Objects;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * A {@link PositionRule} (per vessel, fixes in, events out) as {@link OrderedRuleFn} drives it:
 * keyed by MMSI, ties by {@link Analytics#FIX_ORDER}, every event to {@link Analytics#EVENTS} at
 * the time of the fix or timer that made it. The rule is built on the worker from its config.
 */
class PositionRuleAdapter<S> extends OrderedRule<Long, Fix, S> {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final RuleConfig config;
  private final SerializableFunction<RuleConfig, PositionRule<S>> factory;
  private transient PositionRule<S> rule;

  PositionRuleAdapter(
      String name, RuleConfig config, SerializableFunction<RuleConfig, PositionRule<S>> factory) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  private PositionRule<S> rule() {
    if (rule == null) {
      rule = factory.apply(config);
    }
    return rule;
  }

  @Override
  public String name() {
    return name;
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
  public S newState(Long key) {
    return rule().newState((int) (long) key);
  }

  @Override
  public S fromBytes(byte[] bytes) {
    return rule().fromBytes(bytes);
  }

  @Override
  public byte[] toBytes(S state) {
    return rule().toBytes(state);
  }

  @Override
  public void onInput(S state, Fix fix, long t, Emitter out) {
    for (VesselEvent e : rule().onPosition(state, fix)) {
      out.emit(Analytics.EVENTS, e, t);
    }
  }

  @Override
  public void onWatermark(S state, long t, Emitter out) {
    for (VesselEvent e : rule().onWatermark(state, t)) {
      out.emit(Analytics.EVENTS, e, t);
    }
  }

  @Override
  public long timerMillis(S state) {
    return rule().timerMillis(state);
  }

  @Override
  public boolean isExpired(S state, long t) {
    return rule().isExpired(state, t);
  }

  @Override
  public String describe(Fix fix) {
    return Analytics.describe(fix);
  }
}
