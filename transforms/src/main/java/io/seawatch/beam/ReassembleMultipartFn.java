package io.seawatch.beam;

import io.seawatch.ais.AisException;
import io.seawatch.ais.FragmentMatcher;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.beam.coders.RawLineCoder;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.RawLine;
import io.seawatch.model.VesselPosition;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SortedMapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
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
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Reassembles multipart AIS messages, keyed by input stream and multipart key.
 *
 * <p>Sequence ids are reused every few messages, so one key sees many messages over time, and
 * runners do not promise arrival order (a batch run delivers a key's elements in any order).
 * Pairing on arrival would then join fragments of different messages. Instead fragments wait in a
 * bag and are matched in event time: when the watermark passes time {@code F}, every fragment with
 * event time up to {@code F} has arrived, and {@link FragmentMatcher} pairs exactly those by their
 * position in the input stream. The decision depends only on the fragments up to {@code F}, so a
 * batch run and a streaming run pair the same fragments and emit the same messages.
 *
 * <p>Deadline: each pending fragment carries one, {@code max(event time, W) + timeout}, where
 * {@code W} is the input watermark when it arrived. By then every fragment that could complete its
 * message has arrived (fragments of one message are received together), and a fragment still
 * unmatched at its deadline becomes a dead letter. On-time data ({@code W <= event time}) and batch
 * runs get {@code event time + timeout}. A late fragment (satellite lines come hours behind the
 * watermark) gets the same grace counted from its arrival: with {@code event time + timeout} its
 * timer would already be behind the watermark and fire at the next watermark advance, so a
 * bundle boundary between the two fragments of one message decided whether they paired. Before
 * the first watermark reaches the operator (job start, restore) {@code W} is unknown: on unbounded
 * input such a fragment's deadline is set at the key's first firing, to the input watermark then
 * + timeout (its timer waits at {@code event time + timeout} for that first watermark). With
 * {@code event time + timeout} the first watermark after a restore, hours past late fragments,
 * dead-lettered each one whose partner was read after it (issue 12). A batch run has no watermark
 * until the end and keeps {@code event time + timeout}.
 *
 * <p>Timer: one event-time timer per key, at the earliest pending deadline. Its output timestamp
 * holds the watermark at the earliest pending fragment, so messages and dead letters keep their own
 * event time. A batch run fires about one timer per key and {@code timeout} of event time that
 * holds fragments.
 *
 * <p>State layout: a new fragment is appended to the bag {@link #STATE_PENDING} (a cheap append).
 * The next firing moves the bag's fragments into <i>slots</i> ({@link #STATE_SLOTS}, one list per
 * {@link #SLOT_MILLIS} of event time) and reads only the slots that hold a ready fragment;
 * {@link #STATE_SLOT_INDEX} lists the slots with their earliest event time and earliest deadline,
 * which is all the firing needs to find the ready slots and set the next timer. Before the slots,
 * every firing read the whole bag and wrote back every fragment not ready yet: with firings
 * {@code timeout} apart and the watermark {@code maxOutOfOrderness} behind the data, each fragment
 * was written and read about {@code 1 + maxOutOfOrderness / timeout} times (3.5 with the
 * defaults), and on the Flink benchmark the reassembly of 5 % of the lines took a third of the
 * TaskManager's CPU (docs/benchmarks.md, "End to end"). Now it is about twice
 * (ReassembleMultipartFnTest).
 *
 * <p>State cleanup: when no fragment is pending the bag, slots, index and hold are cleared and no
 * timer is set, so an idle key keeps neither state nor timer.
 *
 * <p>Savepoints: Beam's Flink state serializer declares every coder compatible, so the pending
 * fragments moved to a new state id instead of changing the old bag's coder. A key restored from a
 * build before the slots has every pending fragment in {@link #STATE_PENDING}: its next firing
 * moves them into slots like any arrivals. A key restored from a
 * build before deadlines has the old bag and a hold without {@code due}; its fragments keep the old
 * deadline (event time + timeout) and move to the new bag at the key's next firing.
 */
final class ReassembleMultipartFn extends DoFn<KV<String, RawLine>, VesselPosition> {
  private static final long serialVersionUID = 1L;

  static final String STATE_PENDING = "pending";
  /** The bag of builds before per-fragment deadlines; only read to resume their savepoints. */
  static final String STATE_LEGACY_FRAGMENTS = "fragments";
  static final String STATE_SLOTS = "slots";
  static final String STATE_SLOT_INDEX = "slotIndex";
  static final String STATE_HOLD = "hold";
  static final String STATE_DUE = "due";
  static final String TIMER_MATCH = "match";

  /** Event time covered by one slot. Only the cost depends on it, not what is paired when. */
  static final long SLOT_MILLIS = 10_000;

  /** The deadline of a fragment read before the first watermark, set at the next firing. */
  static final long UNKNOWN_DEADLINE = Long.MIN_VALUE;

  private static final Coder<TimestampedValue<KV<RawLine, Long>>> FRAGMENT_CODER =
      TimestampedValue.TimestampedValueCoder.of(KvCoder.of(RawLineCoder.of(), VarLongCoder.of()));

  /**
   * Fragments that arrived since the last firing, at their event time, each with its deadline
   * (epoch millis). (Builds before the slots kept every pending fragment here.)
   */
  @StateId(STATE_PENDING)
  private final StateSpec<BagState<TimestampedValue<KV<RawLine, Long>>>> pendingSpec =
      StateSpecs.bag(FRAGMENT_CODER);

  /** Fragments seen by a firing and still pending, by slot (event time / SLOT_MILLIS). */
  @StateId(STATE_SLOTS)
  private final StateSpec<MapState<Long, List<TimestampedValue<KV<RawLine, Long>>>>> slotsSpec =
      StateSpecs.map(VarLongCoder.of(), ListCoder.of(FRAGMENT_CODER));

  /** The slots in {@link #STATE_SLOTS}: slot -> (earliest event time, earliest deadline). */
  @StateId(STATE_SLOT_INDEX)
  private final StateSpec<ValueState<SortedMap<Long, KV<Long, Long>>>> slotIndexSpec =
      StateSpecs.value(
          SortedMapCoder.of(VarLongCoder.of(), KvCoder.of(VarLongCoder.of(), VarLongCoder.of())));

  @StateId(STATE_LEGACY_FRAGMENTS)
  private final StateSpec<BagState<TimestampedValue<RawLine>>> legacySpec =
      StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(RawLineCoder.of()));

  /** Output timestamp of the pending timer (the earliest pending fragment), epoch millis. */
  @StateId(STATE_HOLD)
  private final StateSpec<ValueState<Long>> holdSpec = StateSpecs.value(VarLongCoder.of());

  /** Firing time of the pending timer (the earliest pending deadline), epoch millis. */
  @StateId(STATE_DUE)
  private final StateSpec<ValueState<Long>> dueSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId(TIMER_MATCH)
  private final TimerSpec matchSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private final Duration timeout;
  private final boolean unbounded;
  private final MessageEmitter emitter = new MessageEmitter();

  /**
   * @param unbounded whether the input is a stream: only there can a watermark arrive after the
   *     first fragments (a batch run's comes at the end)
   */
  ReassembleMultipartFn(Duration timeout, boolean unbounded) {
    this.timeout = timeout;
    this.unbounded = unbounded;
  }

  @ProcessElement
  public void process(
      @Element KV<String, RawLine> element,
      @Timestamp Instant timestamp,
      @StateId(STATE_PENDING) BagState<TimestampedValue<KV<RawLine, Long>>> bag,
      @StateId(STATE_LEGACY_FRAGMENTS) BagState<TimestampedValue<RawLine>> legacy,
      @StateId(STATE_HOLD) ValueState<Long> hold,
      @StateId(STATE_DUE) ValueState<Long> due,
      @TimerId(TIMER_MATCH) Timer match) {
    long ts = timestamp.getMillis();
    // For an event-time timer this is the input watermark.
    long watermark = match.getCurrentRelativeTime().getMillis();
    long deadline = deadlineOf(ts, watermark);
    boolean beforeFirstWatermark =
        unbounded && watermark <= BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis();
    bag.add(TimestampedValue.of(
        KV.of(element.getValue(), beforeFirstWatermark ? UNKNOWN_DEADLINE : deadline), timestamp));
    Long held = hold.read();
    // A timer may only hold the watermark at or after the current element, so it is moved only
    // when this fragment is the earliest. Otherwise the earliest fragment arrived at the same or an
    // earlier watermark, so its deadline, and the pending timer, is not later than this one's.
    if (held == null || ts < held) {
      Long pending = held == null ? null : due.read();
      if (held != null && pending == null) {
        // A timer set by a build before deadlines: its fragments join the new bag before due is
        // written, as the firing reads the old bag only while due is unset.
        pending = held + timeout.getMillis();
        migrate(legacy, bag);
      }
      long fire = pending == null ? deadline : Math.min(pending, deadline);
      match.withOutputTimestamp(timestamp).set(new Instant(fire));
      hold.write(ts);
      due.write(fire);
    }
  }

  @OnTimer(TIMER_MATCH)
  public void onMatch(
      OnTimerContext context,
      @StateId(STATE_PENDING) BagState<TimestampedValue<KV<RawLine, Long>>> bag,
      @StateId(STATE_SLOTS) MapState<Long, List<TimestampedValue<KV<RawLine, Long>>>> slots,
      @StateId(STATE_SLOT_INDEX) ValueState<SortedMap<Long, KV<Long, Long>>> slotIndex,
      @StateId(STATE_LEGACY_FRAGMENTS) BagState<TimestampedValue<RawLine>> legacy,
      @StateId(STATE_HOLD) ValueState<Long> hold,
      @StateId(STATE_DUE) ValueState<Long> due,
      @TimerId(TIMER_MATCH) Timer match,
      MultiOutputReceiver out) {
    long now = context.fireTimestamp().getMillis();
    // Arrivals since the last firing, by slot; those read before the first watermark get their
    // deadline from the watermark now (see the class comment).
    long watermark = match.getCurrentRelativeTime().getMillis();
    TreeMap<Long, List<TimestampedValue<KV<RawLine, Long>>>> touched = new TreeMap<>();
    for (TimestampedValue<KV<RawLine, Long>> tv : bag.read()) {
      if (tv.getValue().getValue() == UNKNOWN_DEADLINE) {
        long deadline = deadlineOf(tv.getTimestamp().getMillis(), Math.max(watermark, now));
        tv = TimestampedValue.of(KV.of(tv.getValue().getKey(), deadline), tv.getTimestamp());
      }
      touched.computeIfAbsent(slotOf(tv), k -> new ArrayList<>()).add(tv);
    }
    if (due.read() == null) { // state of a build before deadlines (see class comment)
      for (TimestampedValue<RawLine> tv : legacy.read()) {
        TimestampedValue<KV<RawLine, Long>> f = withOldDeadline(tv);
        touched.computeIfAbsent(slotOf(f), k -> new ArrayList<>()).add(f);
      }
      legacy.clear();
    }
    boolean arrivals = !touched.isEmpty();
    // The stored slots with a ready fragment (slots cover disjoint ranges, so their earliest
    // times ascend with them) and those receiving arrivals are read whole; the others are left
    // alone.
    SortedMap<Long, KV<Long, Long>> stored = slotIndex.read();
    TreeMap<Long, KV<Long, Long>> index = stored == null ? new TreeMap<>() : new TreeMap<>(stored);
    for (Map.Entry<Long, KV<Long, Long>> e : index.entrySet()) {
      if (e.getValue().getKey() > now) {
        break;
      }
      touched.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
    }
    for (Map.Entry<Long, List<TimestampedValue<KV<RawLine, Long>>>> e : touched.entrySet()) {
      if (index.containsKey(e.getKey())) {
        slots.get(e.getKey()).read().forEach(e.getValue()::add);
      }
    }

    // Every fragment up to now is ready: match those, keep the rest (in their slots).
    Map<FragmentMatcher.Fragment, TimestampedValue<KV<RawLine, Long>>> byFragment =
        new IdentityHashMap<>();
    List<FragmentMatcher.Fragment> ready = new ArrayList<>();
    TreeMap<Long, List<TimestampedValue<KV<RawLine, Long>>>> keep = new TreeMap<>();
    for (Map.Entry<Long, List<TimestampedValue<KV<RawLine, Long>>>> e : touched.entrySet()) {
      keep.put(e.getKey(), new ArrayList<>());
      for (TimestampedValue<KV<RawLine, Long>> tv : e.getValue()) {
        if (tv.getTimestamp().getMillis() > now) {
          keep.get(e.getKey()).add(tv); // not every fragment up to its time has arrived yet
          continue;
        }
        RawLine raw = tv.getValue().getKey();
        FragmentMatcher.Fragment f = toFragment(raw);
        if (f == null) {
          // It parsed upstream; failing now would be a decoder bug, never a reason to lose a line.
          emitter.deadLetter(out, raw, DeadLetter.Stage.MULTIPART,
              "fragment no longer parses", tv.getTimestamp().getMillis());
          continue;
        }
        byFragment.put(f, tv);
        ready.add(f);
      }
    }

    FragmentMatcher.Result result = FragmentMatcher.match(ready);
    for (List<FragmentMatcher.Fragment> message : result.complete()) {
      List<NmeaSentence> sentences = new ArrayList<>(message.size());
      List<RawLine> raws = new ArrayList<>(message.size());
      long eventTime = Long.MIN_VALUE;
      for (FragmentMatcher.Fragment f : message) {
        TimestampedValue<KV<RawLine, Long>> tv = byFragment.get(f);
        sentences.add(f.sentence());
        raws.add(tv.getValue().getKey());
        eventTime = Math.max(eventTime, tv.getTimestamp().getMillis());
      }
      emitter.emit(out, sentences, raws, eventTime, true);
    }
    for (FragmentMatcher.Fragment f : result.pending()) {
      TimestampedValue<KV<RawLine, Long>> tv = byFragment.get(f);
      if (tv.getValue().getValue() <= now) {
        emitter.deadLetter(out, tv.getValue().getKey(), DeadLetter.Stage.MULTIPART,
            orphanReason(f), tv.getTimestamp().getMillis());
      } else {
        keep.get(slotOf(tv)).add(tv);
      }
    }

    // Write back the touched slots only.
    for (Map.Entry<Long, List<TimestampedValue<KV<RawLine, Long>>>> e : keep.entrySet()) {
      List<TimestampedValue<KV<RawLine, Long>>> kept = e.getValue();
      if (kept.isEmpty()) {
        if (index.remove(e.getKey()) != null) {
          slots.remove(e.getKey());
        }
        continue;
      }
      long earliest = Long.MAX_VALUE;
      long deadline = Long.MAX_VALUE;
      for (TimestampedValue<KV<RawLine, Long>> tv : kept) {
        earliest = Math.min(earliest, tv.getTimestamp().getMillis());
        deadline = Math.min(deadline, tv.getValue().getValue());
      }
      slots.put(e.getKey(), kept);
      index.put(e.getKey(), KV.of(earliest, deadline));
    }
    if (arrivals) {
      bag.clear();
    }
    if (index.isEmpty()) {
      slotIndex.clear();
      hold.clear();
      due.clear();
      return;
    }
    slotIndex.write(index);
    long earliest = Long.MAX_VALUE;
    long fire = Long.MAX_VALUE;
    for (KV<Long, Long> v : index.values()) {
      earliest = Math.min(earliest, v.getKey());
      fire = Math.min(fire, v.getValue());
    }
    // Kept fragments are not earlier than the firing timer's hold, so this hold is allowed.
    match.withOutputTimestamp(new Instant(earliest)).set(new Instant(fire));
    hold.write(earliest);
    due.write(fire);
  }

  /**
   * The deadline of a fragment at {@code eventTime} read at input watermark {@code watermark}:
   * {@code max(event time, W) + timeout}, capped at the end of the global window (a timer may not
   * fire after it).
   */
  private long deadlineOf(long eventTime, long watermark) {
    return Math.min(Math.max(eventTime, watermark) + timeout.getMillis(),
        GlobalWindow.INSTANCE.maxTimestamp().getMillis());
  }

  private static long slotOf(TimestampedValue<?> tv) {
    return Math.floorDiv(tv.getTimestamp().getMillis(), SLOT_MILLIS);
  }

  private void migrate(BagState<TimestampedValue<RawLine>> legacy,
      BagState<TimestampedValue<KV<RawLine, Long>>> bag) {
    legacy.read().forEach(tv -> bag.add(withOldDeadline(tv)));
    legacy.clear();
  }

  private TimestampedValue<KV<RawLine, Long>> withOldDeadline(TimestampedValue<RawLine> tv) {
    return TimestampedValue.of(
        KV.of(tv.getValue(), tv.getTimestamp().getMillis() + timeout.getMillis()),
        tv.getTimestamp());
  }

  private String orphanReason(FragmentMatcher.Fragment f) {
    return "incomplete multipart message: fragment " + f.sentence().fragmentNumber() + " of "
        + f.sentence().fragmentCount() + " without its other fragments within "
        + timeout.getStandardSeconds() + " s";
  }

  private static FragmentMatcher.Fragment toFragment(RawLine raw) {
    try {
      return new FragmentMatcher.Fragment(raw.origin().offset(), NmeaSentence.parse(raw.line()));
    } catch (AisException e) {
      return null;
    }
  }
}
