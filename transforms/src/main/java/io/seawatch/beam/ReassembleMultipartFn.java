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
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
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
 * <p>Timer: one event-time timer per key. It fires first at the earliest pending fragment, then
 * every {@link #POLL_STEP} of event time while fragments up to the timer's time wait for partners
 * (a message is emitted within one step after the watermark passes its last fragment), else at the
 * next pending fragment. Its output timestamp holds the watermark at the
 * earliest pending fragment, so messages and dead letters keep their own event time. A fragment
 * still unmatched {@code timeout} after its event time becomes a dead letter.
 *
 * <p>State cleanup: when the bag is empty the hold is cleared and no timer is set, so an idle key
 * keeps neither state nor timer.
 */
final class ReassembleMultipartFn extends DoFn<KV<String, RawLine>, VesselPosition> {
  private static final long serialVersionUID = 1L;

  static final String STATE_FRAGMENTS = "fragments";
  static final String STATE_HOLD = "hold";
  static final String TIMER_MATCH = "match";
  static final Duration POLL_STEP = Duration.standardSeconds(10);

  @StateId(STATE_FRAGMENTS)
  private final StateSpec<BagState<TimestampedValue<RawLine>>> fragmentsSpec =
      StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(RawLineCoder.of()));

  /** Output timestamp of the pending timer (the earliest pending fragment), epoch millis. */
  @StateId(STATE_HOLD)
  private final StateSpec<ValueState<Long>> holdSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId(TIMER_MATCH)
  private final TimerSpec matchSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private final Duration timeout;
  private final MessageEmitter emitter = new MessageEmitter();

  ReassembleMultipartFn(Duration timeout) {
    this.timeout = timeout;
  }

  @ProcessElement
  public void process(
      @Element KV<String, RawLine> element,
      @Timestamp Instant timestamp,
      @StateId(STATE_FRAGMENTS) BagState<TimestampedValue<RawLine>> bag,
      @StateId(STATE_HOLD) ValueState<Long> hold,
      @TimerId(TIMER_MATCH) Timer match) {
    bag.add(TimestampedValue.of(element.getValue(), timestamp));
    Long current = hold.read();
    // A timer may only hold the watermark at or after the current element, so it is moved only
    // when this fragment is the earliest; otherwise the pending timer will see this fragment.
    if (current == null || timestamp.getMillis() < current) {
      match.withOutputTimestamp(timestamp).set(timestamp);
      hold.write(timestamp.getMillis());
    }
  }

  @OnTimer(TIMER_MATCH)
  public void onMatch(
      OnTimerContext context,
      @StateId(STATE_FRAGMENTS) BagState<TimestampedValue<RawLine>> bag,
      @StateId(STATE_HOLD) ValueState<Long> hold,
      @TimerId(TIMER_MATCH) Timer match,
      MultiOutputReceiver out) {
    long now = context.fireTimestamp().getMillis();
    List<TimestampedValue<RawLine>> keep = new ArrayList<>();
    Map<FragmentMatcher.Fragment, TimestampedValue<RawLine>> byFragment = new IdentityHashMap<>();
    List<FragmentMatcher.Fragment> due = new ArrayList<>();
    for (TimestampedValue<RawLine> tv : bag.read()) {
      if (tv.getTimestamp().getMillis() > now) {
        keep.add(tv); // not every fragment up to its time has arrived yet
        continue;
      }
      FragmentMatcher.Fragment f = toFragment(tv.getValue());
      if (f == null) {
        // It parsed upstream; failing now would be a decoder bug, never a reason to lose a line.
        emitter.deadLetter(out, tv.getValue(), DeadLetter.Stage.MULTIPART,
            "fragment no longer parses", tv.getTimestamp().getMillis());
        continue;
      }
      byFragment.put(f, tv);
      due.add(f);
    }

    FragmentMatcher.Result result = FragmentMatcher.match(due);
    for (List<FragmentMatcher.Fragment> message : result.complete()) {
      List<NmeaSentence> sentences = new ArrayList<>(message.size());
      List<RawLine> raws = new ArrayList<>(message.size());
      long eventTime = Long.MIN_VALUE;
      for (FragmentMatcher.Fragment f : message) {
        TimestampedValue<RawLine> tv = byFragment.get(f);
        sentences.add(f.sentence());
        raws.add(tv.getValue());
        eventTime = Math.max(eventTime, tv.getTimestamp().getMillis());
      }
      emitter.emit(out, sentences, raws, eventTime, true);
    }
    for (FragmentMatcher.Fragment f : result.pending()) {
      TimestampedValue<RawLine> tv = byFragment.get(f);
      if (tv.getTimestamp().getMillis() + timeout.getMillis() <= now) {
        emitter.deadLetter(out, tv.getValue(), DeadLetter.Stage.MULTIPART, orphanReason(f),
            tv.getTimestamp().getMillis());
      } else {
        keep.add(tv);
      }
    }

    bag.clear();
    if (keep.isEmpty()) {
      hold.clear();
      return;
    }
    long earliest = Long.MAX_VALUE;
    long nextFuture = Long.MAX_VALUE;
    boolean waiting = false; // a fragment up to now still waits for its partners
    for (TimestampedValue<RawLine> tv : keep) {
      bag.add(tv);
      long t = tv.getTimestamp().getMillis();
      earliest = Math.min(earliest, t);
      if (t > now) {
        nextFuture = Math.min(nextFuture, t);
      } else {
        waiting = true;
      }
    }
    // Poll only while a fragment waits (its timeout bounds the polls); otherwise jump to the next
    // fragment: stepping 10 s at a time across a long event-time gap means millions of firings
    // inside one watermark advance, during which no checkpoint barrier gets through.
    long next = waiting ? Math.min(now + POLL_STEP.getMillis(), nextFuture) : nextFuture;
    match.withOutputTimestamp(new Instant(earliest)).set(new Instant(next));
    hold.write(earliest);
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
