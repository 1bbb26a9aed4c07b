package io.seawatch.beam;

import io.seawatch.ais.AisException;
import io.seawatch.ais.FragmentMatcher;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.beam.coders.RawLineCoder;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.RawLine;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Reassembles multipart AIS messages, keyed by input stream and multipart key.
 *
 * <p>Pending fragments live in a bag (a message has 2-5 fragments, so the bag stays tiny). On every
 * arrival the fragments are matched by their position in the input stream with {@link
 * FragmentMatcher}, which does not depend on arrival order: a batch run and a streaming run pair the
 * same fragments. Completed messages are emitted at once and their fragments removed.
 *
 * <p>State cleanup: an event-time timer fires {@code timeout} after the newest pending fragment;
 * whatever is still pending then becomes dead letters (orphans) and the bag is cleared. The timer
 * holds the output watermark at the newest arrival's timestamp so the dead letters are not late.
 * When nothing is pending the timer is cleared, so an idle key keeps neither state nor timer.
 */
final class ReassembleMultipartFn extends DoFn<KV<String, RawLine>, Void> {
  private static final long serialVersionUID = 1L;

  static final String STATE_FRAGMENTS = "fragments";
  static final String TIMER_EXPIRY = "expiry";

  @StateId(STATE_FRAGMENTS)
  private final StateSpec<BagState<TimestampedValue<RawLine>>> fragmentsSpec =
      StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(RawLineCoder.of()));

  @TimerId(TIMER_EXPIRY)
  private final TimerSpec expirySpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

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
      @TimerId(TIMER_EXPIRY) Timer expiry,
      MultiOutputReceiver out) {
    List<TimestampedValue<RawLine>> all = new ArrayList<>();
    bag.read().forEach(all::add);
    all.add(TimestampedValue.of(element.getValue(), timestamp));

    Map<FragmentMatcher.Fragment, TimestampedValue<RawLine>> byFragment = new IdentityHashMap<>();
    List<FragmentMatcher.Fragment> fragments = new ArrayList<>(all.size());
    for (TimestampedValue<RawLine> tv : all) {
      FragmentMatcher.Fragment f = toFragment(tv.getValue());
      if (f == null) {
        // Parsed fine upstream; a failure here would be a decoder bug, never a reason to lose it.
        emitter.deadLetter(out, tv.getValue(), DeadLetter.Stage.MULTIPART,
            "fragment no longer parses", tv.getTimestamp().getMillis());
        continue;
      }
      byFragment.put(f, tv);
      fragments.add(f);
    }

    FragmentMatcher.Result result = FragmentMatcher.match(fragments);
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

    bag.clear();
    if (result.pending().isEmpty()) {
      expiry.clear();
      return;
    }
    long newest = Long.MIN_VALUE;
    for (FragmentMatcher.Fragment f : result.pending()) {
      TimestampedValue<RawLine> tv = byFragment.get(f);
      bag.add(tv);
      newest = Math.max(newest, tv.getTimestamp().getMillis());
    }
    Instant fireAt = new Instant(newest).plus(timeout);
    Instant hold = timestamp.isAfter(fireAt) ? fireAt : timestamp;
    expiry.withOutputTimestamp(hold).set(fireAt);
  }

  @OnTimer(TIMER_EXPIRY)
  public void onExpiry(
      @StateId(STATE_FRAGMENTS) BagState<TimestampedValue<RawLine>> bag,
      MultiOutputReceiver out) {
    for (TimestampedValue<RawLine> tv : bag.read()) {
      emitter.deadLetter(out, tv.getValue(), DeadLetter.Stage.MULTIPART,
          orphanReason(tv.getValue()), tv.getTimestamp().getMillis());
    }
    bag.clear();
  }

  private String orphanReason(RawLine raw) {
    FragmentMatcher.Fragment f = toFragment(raw);
    if (f == null) {
      return "incomplete multipart message";
    }
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
