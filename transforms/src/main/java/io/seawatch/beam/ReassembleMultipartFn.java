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
 * position in the input stream (a run of fragments 1..n within {@code timeout} of each other in
 * event time is one message).
 *
 * <p>Deadline: a fragment is due at {@code event time + timeout}, in every run. At its deadline
 * every fragment that could complete its message (within {@code timeout} of it) is at or before
 * the firing time; if it is still unmatched it becomes a dead letter. A batch run decides exactly
 * there: all input is in before the watermark moves.
 *
 * <p>Grace (unbounded input only): in a stream the watermark can pass a deadline before every
 * fragment up to it has been read. Late data (satellite lines hours behind the watermark) is due
 * on arrival; the partner read a moment later found its fragment already dead-lettered whenever a
 * watermark advance fell between the two (another partition, a restore that starts from the
 * minimum watermark, a bundle boundary). So an unmatched due fragment is held until it has also
 * waited {@code grace} of processing time since it arrived; then it is decided with whatever has
 * arrived by then. Fragments of one message are read together (adjacent in their partition), so
 * with a grace longer than a restore a stream pairs exactly what a batch run of the same input
 * pairs, whatever the watermark did in between (DecodeAisSentencesTest). While a fragment waits
 * it holds the watermark (at most {@code grace} of wall time): its message or dead letter keeps
 * its own event time. The final watermark (end of input) decides everything at once.
 *
 * <p>Timers: one event-time timer per key at the earliest deadline not yet passed; its output
 * timestamp holds the watermark at the earliest pending fragment. While fragments wait only for
 * their grace, the event-time timer stands at the end of time (holding the watermark) and one
 * processing-time timer at the end of the earliest grace moves it back to the watermark. A
 * fragment that arrives meanwhile with a later event time than the held one is covered by that
 * wake-up (a timer set for an element may not hold the watermark before the element).
 *
 * <p>State layout: a new fragment is appended to the bag {@link #STATE_PENDING} (a cheap append)
 * with its arrival (processing time). The next firing moves the bag's fragments into <i>slots</i>
 * ({@link #STATE_SLOTS}, one list per {@link #SLOT_MILLIS} of event time) and reads only the
 * slots that hold a ready fragment; {@link #STATE_SLOT_INDEX} lists the slots with their earliest
 * event time and earliest deadline not yet passed, which is all the firing needs to find the ready
 * slots and set the next timer. Before the slots, every firing read the whole bag and wrote back
 * every fragment not ready yet (on the Flink benchmark the reassembly of 5 % of the lines took a
 * third of the TaskManager's CPU, docs/benchmarks.md "End to end"); now each fragment is written
 * about twice (ReassembleMultipartFnTest).
 *
 * <p>State cleanup: when no fragment is pending the bag, slots, index and hold are cleared and no
 * timer is set, so an idle key keeps neither state nor timer.
 *
 * <p>Savepoints: Beam's Flink state serializer declares every coder compatible, so changes of
 * meaning keep the coders. The long stored beside each fragment was its deadline before the grace
 * (the watermark at arrival + timeout) and is its arrival now: a fragment restored from such a
 * savepoint has an "arrival" in the past and is decided at its deadline without grace, as before.
 * A key restored from a build before the slots has every pending fragment in {@link
 * #STATE_PENDING}: its next firing moves them into slots like any arrivals. A key restored from a
 * build before deadlines has the old bag and a hold without {@code due}; its fragments move to the
 * new bag at the key's next arrival or firing.
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
  static final String TIMER_GRACE = "grace";

  /** Event time covered by one slot. Only the cost depends on it, not what is paired when. */
  static final long SLOT_MILLIS = 10_000;

  /** The last time an event-time timer may fire (the end of the global window). */
  private static final long END_OF_TIME = GlobalWindow.INSTANCE.maxTimestamp().getMillis();

  private static final Coder<TimestampedValue<KV<RawLine, Long>>> FRAGMENT_CODER =
      TimestampedValue.TimestampedValueCoder.of(KvCoder.of(RawLineCoder.of(), VarLongCoder.of()));

  /**
   * Fragments that arrived since the last firing, at their event time, each with its arrival
   * (processing time, epoch millis). (Builds before the slots kept every pending fragment here.)
   */
  @StateId(STATE_PENDING)
  private final StateSpec<BagState<TimestampedValue<KV<RawLine, Long>>>> pendingSpec =
      StateSpecs.bag(FRAGMENT_CODER);

  /** Fragments seen by a firing and still pending, by slot (event time / SLOT_MILLIS). */
  @StateId(STATE_SLOTS)
  private final StateSpec<MapState<Long, List<TimestampedValue<KV<RawLine, Long>>>>> slotsSpec =
      StateSpecs.map(VarLongCoder.of(), ListCoder.of(FRAGMENT_CODER));

  /**
   * The slots in {@link #STATE_SLOTS}: slot -> (earliest event time, earliest deadline not yet
   * passed, {@link Long#MAX_VALUE} when every fragment of the slot is past it).
   */
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

  /** Firing time of the pending event-time timer, epoch millis. */
  @StateId(STATE_DUE)
  private final StateSpec<ValueState<Long>> dueSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId(TIMER_MATCH)
  private final TimerSpec matchSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  @TimerId(TIMER_GRACE)
  private final TimerSpec graceSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  private final Duration timeout;
  private final Duration grace;
  private final MessageEmitter emitter = new MessageEmitter();

  /**
   * @param grace processing time a due, unmatched fragment still waits for its partners;
   *     {@link Duration#ZERO} for bounded input, where everything has arrived before any timer
   *     fires
   */
  ReassembleMultipartFn(Duration timeout, Duration grace) {
    this.timeout = timeout;
    this.grace = grace;
  }

  @ProcessElement
  public void process(
      @Element KV<String, RawLine> element,
      @Timestamp Instant timestamp,
      @StateId(STATE_PENDING) BagState<TimestampedValue<KV<RawLine, Long>>> bag,
      @StateId(STATE_LEGACY_FRAGMENTS) BagState<TimestampedValue<RawLine>> legacy,
      @StateId(STATE_HOLD) ValueState<Long> hold,
      @StateId(STATE_DUE) ValueState<Long> due,
      @TimerId(TIMER_MATCH) Timer match,
      @TimerId(TIMER_GRACE) Timer wake) {
    long ts = timestamp.getMillis();
    long arrival = wake.getCurrentRelativeTime().getMillis();
    bag.add(TimestampedValue.of(KV.of(element.getValue(), arrival), timestamp));
    long deadline = deadlineOf(ts);
    Long held = hold.read();
    Long pending = held == null ? null : due.read();
    if (held != null && pending == null) {
      // A timer set by a build before deadlines: its fragments join the new bag before due is
      // written, as the firing reads the old bag only while due is unset.
      pending = held + timeout.getMillis();
      migrate(legacy, bag);
      due.write(pending);
    }
    // A timer set for this element may only hold the watermark at or after it, so the timer
    // moves only when this fragment is the earliest. Otherwise the pending timer is not later
    // than this deadline (it is the earliest deadline not yet passed, and this one is not
    // earlier than the held fragment's), or it waits at the end of time for a grace wake-up that
    // sets it to the watermark, before this deadline passes or at once if it has.
    if (held == null || ts < held) {
      long fire = pending == null ? deadline : Math.min(pending, deadline);
      match.withOutputTimestamp(timestamp).set(new Instant(fire));
      hold.write(ts);
      due.write(fire);
    }
  }

  /** The end of a grace: the event-time timer fires at the next watermark and decides. */
  @OnTimer(TIMER_GRACE)
  public void onGrace(
      OnTimerContext context,
      @StateId(STATE_HOLD) ValueState<Long> hold,
      @StateId(STATE_DUE) ValueState<Long> due,
      @TimerId(TIMER_MATCH) Timer match) {
    Long held = hold.read();
    Long pending = due.read();
    // An earlier fragment arrived since: it moved the event-time timer below this timer's hold.
    if (held == null || pending == null || held < context.timestamp().getMillis()) {
      return;
    }
    long fire = Math.max(match.getCurrentRelativeTime().getMillis(), held);
    if (fire < pending) {
      match.withOutputTimestamp(new Instant(held)).set(new Instant(fire));
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
      @TimerId(TIMER_GRACE) Timer wake,
      MultiOutputReceiver out) {
    long now = context.fireTimestamp().getMillis();
    long clock = wake.getCurrentRelativeTime().getMillis();
    // The end of the input: nothing more can arrive, so no fragment waits for a grace.
    boolean end = now >= END_OF_TIME;
    // Arrivals since the last firing, by slot.
    TreeMap<Long, List<TimestampedValue<KV<RawLine, Long>>>> touched = new TreeMap<>();
    for (TimestampedValue<KV<RawLine, Long>> tv : bag.read()) {
      touched.computeIfAbsent(slotOf(tv), k -> new ArrayList<>()).add(tv);
    }
    if (due.read() == null) { // state of a build before deadlines (see class comment)
      for (TimestampedValue<RawLine> tv : legacy.read()) {
        TimestampedValue<KV<RawLine, Long>> f = arrivedLongAgo(tv);
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
        FragmentMatcher.Fragment f = toFragment(raw, tv.getTimestamp().getMillis());
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

    FragmentMatcher.Result result = FragmentMatcher.match(ready, timeout.getMillis());
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
    long wakeAt = Long.MAX_VALUE;
    for (FragmentMatcher.Fragment f : result.pending()) {
      TimestampedValue<KV<RawLine, Long>> tv = byFragment.get(f);
      long ts = tv.getTimestamp().getMillis();
      long graceEnd = graceEnd(tv);
      if (deadlineOf(ts) <= now && (end || graceEnd <= clock)) {
        emitter.deadLetter(out, tv.getValue().getKey(), DeadLetter.Stage.MULTIPART,
            orphanReason(f), ts);
        continue;
      }
      if (deadlineOf(ts) <= now) {
        wakeAt = Math.min(wakeAt, graceEnd);
      }
      keep.get(slotOf(tv)).add(tv);
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
        long ts = tv.getTimestamp().getMillis();
        earliest = Math.min(earliest, ts);
        if (deadlineOf(ts) > now) {
          deadline = Math.min(deadline, deadlineOf(ts));
        }
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
      wake.clear();
      return;
    }
    slotIndex.write(index);
    long earliest = Long.MAX_VALUE;
    long fire = Long.MAX_VALUE;
    for (KV<Long, Long> v : index.values()) {
      earliest = Math.min(earliest, v.getKey());
      fire = Math.min(fire, v.getValue());
    }
    // Only graces left: the timer waits at the end of time, holding the watermark, until the
    // grace timer moves it.
    fire = Math.min(fire, END_OF_TIME);
    // Kept fragments are not earlier than the firing timer's hold, so these holds are allowed.
    Instant holdAt = new Instant(earliest);
    match.withOutputTimestamp(holdAt).set(new Instant(fire));
    if (wakeAt == Long.MAX_VALUE) {
      wake.clear();
    } else {
      wake.withOutputTimestamp(holdAt).set(new Instant(wakeAt));
    }
    hold.write(earliest);
    due.write(fire);
  }

  /** When a fragment's deadline passes: its event time + timeout, at most the end of time. */
  private long deadlineOf(long eventTime) {
    return Math.min(eventTime + timeout.getMillis(), END_OF_TIME);
  }

  private long graceEnd(TimestampedValue<KV<RawLine, Long>> tv) {
    return tv.getValue().getValue() + grace.getMillis();
  }

  private static long slotOf(TimestampedValue<?> tv) {
    return Math.floorDiv(tv.getTimestamp().getMillis(), SLOT_MILLIS);
  }

  private void migrate(BagState<TimestampedValue<RawLine>> legacy,
      BagState<TimestampedValue<KV<RawLine, Long>>> bag) {
    legacy.read().forEach(tv -> bag.add(arrivedLongAgo(tv)));
    legacy.clear();
  }

  /** A fragment of an old savepoint: its grace has passed, so it is decided at its deadline. */
  private static TimestampedValue<KV<RawLine, Long>> arrivedLongAgo(TimestampedValue<RawLine> tv) {
    return TimestampedValue.of(KV.of(tv.getValue(), 0L), tv.getTimestamp());
  }

  private String orphanReason(FragmentMatcher.Fragment f) {
    return "incomplete multipart message: fragment " + f.sentence().fragmentNumber() + " of "
        + f.sentence().fragmentCount() + " without its other fragments within "
        + timeout.getStandardSeconds() + " s";
  }

  private static FragmentMatcher.Fragment toFragment(RawLine raw, long eventTime) {
    try {
      return new FragmentMatcher.Fragment(
          raw.origin().offset(), NmeaSentence.parse(raw.line()), eventTime);
    } catch (AisException e) {
      return null;
    }
  }
}

