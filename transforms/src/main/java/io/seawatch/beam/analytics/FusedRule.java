package io.seawatch.beam.analytics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Several rules of one key run as one {@link OrderedRule}: one keyed step, one buffer of pending
 * inputs, one ordering and one timer for all of them, where each rule as a step of its own
 * received, encoded, buffered and sorted every input again.
 *
 * <p>Each part sees what it saw alone: its view of the input ({@code null} = not for this part),
 * its own state with the life cycle {@link OrderedRuleFn} gives a rule (created by an input,
 * dropped as soon as it says expired), its timers fired at their own times before any of its
 * inputs at a later time. Parts do not see each other, so running them side by side gives each
 * the outputs it gives alone. What is shared is the key's processed time: an input too late for
 * one part is too late for the step (one dead letter, not one per rule).
 *
 * <p>State bytes: the key, then per part a presence byte, then its length and bytes when present.
 */
final class FusedRule<I> extends OrderedRule<Long, I, FusedRule.State> {
  private static final long serialVersionUID = 1L;

  /** One rule inside the fused step. */
  static final class Part<I, J, S> implements Serializable {
    private static final long serialVersionUID = 1L;
    final OrderedRule<Long, J, S> rule;
    final SerializableFunction<I, J> view;
    final TupleTag<?> from;
    final TupleTag<?> to;

    /**
     * @param view the part's input, or null when an input is not for it
     * @param from, to outputs the rule emits to {@code from} go to {@code to} instead (null: none)
     */
    Part(OrderedRule<Long, J, S> rule, SerializableFunction<I, J> view, TupleTag<?> from, TupleTag<?> to) {
      this.rule = Objects.requireNonNull(rule, "rule");
      this.view = Objects.requireNonNull(view, "view");
      this.from = from;
      this.to = to;
    }

    Emitter redirect(Emitter out) {
      if (from == null) {
        return out;
      }
      return new Emitter() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> void emit(TupleTag<T> tag, T value, long timeMillis) {
          out.emit(tag.getId().equals(from.getId()) ? (TupleTag<T>) to : tag, value, timeMillis);
        }
      };
    }
  }

  /** The parts' states, null where a part has none. */
  static final class State {
    final long key;
    final Object[] parts;

    State(long key, int n) {
      this.key = key;
      parts = new Object[n];
    }
  }

  private final String name;
  private final SerializableComparator<I> tieBreak;
  private final SerializableFunction<I, String> describe;
  private final List<Part<I, ?, ?>> parts;

  FusedRule(
      String name,
      SerializableComparator<I> tieBreak,
      SerializableFunction<I, String> describe,
      List<Part<I, ?, ?>> parts) {
    this.name = Objects.requireNonNull(name, "name");
    this.tieBreak = Objects.requireNonNull(tieBreak, "tieBreak");
    this.describe = Objects.requireNonNull(describe, "describe");
    this.parts = List.copyOf(parts);
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
  public Comparator<I> tieBreak() {
    return tieBreak;
  }

  @Override
  public State newState(Long key) {
    return new State(key, parts.size());
  }

  @Override
  public void onInput(State s, I input, long t, Emitter out) {
    for (int i = 0; i < parts.size(); i++) {
      input(parts.get(i), s, i, input, t, out);
    }
  }

  /** As {@code OrderedRuleFn}'s run applies an input to a rule of its own. */
  private <J, S> void input(Part<I, J, S> part, State s, int i, I input, long t, Emitter out) {
    J in = part.view.apply(input);
    if (in == null) {
      return;
    }
    @SuppressWarnings("unchecked")
    S sub = (S) s.parts[i];
    if (sub != null && part.rule.isExpired(sub, t)) {
      sub = null;
    }
    if (sub == null) {
      sub = part.rule.newState(s.key);
    }
    part.rule.onInput(sub, in, t, part.redirect(out));
    s.parts[i] = part.rule.isExpired(sub, t) ? null : sub;
  }

  @Override
  public void onWatermark(State s, long t, Emitter out) {
    for (int i = 0; i < parts.size(); i++) {
      fire(parts.get(i), s, i, t, out);
    }
  }

  private <J, S> void fire(Part<I, J, S> part, State s, int i, long t, Emitter out) {
    @SuppressWarnings("unchecked")
    S sub = (S) s.parts[i];
    if (sub == null || part.rule.timerMillis(sub) > t) {
      return;
    }
    part.rule.onWatermark(sub, t, part.redirect(out));
    s.parts[i] = part.rule.isExpired(sub, t) ? null : sub;
  }

  @Override
  public long timerMillis(State s) {
    long next = Long.MAX_VALUE;
    for (int i = 0; i < parts.size(); i++) {
      if (s.parts[i] != null) {
        next = Math.min(next, timer(parts.get(i), s.parts[i]));
      }
    }
    return next;
  }

  @SuppressWarnings("unchecked")
  private static <I, J, S> long timer(Part<I, J, S> part, Object sub) {
    return part.rule.timerMillis((S) sub);
  }

  @Override
  public boolean isExpired(State s, long t) {
    for (int i = 0; i < parts.size(); i++) {
      if (s.parts[i] != null && !expired(parts.get(i), s.parts[i], t)) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static <I, J, S> boolean expired(Part<I, J, S> part, Object sub, long t) {
    return part.rule.isExpired((S) sub, t);
  }

  @Override
  public void onFlushed(State s, long t, Emitter out) {
    for (int i = 0; i < parts.size(); i++) {
      flushed(parts.get(i), s, i, t, out);
    }
  }

  private <J, S> void flushed(Part<I, J, S> part, State s, int i, long t, Emitter out) {
    @SuppressWarnings("unchecked")
    S sub = (S) s.parts[i];
    if (sub == null) {
      return;
    }
    part.rule.onFlushed(sub, t, part.redirect(out));
  }

  /** As OrderedRuleFn drops a rule's state expired at the end of a flush, per part. */
  @Override
  public void onFlushEnd(State s, long upTo) {
    for (int i = 0; i < parts.size(); i++) {
      if (s.parts[i] != null && expired(parts.get(i), s.parts[i], upTo)) {
        s.parts[i] = null;
      }
    }
  }

  @Override
  public State fromBytes(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      State s = new State(in.readLong(), parts.size());
      for (int i = 0; i < parts.size(); i++) {
        if (in.readBoolean()) {
          byte[] b = new byte[in.readInt()];
          in.readFully(b);
          s.parts[i] = parts.get(i).rule.fromBytes(b);
        }
      }
      return s;
    } catch (IOException e) {
      throw new IllegalArgumentException(name + " state: corrupt (" + e + ")", e);
    }
  }

  @Override
  public byte[] toBytes(State s) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeLong(s.key);
      for (int i = 0; i < parts.size(); i++) {
        out.writeBoolean(s.parts[i] != null);
        if (s.parts[i] != null) {
          byte[] b = toBytes(parts.get(i), s.parts[i]);
          out.writeInt(b.length);
          out.write(b);
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <I, J, S> byte[] toBytes(Part<I, J, S> part, Object sub) {
    return part.rule.toBytes((S) sub);
  }

  @Override
  public String describe(I input) {
    return describe.apply(input);
  }
}
