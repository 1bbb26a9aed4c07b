package io.seawatch.beam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.seawatch.model.Origin;
import io.seawatch.model.RawLine;
import io.seawatch.model.VesselPosition;
import io.seawatch.testdata.AisPayload;
import io.seawatch.testdata.Nmea;
import io.seawatch.testdata.StaticVoyageData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.ReadableState;
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
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The DoFn's state handling, called with in-memory state: which slots a firing reads and writes,
 * and state of earlier builds as a savepoint restores it (the old bag and a hold, no {@code due};
 * or every pending fragment in the bag, from a build before the slots), which no runner can be
 * handed. Pairing itself is tested through a runner in DecodeAisSentencesTest.
 */
@RunWith(JUnit4.class)
public class ReassembleMultipartFnTest {
  private static final long T0 = 1_717_200_000_000L;
  private static final long TIMEOUT = 120_000;
  private static final long LATE_W = T0 + Duration.standardHours(3).getMillis();

  private final ReassembleMultipartFn fn =
      new ReassembleMultipartFn(Duration.millis(TIMEOUT), true);
  private final FakeBag<TimestampedValue<KV<RawLine, Long>>> bag = new FakeBag<>();
  private final FakeBag<TimestampedValue<RawLine>> legacy = new FakeBag<>();
  private final FakeSlots slots = new FakeSlots();
  private final FakeValue<SortedMap<Long, KV<Long, Long>>> slotIndex = new FakeValue<>();
  private final FakeValue<Long> hold = new FakeValue<>();
  private final FakeValue<Long> due = new FakeValue<>();
  private final FakeTimer timer = new FakeTimer();
  private final FakeOut out = new FakeOut();

  private static final List<String> VOYAGE = fragments(new StaticVoyageData(0, 244123456, 0,
      9134270, "PDAB", "NORTH STAR", 70, 120, 30, 10, 12, 1, 6, 2, 14, 30, 95, "ROTTERDAM", false)
      .encode());

  private static List<String> fragments(AisPayload payload) {
    List<String> parts = Nmea.fragments(payload.payload());
    List<String> res = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      res.add(Nmea.sentence(parts.size(), i + 1, "3", 'B', parts.get(i),
          i == parts.size() - 1 ? payload.fillBits() : 0));
    }
    return res;
  }

  private static RawLine line(long offset, long millis, String sentence) {
    return new RawLine(Nmea.tagBlock("sat1", millis / 1000) + sentence,
        Origin.kafka("ais.nmea", 0, offset));
  }

  /** A late fragment 2 joins an old bag's fragment 1; the old timer pairs them. */
  @Test
  public void oldBagPairsWithALateFragmentAtTheOldTimer() {
    legacy.add(TimestampedValue.of(line(1, T0, VOYAGE.get(0)), new Instant(T0)));
    hold.write(T0);

    timer.watermark = LATE_W;
    fn.process(KV.of("k", line(2, T0, VOYAGE.get(1))), new Instant(T0), bag, legacy, hold, due,
        timer);
    assertNull("not the earliest: the old timer stays", timer.target);
    fn.onMatch(context(T0 + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);

    assertEquals(List.of("messageTypes 5 @" + T0), out.typesAndDeadLetters());
    assertEquals(List.of(), legacy.items);
    assertEquals(List.of(), bag.items);
    assertNull(hold.read());
    assertNull(due.read());
  }

  /** An earlier fragment moves the timer: the old bag joins the new one before due is written. */
  @Test
  public void earlierFragmentMigratesTheOldBag() {
    legacy.add(TimestampedValue.of(line(2, T0 + 1000, VOYAGE.get(1)), new Instant(T0 + 1000)));
    hold.write(T0 + 1000);

    timer.watermark = T0 - 10_000;
    fn.process(KV.of("k", line(1, T0, VOYAGE.get(0))), new Instant(T0), bag, legacy, hold, due,
        timer);
    assertEquals(Long.valueOf(T0 + TIMEOUT), timer.target);
    assertEquals(Long.valueOf(T0), timer.output);
    assertEquals(Long.valueOf(T0 + TIMEOUT), due.read());
    assertEquals(List.of(), legacy.items);
    assertEquals(List.of(T0 + TIMEOUT, T0 + 1000 + TIMEOUT),
        bag.items.stream().map(tv -> tv.getValue().getValue()).toList());

    fn.onMatch(context(T0 + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);
    assertEquals(List.of("messageTypes 5 @" + (T0 + 1000)), out.typesAndDeadLetters());
    assertNull(hold.read());
  }

  /** An old fragment alone is a dead letter at event time + timeout, as before. */
  @Test
  public void oldOrphanTimesOutAtEventTimePlusTimeout() {
    legacy.add(TimestampedValue.of(line(1, T0, VOYAGE.get(0)), new Instant(T0)));
    hold.write(T0);

    fn.onMatch(context(T0 + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);

    assertEquals(List.of("deadLetters ais.nmea/0/1 @" + T0), out.typesAndDeadLetters());
    assertNull(hold.read());
  }

  /**
   * A firing reads only the slots with a ready fragment and those receiving arrivals; a fragment
   * not ready yet stays in its slot, untouched, until a later firing pairs it; then every cell is
   * empty.
   */
  @Test
  public void aFiringReadsOnlyReadySlots() {
    List<String> other = fragments(new StaticVoyageData(0, 244654321, 0, 9134271, "PDXY",
        "SOUTH WIND", 80, 200, 40, 16, 16, 1, 6, 2, 14, 30, 95, "HAMBURG", false).encode());
    long later = T0 + 300_000; // 30 slots after T0
    timer.watermark = T0 - 10_000;
    fn.process(KV.of("k", line(1, T0, VOYAGE.get(0))), new Instant(T0), bag, legacy, hold, due,
        timer);
    fn.process(KV.of("k", line(2, T0, VOYAGE.get(1))), new Instant(T0), bag, legacy, hold, due,
        timer);
    fn.process(KV.of("k", line(3, later, other.get(0))), new Instant(later), bag, legacy, hold,
        due, timer);
    assertEquals(Long.valueOf(T0 + TIMEOUT), timer.target);

    fn.onMatch(context(T0 + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);
    assertEquals(List.of("messageTypes 5 @" + T0), out.typesAndDeadLetters());
    long laterSlot = Math.floorDiv(later, ReassembleMultipartFn.SLOT_MILLIS);
    assertEquals(List.of(), slots.reads);
    assertEquals(List.of(laterSlot), List.copyOf(slots.items.keySet()));
    assertEquals(List.of(laterSlot), List.copyOf(slotIndex.read().keySet()));
    assertEquals(KV.of(later, later + TIMEOUT), slotIndex.read().get(laterSlot));
    assertEquals(List.of(), bag.items);
    assertEquals(Long.valueOf(later), hold.read());
    assertEquals(Long.valueOf(later + TIMEOUT), due.read());
    assertEquals(Long.valueOf(later + TIMEOUT), timer.target);

    // The partner arrives; the next firing reads the slot and pairs the two.
    timer.watermark = later - 10_000;
    fn.process(KV.of("k", line(4, later, other.get(1))), new Instant(later), bag, legacy, hold,
        due, timer);
    fn.onMatch(context(later + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);
    assertEquals(List.of("messageTypes 5 @" + T0, "messageTypes 5 @" + later),
        out.typesAndDeadLetters());
    assertEquals(List.of(laterSlot), slots.reads);
    assertEquals(List.of(), bag.items);
    assertEquals(0, slots.items.size());
    assertNull(slotIndex.read());
    assertNull(hold.read());
    assertNull(due.read());
  }

  /**
   * The cost the slots were made for: a stream of two-part messages, a second apart, with the
   * watermark 300 s behind (the default maxOutOfOrderness). Every message pairs, every cell ends
   * empty, and each fragment is written to state about twice (bag, slot) and read about twice,
   * where the single bag rewrote every pending fragment at each firing: firings 120 s apart with
   * 300 s of fragments not ready yet made that 3.5 writes and 3.5 reads per fragment.
   */
  @Test
  public void eachFragmentIsWrittenTwiceWhateverTheWatermarkLag() {
    int messages = 2_000;
    long lag = 300_000;
    for (int i = 0; i < messages; i++) {
      long ts = T0 + i * 1000L;
      timer.watermark = ts - lag;
      fireDueTimers();
      for (int part = 0; part < 2; part++) {
        fn.process(KV.of("k", line(2L * i + part, ts, VOYAGE.get(part))), new Instant(ts), bag,
            legacy, hold, due, timer);
      }
    }
    timer.watermark = Long.MAX_VALUE / 2;
    fireDueTimers();

    assertEquals(messages, out.typesAndDeadLetters().stream()
        .filter(r -> r.startsWith("messageTypes 5")).count());
    assertEquals(messages, out.typesAndDeadLetters().size());
    int fragments = 2 * messages;
    assertEquals(fragments, bag.added);
    // Plus 10: the fragments not yet ready in the slot a firing time falls into are put back
    // into that slot once more.
    assertEquals(fragments + 10, slots.written);
    assertEquals(fragments + 10, slots.readElements);
    assertEquals(List.of(), bag.items);
    assertEquals(0, slots.items.size());
    assertNull(slotIndex.read());
    assertNull(hold.read());
    assertNull(due.read());
  }

  /**
   * A restore: fragment 1 of a late message is read before the first watermark (the operator's
   * input watermark is the minimum). Its deadline is set at the first firing, from the watermark
   * then, so fragment 2, read after that watermark, still pairs with it. With event time +
   * timeout the first watermark, hours past it, dead-lettered fragment 1.
   */
  @Test
  public void aFragmentReadBeforeTheFirstWatermarkGetsItsDeadlineFromIt() {
    fn.process(KV.of("k", line(1, T0, VOYAGE.get(0))), new Instant(T0), bag, legacy, hold, due,
        timer);
    assertEquals(List.of(ReassembleMultipartFn.UNKNOWN_DEADLINE),
        bag.items.stream().map(tv -> tv.getValue().getValue()).toList());
    assertEquals(Long.valueOf(T0 + TIMEOUT), timer.target); // fires at the first watermark

    timer.watermark = LATE_W;
    fn.onMatch(context(T0 + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);
    assertEquals(List.of(), out.typesAndDeadLetters());
    assertEquals(Long.valueOf(LATE_W + TIMEOUT), timer.target);

    fn.process(KV.of("k", line(2, T0, VOYAGE.get(1))), new Instant(T0), bag, legacy, hold, due,
        timer);
    timer.watermark = LATE_W + TIMEOUT;
    fn.onMatch(context(LATE_W + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);
    assertEquals(List.of("messageTypes 5 @" + T0), out.typesAndDeadLetters());
    assertNull(hold.read());
  }

  /** Bounded input has no watermark before its end: event time + timeout, as always. */
  @Test
  public void aBatchRunKeepsEventTimePlusTimeout() {
    ReassembleMultipartFn batch = new ReassembleMultipartFn(Duration.millis(TIMEOUT), false);
    batch.process(KV.of("k", line(1, T0, VOYAGE.get(0))), new Instant(T0), bag, legacy, hold, due,
        timer);
    assertEquals(List.of(T0 + TIMEOUT),
        bag.items.stream().map(tv -> tv.getValue().getValue()).toList());
  }

  private void fireDueTimers() {
    while (timer.target != null && timer.target <= timer.watermark) {
      long fire = timer.target;
      timer.target = null;
      fn.onMatch(context(fire), bag, slots, slotIndex, legacy, hold, due, timer, out);
    }
  }

  /** A build before the slots kept every pending fragment in the bag: they move into slots. */
  @Test
  public void aBagOfEveryPendingFragmentMovesIntoSlots() {
    long later = T0 + 300_000;
    bag.add(TimestampedValue.of(KV.of(line(1, T0, VOYAGE.get(0)), T0 + TIMEOUT), new Instant(T0)));
    bag.add(TimestampedValue.of(KV.of(line(2, T0, VOYAGE.get(1)), T0 + TIMEOUT), new Instant(T0)));
    bag.add(TimestampedValue.of(KV.of(line(3, later, VOYAGE.get(0)), later + TIMEOUT),
        new Instant(later)));
    hold.write(T0);
    due.write(T0 + TIMEOUT);

    fn.onMatch(context(T0 + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);
    assertEquals(List.of("messageTypes 5 @" + T0), out.typesAndDeadLetters());
    assertEquals(List.of(), bag.items);
    assertEquals(1, slots.items.size());
    assertEquals(Long.valueOf(later), hold.read());

    fn.onMatch(context(later + TIMEOUT), bag, slots, slotIndex, legacy, hold, due, timer, out);
    assertEquals(List.of("messageTypes 5 @" + T0, "deadLetters ais.nmea/0/3 @" + later),
        out.typesAndDeadLetters());
    assertEquals(0, slots.items.size());
    assertNull(slotIndex.read());
    assertNull(hold.read());
  }

  private DoFn<KV<String, RawLine>, VesselPosition>.OnTimerContext context(long fire) {
    return fn.new OnTimerContext() {
      @Override public Instant timestamp() {
        return new Instant(hold.read());
      }

      @Override public Instant fireTimestamp() {
        return new Instant(fire);
      }

      @Override public BoundedWindow window() {
        return GlobalWindow.INSTANCE;
      }

      @Override public TimeDomain timeDomain() {
        return TimeDomain.EVENT_TIME;
      }

      @Override public PipelineOptions getPipelineOptions() {
        throw new UnsupportedOperationException();
      }

      @Override public void output(VesselPosition output) {
        throw new UnsupportedOperationException();
      }

      @Override public void outputWithTimestamp(VesselPosition output, Instant timestamp) {
        throw new UnsupportedOperationException();
      }

      @Override public void outputWindowedValue(VesselPosition output, Instant timestamp,
          java.util.Collection<? extends BoundedWindow> windows, PaneInfo paneInfo) {
        throw new UnsupportedOperationException();
      }

      @Override public <T> void output(TupleTag<T> tag, T output) {
        throw new UnsupportedOperationException();
      }

      @Override public <T> void outputWithTimestamp(TupleTag<T> tag, T output, Instant timestamp) {
        throw new UnsupportedOperationException();
      }

      @Override public <T> void outputWindowedValue(TupleTag<T> tag, T output, Instant timestamp,
          java.util.Collection<? extends BoundedWindow> windows, PaneInfo paneInfo) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static final class FakeBag<T> implements BagState<T> {
    final List<T> items = new ArrayList<>();
    int added;

    @Override public void add(T value) {
      added++;
      items.add(value);
    }

    @Override public ReadableState<Boolean> isEmpty() {
      throw new UnsupportedOperationException();
    }

    @Override public Iterable<T> read() {
      return new ArrayList<>(items);
    }

    @Override public BagState<T> readLater() {
      return this;
    }

    @Override public void clear() {
      items.clear();
    }
  }

  private static final class FakeValue<T> implements ValueState<T> {
    private T value;

    @Override public void write(T input) {
      value = input;
    }

    @Override public T read() {
      return value;
    }

    @Override public ValueState<T> readLater() {
      return this;
    }

    @Override public void clear() {
      value = null;
    }
  }

  /** The slots; counts the slots read, to show which ones a firing leaves alone. */
  private static final class FakeSlots
      implements MapState<Long, List<TimestampedValue<KV<RawLine, Long>>>> {
    final TreeMap<Long, List<TimestampedValue<KV<RawLine, Long>>>> items = new TreeMap<>();
    final List<Long> reads = new ArrayList<>();
    int written;
    int readElements;

    @Override public void put(Long key, List<TimestampedValue<KV<RawLine, Long>>> value) {
      written += value.size();
      items.put(key, new ArrayList<>(value));
    }

    @Override public ReadableState<List<TimestampedValue<KV<RawLine, Long>>>> computeIfAbsent(
        Long key, Function<? super Long, ? extends List<TimestampedValue<KV<RawLine, Long>>>> f) {
      throw new UnsupportedOperationException();
    }

    @Override public void remove(Long key) {
      items.remove(key);
    }

    @Override public ReadableState<List<TimestampedValue<KV<RawLine, Long>>>> get(Long key) {
      reads.add(key);
      List<TimestampedValue<KV<RawLine, Long>>> v = items.get(key);
      readElements += v == null ? 0 : v.size();
      return readable(v == null ? null : new ArrayList<>(v));
    }

    @Override public ReadableState<List<TimestampedValue<KV<RawLine, Long>>>> getOrDefault(
        Long key, List<TimestampedValue<KV<RawLine, Long>>> dflt) {
      throw new UnsupportedOperationException();
    }

    @Override public ReadableState<Iterable<Long>> keys() {
      throw new UnsupportedOperationException();
    }

    @Override public ReadableState<Iterable<List<TimestampedValue<KV<RawLine, Long>>>>> values() {
      throw new UnsupportedOperationException();
    }

    @Override public ReadableState<Iterable<Map.Entry<Long, List<TimestampedValue<KV<RawLine,
        Long>>>>>> entries() {
      throw new UnsupportedOperationException();
    }

    @Override public ReadableState<Boolean> isEmpty() {
      throw new UnsupportedOperationException();
    }

    @Override public void clear() {
      items.clear();
    }

    private static <V> ReadableState<V> readable(V v) {
      return new ReadableState<V>() {
        @Override public V read() {
          return v;
        }

        @Override public ReadableState<V> readLater() {
          return this;
        }
      };
    }
  }

  private static final class FakeTimer implements Timer {
    long watermark = BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis();
    Long target;
    Long output;

    @Override public void set(Instant absoluteTime) {
      target = absoluteTime.getMillis();
    }

    @Override public void setRelative() {
      throw new UnsupportedOperationException();
    }

    @Override public void clear() {
      target = null;
    }

    @Override public Timer offset(Duration offset) {
      throw new UnsupportedOperationException();
    }

    @Override public Timer align(Duration period) {
      throw new UnsupportedOperationException();
    }

    @Override public Timer withOutputTimestamp(Instant outputTime) {
      output = outputTime.getMillis();
      return this;
    }

    @Override public Timer withNoOutputTimestamp() {
      throw new UnsupportedOperationException();
    }

    @Override public Instant getCurrentRelativeTime() {
      return new Instant(watermark);
    }
  }

  /** Records "tag value @timestamp" for message types and dead letters (origin). */
  private static final class FakeOut implements DoFn.MultiOutputReceiver {
    final List<String> records = new ArrayList<>();

    List<String> typesAndDeadLetters() {
      return records.stream()
          .filter(r -> r.startsWith("messageTypes") || r.startsWith("deadLetters")).toList();
    }

    @Override public <T> DoFn.OutputReceiver<T> get(TupleTag<T> tag) {
      return new DoFn.OutputReceiver<T>() {
        @Override public OutputBuilder<T> builder(T value) {
          throw new UnsupportedOperationException();
        }

        @Override public void output(T value) {
          throw new UnsupportedOperationException("outputs carry their event time");
        }

        @Override public void outputWithTimestamp(T value, Instant ts) {
          String v = value instanceof io.seawatch.model.DeadLetter d ? d.origin().toString()
              : String.valueOf(value);
          records.add(name(tag) + " " + v + " @" + ts.getMillis());
        }
      };
    }

    private static String name(TupleTag<?> tag) {
      if (tag.getId().equals(DecodeAisSentences.MESSAGE_TYPES.getId())) {
        return "messageTypes";
      }
      if (tag.getId().equals(DecodeAisSentences.DEAD_LETTERS.getId())) {
        return "deadLetters";
      }
      return tag.getId();
    }

    @Override public <T> DoFn.OutputReceiver<Row> getRowReceiver(TupleTag<T> tag) {
      throw new UnsupportedOperationException();
    }
  }
}
