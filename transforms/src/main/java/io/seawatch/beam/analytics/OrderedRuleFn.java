package io.seawatch.beam.analytics;

import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SortedMapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Runs one {@link OrderedRule} per key in event-time order, whatever order the runner delivers.
 *
 * <p><b>Order.</b> One event-time timer per key ({@link #TIMER_FLUSH}) fires when the watermark
 * has passed the earliest pending time {@code t} (rounded up to {@link #FLUSH_STEP_MILLIS}) plus
 * the allowed lateness; it then applies, in time order (ties by {@link OrderedRule#tieBreak}),
 * every pending input up to that time {@code P} and every rule timer up to {@code P}, interleaved
 * exactly as {@code KeyedReplay} does. The sequence of rule calls therefore depends only on the
 * inputs, not on how the watermark moved: batch and streaming give the same outputs.
 *
 * <p><b>Batches.</b> Inputs arrive per key and bundle ({@link BatchPerBundleFn}): one element,
 * one read of the processed time and at most one timer update per batch, each input treated as if
 * it had arrived alone, in the batch's order.
 *
 * <p><b>Pending inputs.</b> An input is appended to a bag ({@link #STATE_BUFFER}, one backend
 * append). The next flush moves the bag's inputs into their <i>slots</i> ({@link #STATE_SLOTS},
 * a map from a time rounded up to the flush step to the inputs of that step, which fall due
 * together) and takes the due slots out whole; {@link #STATE_SLOT_INDEX} lists the slots with
 * their earliest time, so the flush finds the due slots and the next timer without reading the
 * others. A flush thus reads and writes the inputs that arrived since the previous flush and the
 * due ones, not all pending ones: each input is written about twice (bag, slot), where rewriting
 * one bag of everything pending wrote it once per flush while it waited (60 times at 60 min
 * lateness, docs/benchmarks.md). Not {@code OrderedListState}: the Flink runner (1.19, Beam 2.70)
 * implements it as a list it reads and sorts whole on every access and keys it by timestamp,
 * losing elements with equal timestamps (apache/beam#39782) - fatal for cells, where many
 * vessels report in the same second.
 *
 * <p><b>Late data.</b> {@link #STATE_PROCESSED} is the newest time the rule has seen (inputs and
 * fired rule timers). An input older than that can no longer be applied in order: it becomes a
 * {@link DeadLetter.Stage#LATE} dead letter and is counted ({@code <rule>_late}) - unless the rule
 * lets it be applied at the processed time instead ({@link OrderedRule#retimeWhenLate}, events).
 *
 * <p><b>Timestamps and watermark.</b> Outputs carry the time of the input or rule timer that made
 * them. The timer's output timestamp holds the watermark at the earliest pending time, so outputs
 * are never late downstream; the price is that this step's output watermark trails its input by
 * the allowed lateness.
 *
 * <p><b>State and its cleanup.</b> {@link #STATE_RULE}: the rule's state bytes, cleared as soon as
 * the rule says {@code isExpired}. {@link #STATE_PROCESSED}, {@link #STATE_LAST_INPUT}: two longs
 * kept {@code keyRetention} after the last input so that later stragglers are still recognised as
 * late. {@link #STATE_NEXT}: the time the timer is armed for. The bag is emptied by every flush,
 * a slot when it falls due. When the rule state is gone, nothing is pending and the retention has
 * passed, the timer's last firing clears every cell and sets no new timer: an idle key keeps
 * nothing.
 *
 * <p><b>Savepoints.</b> Builds before the slots kept every pending input in the same bag, with
 * the same coder, and armed the timer for the earliest of them. A key restored from such a
 * savepoint therefore only has a large bag: its next flush moves it into slots like any arrivals.
 */
public final class OrderedRuleFn<K, I, S, O> extends DoFn<KV<K, List<TimestampedValue<I>>>, O> {
  private static final long serialVersionUID = 1L;

  public static final String METRICS_NAMESPACE = "seawatch.analytics";

  static final String STATE_BUFFER = "buffer";
  static final String STATE_SLOTS = "slots";
  static final String STATE_SLOT_INDEX = "slotIndex";
  static final String STATE_RULE = "rule";
  static final String STATE_PROCESSED = "processed";
  static final String STATE_LAST_INPUT = "lastInput";
  static final String STATE_NEXT = "next";
  static final String TIMER_FLUSH = "flush";

  /** Flush times are rounded up to this step: one flush per key per step of event time at most. */
  public static final long FLUSH_STEP_MILLIS = 60_000L;

  /** Inputs that arrived since the last flush, at their logical time. */
  @StateId(STATE_BUFFER)
  private final StateSpec<BagState<TimestampedValue<I>>> bufferSpec;

  /** Inputs seen by a flush and not yet due, by flush slot ({@link #roundUp} of their time). */
  @StateId(STATE_SLOTS)
  private final StateSpec<MapState<Long, List<TimestampedValue<I>>>> slotsSpec;

  /** The slots present in {@link #STATE_SLOTS}, each with the earliest input time in it. */
  @StateId(STATE_SLOT_INDEX)
  private final StateSpec<ValueState<SortedMap<Long, Long>>> slotIndexSpec =
      StateSpecs.value(SortedMapCoder.of(VarLongCoder.of(), VarLongCoder.of()));

  @StateId(STATE_RULE)
  private final StateSpec<ValueState<byte[]>> ruleSpec = StateSpecs.value(ByteArrayCoder.of());

  @StateId(STATE_PROCESSED)
  private final StateSpec<ValueState<Long>> processedSpec = StateSpecs.value(VarLongCoder.of());

  @StateId(STATE_LAST_INPUT)
  private final StateSpec<ValueState<Long>> lastInputSpec = StateSpecs.value(VarLongCoder.of());

  @StateId(STATE_NEXT)
  private final StateSpec<ValueState<Long>> nextSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId(TIMER_FLUSH)
  private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private final OrderedRule<K, I, S> rule;
  private final TupleTag<DeadLetter> deadLetters;
  private final long allowedLatenessMillis;
  private final long keyRetentionMillis;

  private final Counter inputs;
  private final Counter late;
  private final Counter retimed;
  private final Counter keysFreed;

  /**
   * @param inputCoder coder of the rule's input (for the pending inputs)
   * @param deadLetters where too-late inputs go
   * @param allowedLatenessMillis how far behind the watermark an input may arrive and still be
   *     applied in order (the flush waits this long)
   * @param keyRetentionMillis how long after its last input a key's processed time is kept
   */
  public OrderedRuleFn(
      OrderedRule<K, I, S> rule,
      Coder<I> inputCoder,
      TupleTag<DeadLetter> deadLetters,
      long allowedLatenessMillis,
      long keyRetentionMillis) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    if (allowedLatenessMillis < 0 || keyRetentionMillis < 0) {
      throw new IllegalArgumentException("allowed lateness and key retention must be >= 0");
    }
    this.allowedLatenessMillis = allowedLatenessMillis;
    this.keyRetentionMillis = keyRetentionMillis;
    Coder<TimestampedValue<I>> timestamped = TimestampedValue.TimestampedValueCoder.of(inputCoder);
    this.bufferSpec = StateSpecs.bag(timestamped);
    this.slotsSpec = StateSpecs.map(VarLongCoder.of(), ListCoder.of(timestamped));
    this.inputs = Metrics.counter(METRICS_NAMESPACE, rule.name() + "_inputs");
    this.late = Metrics.counter(METRICS_NAMESPACE, rule.name() + "_late");
    this.retimed = Metrics.counter(METRICS_NAMESPACE, rule.name() + "_retimed");
    this.keysFreed = Metrics.counter(METRICS_NAMESPACE, rule.name() + "_keys_freed");
  }

  @ProcessElement
  public void process(
      @Element KV<K, List<TimestampedValue<I>>> batch,
      @StateId(STATE_BUFFER) BagState<TimestampedValue<I>> buffer,
      @StateId(STATE_PROCESSED) ValueState<Long> processed,
      @StateId(STATE_NEXT) ValueState<Long> next,
      @TimerId(TIMER_FLUSH) Timer flush,
      MultiOutputReceiver out) {
    Long done = processed.read();
    long earliest = Long.MAX_VALUE;
    for (TimestampedValue<I> tv : batch.getValue()) {
      I input = tv.getValue();
      long t = tv.getTimestamp().getMillis();
      long logical = t;
      if (done != null && t < done) {
        if (!rule.retimeWhenLate(input)) {
          late.inc();
          out.get(deadLetters)
              .outputWithTimestamp(
                  new DeadLetter(
                      rule.describe(input),
                      DeadLetter.Stage.LATE,
                      lateReason(done - t),
                      Origin.of("analytics/" + rule.name(), -1, 0),
                      t),
                  tv.getTimestamp());
          continue;
        }
        retimed.inc();
        logical = done;
      }
      inputs.inc();
      buffer.add(logical == t ? tv : TimestampedValue.of(input, new Instant(logical)));
      earliest = Math.min(earliest, logical);
    }
    if (earliest == Long.MAX_VALUE) {
      return;
    }
    Long armed = next.read();
    if (armed == null || earliest < armed) {
      arm(flush, next, earliest);
    }
  }

  @OnTimer(TIMER_FLUSH)
  public void onFlush(
      OnTimerContext context,
      @Key K key,
      @StateId(STATE_BUFFER) BagState<TimestampedValue<I>> buffer,
      @StateId(STATE_SLOTS) MapState<Long, List<TimestampedValue<I>>> slots,
      @StateId(STATE_SLOT_INDEX) ValueState<SortedMap<Long, Long>> slotIndex,
      @StateId(STATE_RULE) ValueState<byte[]> ruleState,
      @StateId(STATE_PROCESSED) ValueState<Long> processed,
      @StateId(STATE_LAST_INPUT) ValueState<Long> lastInput,
      @StateId(STATE_NEXT) ValueState<Long> next,
      @TimerId(TIMER_FLUSH) Timer flush,
      MultiOutputReceiver out) {
    long upTo = context.fireTimestamp().getMillis() - allowedLatenessMillis;
    long hold = context.timestamp().getMillis();
    OrderedRule.Emitter emitter =
        new OrderedRule.Emitter() {
          @Override
          public <T> void emit(TupleTag<T> tag, T value, long timeMillis) {
            out.get(tag).outputWithTimestamp(value, new Instant(Math.max(timeMillis, hold)));
          }
        };

    Run run = new Run(key, emitter);
    byte[] bytes = ruleState.read();
    run.state = bytes == null ? null : rule.fromBytes(bytes);
    Long done = processed.read();
    run.done = done == null ? Long.MIN_VALUE : done;
    Long last = lastInput.read();
    run.lastInput = last == null ? Long.MIN_VALUE : last;

    SortedMap<Long, Long> stored = slotIndex.read();
    TreeMap<Long, Long> index = stored == null ? new TreeMap<>() : new TreeMap<>(stored);
    List<TimestampedValue<I>> due = takeDue(upTo, buffer, slots, slotIndex, index);
    due.sort(
        Comparator.<TimestampedValue<I>>comparingLong(tv -> tv.getTimestamp().getMillis())
            .thenComparing(TimestampedValue::getValue, rule.tieBreak()));
    for (TimestampedValue<I> tv : due) {
      run.input(tv.getValue(), tv.getTimestamp().getMillis());
    }
    run.advanceTo(upTo);
    if (run.state != null) {
      rule.onFlushed(run.state, run.done, emitter);
      rule.onFlushEnd(run.state, upTo);
      if (rule.isExpired(run.state, upTo)) {
        run.state = null;
      }
    }

    long retainUntil = saturatedAdd(run.lastInput, keyRetentionMillis);
    if (run.state == null && index.isEmpty() && upTo >= retainUntil) {
      buffer.clear();
      slots.clear();
      slotIndex.clear();
      ruleState.clear();
      processed.clear();
      lastInput.clear();
      next.clear();
      flush.clear();
      keysFreed.inc();
      return;
    }
    if (run.state == null) {
      ruleState.clear();
    } else {
      ruleState.write(rule.toBytes(run.state));
    }
    processed.write(run.done);
    lastInput.write(run.lastInput);

    long nextTime = index.isEmpty() ? Long.MAX_VALUE : index.firstEntry().getValue();
    if (run.state != null) {
      // A rule timer at or before upTo has fired; never re-arm into the past.
      nextTime = Math.min(nextTime, Math.max(rule.timerMillis(run.state), upTo + 1));
    }
    if (retainUntil > upTo) {
      nextTime = Math.min(nextTime, retainUntil);
    }
    arm(flush, next, Math.max(nextTime, hold));
  }

  /**
   * Removes from the pending inputs and returns (in arrival order per slot) those with time up to
   * {@code upTo}; the arrivals in {@code buffer} join their slots. Only the slots that hold a due
   * input or receive arrivals are read and written, so the cost is O(due + arrived), not
   * O(pending). {@code index} is updated in place and written back.
   */
  private List<TimestampedValue<I>> takeDue(
      long upTo,
      BagState<TimestampedValue<I>> buffer,
      MapState<Long, List<TimestampedValue<I>>> slots,
      ValueState<SortedMap<Long, Long>> slotIndex,
      TreeMap<Long, Long> index) {
    TreeMap<Long, List<TimestampedValue<I>>> arrived = new TreeMap<>();
    for (TimestampedValue<I> tv : buffer.read()) {
      arrived.computeIfAbsent(roundUp(tv.getTimestamp().getMillis()), s -> new ArrayList<>())
          .add(tv);
    }
    TreeSet<Long> touched = new TreeSet<>(arrived.keySet());
    // Slots cover disjoint time ranges, so their earliest times ascend with the slots. upTo is a
    // slot boundary except where the end of the global window capped the firing time: comparing
    // the earliest time, not the slot, keeps that case right too.
    for (Map.Entry<Long, Long> e : index.entrySet()) {
      if (e.getValue() > upTo) {
        break;
      }
      touched.add(e.getKey());
    }
    List<TimestampedValue<I>> due = new ArrayList<>();
    for (long slot : touched) {
      List<TimestampedValue<I>> inSlot = new ArrayList<>();
      if (index.containsKey(slot)) {
        inSlot.addAll(slots.get(slot).read());
      }
      inSlot.addAll(arrived.getOrDefault(slot, List.of()));
      List<TimestampedValue<I>> kept = new ArrayList<>();
      long earliest = Long.MAX_VALUE;
      for (TimestampedValue<I> tv : inSlot) {
        long t = tv.getTimestamp().getMillis();
        if (t <= upTo) {
          due.add(tv);
        } else {
          kept.add(tv);
          earliest = Math.min(earliest, t);
        }
      }
      if (!kept.isEmpty()) {
        slots.put(slot, kept);
        index.put(slot, earliest);
      } else if (index.remove(slot) != null) {
        slots.remove(slot);
      }
    }
    if (!arrived.isEmpty()) {
      buffer.clear();
    }
    if (!touched.isEmpty()) {
      if (index.isEmpty()) {
        slotIndex.clear();
      } else {
        slotIndex.write(index);
      }
    }
    return due;
  }

  private void arm(Timer flush, ValueState<Long> next, long t) {
    arm(flush, next, t, allowedLatenessMillis);
  }

  /**
   * Sets {@code flush} for logical time {@code t}: it fires once the watermark has passed {@code
   * t} (rounded up to the minute) plus {@code latenessMillis}, and holds the watermark at {@code
   * t}; {@code next} remembers {@code t}.
   */
  static void arm(Timer flush, ValueState<Long> next, long t, long latenessMillis) {
    long max = GlobalWindow.INSTANCE.maxTimestamp().getMillis();
    long hold = Math.min(t, max);
    long fireAt = Math.min(saturatedAdd(roundUp(hold), latenessMillis), max);
    flush.withOutputTimestamp(new Instant(hold)).set(new Instant(fireAt));
    next.write(hold);
  }

  private String lateReason(long millis) {
    return "position older than the " + rule.keyNoun() + "'s processed time by "
        + (millis + 999) / 1000 + " s (" + rule.name() + ")";
  }

  static long roundUp(long t) {
    long r = Math.floorMod(t, FLUSH_STEP_MILLIS);
    return r == 0 ? t : saturatedAdd(t, FLUSH_STEP_MILLIS - r);
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  /** One flush: the rule calls in order, as KeyedReplay makes them. */
  private final class Run {
    final K key;
    final OrderedRule.Emitter out;
    S state;
    long done;
    long lastInput;

    Run(K key, OrderedRule.Emitter out) {
      this.key = key;
      this.out = out;
    }

    void input(I input, long t) {
      advanceTo(t);
      if (state != null && rule.isExpired(state, t)) {
        state = null;
      }
      if (state == null) {
        state = rule.newState(key);
      }
      rule.onInput(state, input, t, out);
      done = Math.max(done, t);
      lastInput = Math.max(lastInput, t);
      if (rule.isExpired(state, t)) {
        state = null;
      }
    }

    /** Fires the rule's timers up to {@code t}, each with its own time. */
    void advanceTo(long t) {
      if (state == null) {
        return;
      }
      long timer = rule.timerMillis(state);
      while (timer <= t) {
        rule.onWatermark(state, timer, out);
        done = Math.max(done, timer);
        if (rule.isExpired(state, timer)) {
          state = null;
          return;
        }
        long again = rule.timerMillis(state);
        if (again <= timer) {
          throw new IllegalStateException(
              rule.name() + ": timer did not advance past " + timer + " for key " + key);
        }
        timer = again;
      }
    }
  }
}
