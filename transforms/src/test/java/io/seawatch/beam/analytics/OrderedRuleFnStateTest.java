package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.coders.FixCoder;
import io.seawatch.model.DeadLetter;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleScenarios;
import io.seawatch.rules.ScenarioRuns;
import io.seawatch.rules.VesselEvent;
import io.seawatch.testdata.AnalyticsScenarios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.runners.core.InMemoryStateInternals;
import org.apache.beam.runners.core.StateNamespaces;
import org.apache.beam.runners.core.StateTags;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SortedMapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.OutputBuilder;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * State hygiene of {@link OrderedRuleFn}, checked by looking into its state: the DoFn's methods
 * are driven directly with in-memory state cells (runners-core) and a recording timer, the way a
 * runner would (flink-training's "state is cleared" tests are the model). After the vessel's
 * episode ends the rule state is gone at once; after the key retention every cell is empty and no
 * timer is set.
 */
public class OrderedRuleFnStateTest {
  private static final long KEY = 244_000_001L;
  private static final long LATENESS = 60 * 60_000L;
  private static final long RETENTION = 30L * 24 * 3600_000L;

  /** A timer that remembers what was set last. */
  static final class RecordingTimer implements Timer {
    Instant fireAt;
    Instant outputAt;
    private Instant pendingOutput;

    @Override
    public void set(Instant time) {
      fireAt = time;
      outputAt = pendingOutput == null ? time : pendingOutput;
      pendingOutput = null;
    }

    @Override
    public void clear() {
      fireAt = null;
      outputAt = null;
    }

    @Override
    public Timer withOutputTimestamp(Instant outputTime) {
      pendingOutput = outputTime;
      return this;
    }

    @Override
    public void setRelative() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer offset(Duration offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer align(Duration period) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer withNoOutputTimestamp() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant getCurrentRelativeTime() {
      throw new UnsupportedOperationException();
    }
  }

  /** Collects outputs by tag, with their timestamps. */
  static final class Outputs implements DoFn.MultiOutputReceiver {
    final List<TimestampedValue<Object>> all = new ArrayList<>();

    @Override
    public <T> DoFn.OutputReceiver<T> get(TupleTag<T> tag) {
      return new DoFn.OutputReceiver<T>() {
        @Override
        public OutputBuilder<T> builder(T value) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void output(T value) {
          all.add(TimestampedValue.of(value, BoundedWindow.TIMESTAMP_MIN_VALUE));
        }

        @Override
        public void outputWithTimestamp(T value, Instant timestamp) {
          all.add(TimestampedValue.of(value, timestamp));
        }
      };
    }

    @Override
    public <T> DoFn.OutputReceiver<Row> getRowReceiver(TupleTag<T> tag) {
      throw new UnsupportedOperationException();
    }
  }

  private final OrderedRuleFn<Long, Fix, ?, VesselEvent> fn =
      new OrderedRuleFn<>(
          new DetectLoitering.Rule(AnalyticsConfig.defaults()),
          FixCoder.of(),
          Analytics.DEAD_LETTERS,
          LATENESS,
          RETENTION);
  private final InMemoryStateInternals<Long> state = InMemoryStateInternals.forKey(KEY);
  private final BagState<TimestampedValue<Fix>> buffer =
      state.state(
          StateNamespaces.global(),
          StateTags.bag(
              OrderedRuleFn.STATE_BUFFER,
              TimestampedValue.TimestampedValueCoder.of(FixCoder.of())));
  private final MapState<Long, List<TimestampedValue<Fix>>> slots =
      state.state(
          StateNamespaces.global(),
          StateTags.map(
              OrderedRuleFn.STATE_SLOTS,
              VarLongCoder.of(),
              ListCoder.of(TimestampedValue.TimestampedValueCoder.of(FixCoder.of()))));
  private final ValueState<SortedMap<Long, Long>> slotIndex =
      state.state(
          StateNamespaces.global(),
          StateTags.value(
              OrderedRuleFn.STATE_SLOT_INDEX,
              SortedMapCoder.of(VarLongCoder.of(), VarLongCoder.of())));
  private final ValueState<byte[]> rule =
      state.state(
          StateNamespaces.global(), StateTags.value(OrderedRuleFn.STATE_RULE, ByteArrayCoder.of()));
  private final ValueState<Long> processed = longCell(OrderedRuleFn.STATE_PROCESSED);
  private final ValueState<Long> lastInput = longCell(OrderedRuleFn.STATE_LAST_INPUT);
  private final ValueState<Long> next = longCell(OrderedRuleFn.STATE_NEXT);
  private final RecordingTimer timer = new RecordingTimer();
  private final Outputs out = new Outputs();

  private ValueState<Long> longCell(String id) {
    return state.state(StateNamespaces.global(), StateTags.value(id, VarLongCoder.of()));
  }

  private void input(Fix f) {
    fn.process(
        KV.of(KEY, List.of(TimestampedValue.of(f, new Instant(f.timeMillis())))),
        buffer,
        processed,
        next,
        timer,
        out);
  }

  /** Fires the timer as long as the watermark has passed it, as a runner does. */
  private void advanceWatermarkTo(long watermark) {
    while (timer.fireAt != null && timer.fireAt.getMillis() <= watermark) {
      Instant fire = timer.fireAt;
      Instant output = timer.outputAt;
      fn.onFlush(
          context(fire, output),
          KEY,
          buffer,
          slots,
          slotIndex,
          rule,
          processed,
          lastInput,
          next,
          timer,
          out);
      if (timer.fireAt != null && !timer.fireAt.isAfter(fire)) {
        throw new AssertionError("timer did not advance past " + fire);
      }
    }
  }

  private DoFn<KV<Long, List<TimestampedValue<Fix>>>, VesselEvent>.OnTimerContext context(Instant fire, Instant output) {
    return fn.new OnTimerContext() {
      @Override
      public Instant fireTimestamp() {
        return fire;
      }

      @Override
      public Instant timestamp() {
        return output;
      }

      @Override
      public BoundedWindow window() {
        return GlobalWindow.INSTANCE;
      }

      @Override
      public TimeDomain timeDomain() {
        return TimeDomain.EVENT_TIME;
      }

      @Override
      public PipelineOptions getPipelineOptions() {
        return PipelineOptionsFactory.create();
      }

      @Override
      public void output(VesselEvent output) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void outputWithTimestamp(VesselEvent output, Instant timestamp) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void outputWindowedValue(
          VesselEvent output,
          Instant timestamp,
          java.util.Collection<? extends BoundedWindow> windows,
          PaneInfo paneInfo) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> void output(TupleTag<T> tag, T output) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> void outputWithTimestamp(TupleTag<T> tag, T output, Instant timestamp) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> void outputWindowedValue(
          TupleTag<T> tag,
          T output,
          Instant timestamp,
          java.util.Collection<? extends BoundedWindow> windows,
          PaneInfo paneInfo) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  public void ruleStateIsFreedAtTheEpisodesEndAndEveryCellAfterTheRetention() {
    List<Fix> tanker = ScenarioRuns.fixes(AnalyticsScenarios.tankerLoitering());
    List<Fix> fixes = new ArrayList<>(tanker);
    Collections.shuffle(fixes, new Random(3));
    for (Fix f : fixes) {
      input(f); // all arrive before the watermark moves: arrival order is irrelevant
    }
    assertEquals(fixes.size(), count(buffer.read()));
    long lastFix = millis("2024-06-01T03:10:00Z");

    // Everything applied; the episode ended at 02:20: the rule state is empty, hence gone.
    advanceWatermarkTo(lastFix + LATENESS + 60_000);
    assertEquals(
        RuleScenarios.loiteringReference(tanker, Long.MAX_VALUE / 2),
        events());
    assertTrue(buffer.read().iterator().hasNext() == false);
    assertTrue(slots.isEmpty().read());
    assertNull(rule.read());
    assertEquals(Long.valueOf(lastFix), processed.read());
    assertNotNull(timer.fireAt); // the retention timer

    // A straggler now is late: a dead letter, and nothing is buffered.
    input(tanker.get(3));
    assertEquals(1, deadLetters());
    assertFalse(buffer.read().iterator().hasNext());

    // Just before the retention ends the processed time is still kept ...
    advanceWatermarkTo(lastFix + RETENTION + LATENESS - 1);
    assertNotNull(processed.read());
    // ... and after it every cell is empty and no timer is set.
    advanceWatermarkTo(lastFix + RETENTION + LATENESS);
    assertFalse(buffer.read().iterator().hasNext());
    assertTrue(slots.isEmpty().read());
    assertNull(slotIndex.read());
    assertNull(rule.read());
    assertNull(processed.read());
    assertNull(lastInput.read());
    assertNull(next.read());
    assertNull(timer.fireAt);
    assertEquals(2, events().size()); // nothing more was emitted
  }

  @Test
  public void aFlushMovesTheArrivalsIntoSlotsAndTakesOutTheDueOnes() {
    List<Fix> tanker = ScenarioRuns.fixes(AnalyticsScenarios.tankerLoitering());
    List<Fix> fixes = new ArrayList<>(tanker);
    Collections.shuffle(fixes, new Random(4));
    fixes.forEach(this::input);
    long upTo = millis("2024-05-31T22:00:00Z");

    advanceWatermarkTo(upTo + LATENESS);

    // Every fix up to 22:00 is applied; the others wait in the slot of their minute (rounded up),
    // the index holding each slot's earliest time; the bag is empty.
    SortedMap<Long, Long> expected = new TreeMap<>();
    int waiting = 0;
    for (Fix f : tanker) {
      if (f.timeMillis() > upTo) {
        expected.merge(OrderedRuleFn.roundUp(f.timeMillis()), f.timeMillis(), Math::min);
        waiting++;
      }
    }
    assertTrue(waiting > 0 && waiting < tanker.size());
    assertEquals(expected, slotIndex.read());
    int inSlots = 0;
    for (var e : slots.entries().read()) {
      for (TimestampedValue<Fix> tv : e.getValue()) {
        assertEquals(e.getKey().longValue(), OrderedRuleFn.roundUp(tv.getTimestamp().getMillis()));
        inSlots++;
      }
    }
    assertEquals(waiting, inSlots);
    assertFalse(buffer.read().iterator().hasNext());
    // The timer holds the watermark at the earliest waiting fix.
    assertEquals(expected.get(expected.firstKey()), next.read());
    assertEquals(expected.get(expected.firstKey()).longValue(), timer.outputAt.getMillis());
  }

  /**
   * A savepoint of the build before slots kept every pending input in the bag (sorted, as its
   * flushes rewrote it) and none in slots; rule state, times and timer meant the same. Resumed
   * from it, with more fixes arriving, the key gives the same events and frees every cell.
   */
  @Test
  public void resumesFromASavepointWithEveryPendingInputInTheBag() {
    List<Fix> tanker = ScenarioRuns.fixes(AnalyticsScenarios.tankerLoitering());
    long restoreAt = millis("2024-06-01T01:00:00Z");
    List<Fix> before = new ArrayList<>();
    List<Fix> after = new ArrayList<>();
    for (Fix f : tanker) {
      (f.timeMillis() <= restoreAt ? before : after).add(f);
    }
    Collections.shuffle(before, new Random(5));
    before.forEach(this::input);
    advanceWatermarkTo(millis("2024-06-01T00:00:00Z") + LATENESS);
    assertFalse(slots.isEmpty().read());

    toLayoutBeforeSlots();
    Collections.shuffle(after, new Random(6));
    after.forEach(this::input);
    // The first flush moves the old bag and the new arrivals into slots.
    advanceWatermarkTo(timer.fireAt.getMillis());
    assertFalse(buffer.read().iterator().hasNext());
    assertFalse(slots.isEmpty().read());

    long lastFix = millis("2024-06-01T03:10:00Z");
    advanceWatermarkTo(lastFix + LATENESS + 60_000);
    assertEquals(RuleScenarios.loiteringReference(tanker, Long.MAX_VALUE / 2), events());
    advanceWatermarkTo(lastFix + RETENTION + LATENESS);
    assertFalse(buffer.read().iterator().hasNext());
    assertTrue(slots.isEmpty().read());
    assertNull(slotIndex.read());
    assertNull(rule.read());
    assertNull(processed.read());
    assertNull(lastInput.read());
    assertNull(next.read());
    assertNull(timer.fireAt);
    assertEquals(0, deadLetters());
  }

  /** Pending inputs as the build before slots kept them: all in the bag, in time order. */
  private void toLayoutBeforeSlots() {
    List<TimestampedValue<Fix>> pending = new ArrayList<>();
    buffer.read().forEach(pending::add);
    for (var e : slots.entries().read()) {
      pending.addAll(e.getValue());
    }
    pending.sort(
        Comparator.<TimestampedValue<Fix>>comparingLong(
                tv -> tv.getTimestamp().getMillis())
            .thenComparing(TimestampedValue::getValue, Analytics.FIX_ORDER));
    buffer.clear();
    pending.forEach(buffer::add);
    slots.clear();
    slotIndex.clear();
  }

  private List<VesselEvent> events() {
    List<VesselEvent> events = new ArrayList<>();
    for (TimestampedValue<Object> tv : out.all) {
      if (tv.getValue() instanceof VesselEvent e) {
        events.add(e);
      }
    }
    return events;
  }

  private int deadLetters() {
    int n = 0;
    for (TimestampedValue<Object> tv : out.all) {
      n += tv.getValue() instanceof DeadLetter ? 1 : 0;
    }
    return n;
  }

  private static int count(Iterable<?> it) {
    int n = 0;
    for (Object o : it) {
      n++;
    }
    return n;
  }
}
