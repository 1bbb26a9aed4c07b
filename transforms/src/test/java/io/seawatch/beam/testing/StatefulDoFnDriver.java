package io.seawatch.beam.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.core.DoFnRunner;
import org.apache.beam.runners.core.DoFnRunners;
import org.apache.beam.runners.core.InMemoryTimerInternals;
import org.apache.beam.runners.core.NullSideInputReader;
import org.apache.beam.runners.core.StateInternals;
import org.apache.beam.runners.core.StepContext;
import org.apache.beam.runners.core.TimerInternals;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.DoFnSchemaInformation;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.WindowedValueMultiReceiver;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.WindowedValue;
import org.apache.beam.sdk.values.WindowedValues;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Instant;

/**
 * Runs a keyed stateful DoFn in the global window the way a streaming runner does: through
 * runners-core's {@code SimpleDoFnRunner} (which the Flink runner wraps too), with each key's
 * state in a {@link SerializedStateInternals} and its event-time timers in an {@code
 * InMemoryTimerInternals}. The DoFn's methods are found by their annotations, so the driver does
 * not depend on their parameter lists. One bundle; timers fire when the watermark has passed them.
 */
public final class StatefulDoFnDriver<K, V, OutputT> {
  /** The {@link SerializedStateInternals.Counts} phase of accesses from {@code @ProcessElement}. */
  public static final String PROCESS = "process";
  /** The phase of accesses from {@code @OnTimer}. */
  public static final String TIMER = "timer";

  private final DoFnRunner<KV<K, V>, OutputT> runner;
  private final SerializedStateInternals.Counts counts = new SerializedStateInternals.Counts();
  private final Map<K, SerializedStateInternals> states = new LinkedHashMap<>();
  private final Map<K, InMemoryTimerInternals> timers = new LinkedHashMap<>();
  private final List<WindowedValue<?>> outputs = new ArrayList<>();
  private K current;
  private long timerFirings;

  public StatefulDoFnDriver(
      DoFn<KV<K, V>, OutputT> fn, TupleTag<OutputT> main, List<TupleTag<?>> additional) {
    StepContext step =
        new StepContext() {
          @Override
          public StateInternals stateInternals() {
            return states.computeIfAbsent(
                current, k -> new SerializedStateInternals(k, counts));
          }

          @Override
          public TimerInternals timerInternals() {
            return timersOf(current);
          }
        };
    runner =
        DoFnRunners.simpleRunner(
            PipelineOptionsFactory.create(),
            fn,
            NullSideInputReader.empty(),
            new WindowedValueMultiReceiver() {
              @Override
              public <T> void output(TupleTag<T> tag, WindowedValue<T> output) {
                outputs.add(output);
              }
            },
            main,
            additional,
            step,
            null,
            Map.of(),
            WindowingStrategy.globalDefault(),
            DoFnSchemaInformation.create(),
            Map.of());
    runner.startBundle();
  }

  private InMemoryTimerInternals timersOf(K key) {
    return timers.computeIfAbsent(key, k -> new InMemoryTimerInternals());
  }

  /** Delivers one element with its event time. */
  public void process(K key, V value, long timestampMillis) {
    current = key;
    counts.setPhase(PROCESS);
    runner.processElement(
        WindowedValues.timestampedValueInGlobalWindow(KV.of(key, value), new Instant(timestampMillis)));
  }

  /** Moves every key's input watermark and fires, per key in time order, the timers it passed. */
  public void advanceWatermarkTo(long millis) {
    Instant watermark = new Instant(millis);
    for (K key : timers.keySet()) {
      InMemoryTimerInternals keyTimers = timers.get(key);
      try {
        keyTimers.advanceInputWatermark(watermark);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      TimerInternals.TimerData timer;
      while ((timer = keyTimers.removeNextEventTimer()) != null) {
        current = key;
        counts.setPhase(TIMER);
        timerFirings++;
        runner.onTimer(
            timer.getTimerId(),
            timer.getTimerFamilyId(),
            key,
            GlobalWindow.INSTANCE,
            timer.getTimestamp(),
            timer.getOutputTimestamp(),
            TimeDomain.EVENT_TIME);
      }
    }
  }

  /** Accesses so far, per state id, over all keys. */
  public SerializedStateInternals.Counts counts() {
    return counts;
  }

  public long timerFirings() {
    return timerFirings;
  }

  /** Everything the DoFn output so far, on every tag, in order. */
  public List<WindowedValue<?>> outputs() {
    return outputs;
  }

  /** The keys that still hold state or a timer. */
  public List<K> keysWithStateOrTimers() {
    List<K> keys = new ArrayList<>();
    for (K key : timers.keySet()) {
      if (timers.get(key).getNextTimer(TimeDomain.EVENT_TIME) != null) {
        keys.add(key);
      }
    }
    for (Map.Entry<K, SerializedStateInternals> e : states.entrySet()) {
      if (!e.getValue().isEmpty() && !keys.contains(e.getKey())) {
        keys.add(e.getKey());
      }
    }
    return keys;
  }

  public SerializedStateInternals stateOf(K key) {
    return states.get(key);
  }
}
