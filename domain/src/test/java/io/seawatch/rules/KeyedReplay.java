package io.seawatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What the Beam layer will do, in miniature: inputs in event-time order, keyed; the watermark
 * follows the input; each key's state lives as bytes between calls (so every call also checks
 * the codec); an event-time timer at {@code timerMillis} calls {@code onWatermark} with the timer
 * time; a state that {@code isExpired} is dropped.
 *
 * @param <S> state type
 * @param <I> input type
 * @param <O> output type
 */
final class KeyedReplay<S, I, O> {
  interface Rule<S, I, O> {
    S newState(long key);

    List<O> onInput(S s, I in);

    List<O> onWatermark(S s, long watermarkMillis);

    long timerMillis(S s);

    boolean isExpired(S s, long watermarkMillis);

    byte[] toBytes(S s);

    S fromBytes(byte[] b);
  }

  private final Rule<S, I, O> rule;
  private final TreeMap<Long, byte[]> states = new TreeMap<>();

  KeyedReplay(Rule<S, I, O> rule) {
    this.rule = rule;
  }

  /** Fires due timers of every key, then applies the input to its key. */
  List<O> input(long key, long eventTimeMillis, I in) {
    List<O> out = new ArrayList<>(advanceTo(eventTimeMillis));
    byte[] b = states.get(key);
    S s = b == null ? rule.newState(key) : rule.fromBytes(b);
    out.addAll(rule.onInput(s, in));
    store(key, s, eventTimeMillis);
    return out;
  }

  /** Fires every timer at or before the watermark, in key order, with the timer's time. */
  List<O> advanceTo(long watermarkMillis) {
    List<O> out = new ArrayList<>();
    for (Long key : new ArrayList<>(states.keySet())) {
      S s = rule.fromBytes(states.get(key));
      long timer = rule.timerMillis(s);
      while (timer <= watermarkMillis) {
        out.addAll(rule.onWatermark(s, timer));
        if (rule.isExpired(s, timer)) {
          break;
        }
        long next = rule.timerMillis(s);
        if (next <= timer) {
          throw new AssertionError("timer did not advance for key " + key);
        }
        timer = next;
      }
      store(key, s, watermarkMillis);
    }
    return out;
  }

  private void store(long key, S s, long watermarkMillis) {
    if (rule.isExpired(s, watermarkMillis)) {
      states.remove(key);
    } else {
      states.put(key, rule.toBytes(s));
    }
  }

  int liveKeys() {
    return states.size();
  }

  byte[] stateBytes(long key) {
    return states.get(key);
  }

  /** Applies a rule's per-key functions; the key-to-state constructor is given separately. */
  static <S, I, O> Rule<S, I, O> rule(
      Function<Long, S> newState,
      BiFunction<S, I, List<O>> onInput,
      BiFunction<S, Long, List<O>> onWatermark,
      ToLongFunction<S> timer,
      BiPredicate<S, Long> expired,
      Function<S, byte[]> toBytes,
      Function<byte[], S> fromBytes) {
    return new Rule<>() {
      @Override
      public S newState(long key) {
        return newState.apply(key);
      }

      @Override
      public List<O> onInput(S s, I in) {
        return onInput.apply(s, in);
      }

      @Override
      public List<O> onWatermark(S s, long wm) {
        return onWatermark.apply(s, wm);
      }

      @Override
      public long timerMillis(S s) {
        return timer.applyAsLong(s);
      }

      @Override
      public boolean isExpired(S s, long wm) {
        return expired.test(s, wm);
      }

      @Override
      public byte[] toBytes(S s) {
        return toBytes.apply(s);
      }

      @Override
      public S fromBytes(byte[] b) {
        return fromBytes.apply(b);
      }
    };
  }
}
