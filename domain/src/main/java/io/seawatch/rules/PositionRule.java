package io.seawatch.rules;

import java.util.List;

/**
 * A per-vessel rule over one vessel's positions that emits vessel events: the contract of
 * docs/rules.md as {@code OrderedRuleFn} drives it (positions and watermark times in event-time
 * order, state as bytes between calls, expiry frees the state).
 *
 * @param <S> the rule's per-vessel state
 */
public interface PositionRule<S> {
  S newState(int mmsi);

  S fromBytes(byte[] bytes);

  byte[] toBytes(S state);

  List<VesselEvent> onPosition(S state, Fix fix);

  List<VesselEvent> onWatermark(S state, long watermarkMillis);

  /** Next time {@link #onWatermark} has work, {@code Long.MAX_VALUE} if none. */
  long timerMillis(S state);

  boolean isExpired(S state, long watermarkMillis);
}
