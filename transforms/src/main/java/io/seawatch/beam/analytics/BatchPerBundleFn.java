package io.seawatch.beam.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/**
 * Collects a bundle's inputs per key, before the shuffle, into one element per key: the inputs in
 * arrival order, each with its own timestamp. The keyed step after it ({@link OrderedRuleFn}) then
 * pays its per-element costs (key switch, state reads, timer) once per key and bundle instead of
 * once per input: with the runner's bundles of up to 100,000 inputs or 1 s, a vessel in a catch-up
 * brings tens of fixes per bundle, a busy cell hundreds. It changes no result: the keyed step treats
 * a batch exactly as the same inputs arriving one after the other (it orders inputs by their own
 * time before applying them).
 *
 * <p>A batch is timestamped at its earliest input, so it is never later than any input it holds.
 * The runner finishes a bundle before it forwards a watermark or takes a checkpoint, so a batch
 * is never behind the watermark its inputs were not behind. Keys need value equality ({@code
 * Long}, {@code String}, as all analytics keys are). Inputs must be in the global window (all
 * analytics run there).
 */
final class BatchPerBundleFn<K, I> extends DoFn<KV<K, I>, KV<K, List<TimestampedValue<I>>>> {
  private static final long serialVersionUID = 1L;

  private transient Map<K, List<TimestampedValue<I>>> batches;

  @StartBundle
  public void startBundle() {
    batches = new LinkedHashMap<>();
  }

  @ProcessElement
  public void process(
      @Element KV<K, I> element, @Timestamp Instant timestamp, BoundedWindow window) {
    if (!(window instanceof GlobalWindow)) {
      throw new IllegalStateException("analytics inputs must be in the global window: " + window);
    }
    batches
        .computeIfAbsent(element.getKey(), k -> new ArrayList<>())
        .add(TimestampedValue.of(element.getValue(), timestamp));
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (Map.Entry<K, List<TimestampedValue<I>>> e : batches.entrySet()) {
      Instant earliest = BoundedWindow.TIMESTAMP_MAX_VALUE;
      for (TimestampedValue<I> tv : e.getValue()) {
        if (tv.getTimestamp().isBefore(earliest)) {
          earliest = tv.getTimestamp();
        }
      }
      context.output(KV.of(e.getKey(), e.getValue()), earliest, GlobalWindow.INSTANCE);
    }
    batches = null;
  }
}
