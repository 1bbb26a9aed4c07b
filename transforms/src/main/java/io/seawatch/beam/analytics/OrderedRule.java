package io.seawatch.beam.analytics;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A plain-Java rule as {@link OrderedRuleFn} drives it: per-key state as bytes, inputs in event-time
 * order, an event-time timer, expiry. One small subclass per rule adapts the rule's methods
 * (the contract of docs/rules.md) and says where its outputs go.
 *
 * @param <K> key (MMSI, cell id, pair key, source name)
 * @param <I> input
 * @param <S> the rule's state class
 */
public abstract class OrderedRule<K, I, S> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Receives outputs at their event time (the time of the input or timer that made them). */
  public interface Emitter {
    <T> void emit(TupleTag<T> tag, T value, long timeMillis);
  }

  /** Short name for counters and dead-letter reasons, e.g. "loitering". */
  public abstract String name();

  /** What a key is, for dead-letter reasons: "vessel", "cell", "pair", "source". */
  public abstract String keyNoun();

  /** Tie-break of inputs with the same event time (for example by MMSI); must be total. */
  public abstract Comparator<I> tieBreak();

  public abstract S newState(K key);

  public abstract S fromBytes(byte[] bytes);

  public abstract byte[] toBytes(S state);

  public abstract void onInput(S state, I input, long timeMillis, Emitter out);

  public abstract void onWatermark(S state, long timeMillis, Emitter out);

  /** Next time {@link #onWatermark} has work, Long.MAX_VALUE if none. */
  public abstract long timerMillis(S state);

  public abstract boolean isExpired(S state, long timeMillis);

  /** Called once at the end of every flush that applied at least one input (read-outs). */
  public void onFlushed(S state, long timeMillis, Emitter out) {}

  /**
   * Called at the end of every flush that leaves the key with state, just before {@link
   * #isExpired} at the flush time {@code upTo} decides whether the state is dropped.
   */
  public void onFlushEnd(S state, long upToMillis) {}

  /**
   * Inputs that may be applied at a later time than their own when they arrive too late (events
   * whose order does not matter beyond open-before-closed); all others become dead letters.
   */
  public boolean retimeWhenLate(I input) {
    return false;
  }

  /** The input as dead-letter payload text. */
  public abstract String describe(I input);
}
