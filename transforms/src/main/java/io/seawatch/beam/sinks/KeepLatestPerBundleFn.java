package io.seawatch.beam.sinks;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Instant;

/**
 * Reduces a bundle to one row per table key (the version the table would end with anyway),
 * emitted in key order when the bundle finishes: no key twice in a batch (21000) and every writer
 * locks rows in the same order (no 40P01). No state, no added latency beyond the bundle. Input
 * must be in the global window.
 */
final class KeepLatestPerBundleFn<K extends Comparable<K>, T> extends DoFn<T, T> {
  private static final long serialVersionUID = 1L;

  private final SerializableFunction<T, K> key;
  private final SerializableBiFunction<T, T, T> later;
  private transient Map<K, T> rows;
  private transient Map<K, Instant> timestamps;

  KeepLatestPerBundleFn(SerializableFunction<T, K> key, SerializableBiFunction<T, T, T> later) {
    this.key = key;
    this.later = later;
  }

  @StartBundle
  public void startBundle() {
    rows = new TreeMap<>();
    timestamps = new TreeMap<>();
  }

  @ProcessElement
  public void process(@Element T row, @Timestamp Instant ts) {
    K k = key.apply(row);
    rows.merge(k, row, later::apply);
    timestamps.merge(k, ts, (a, b) -> a.isAfter(b) ? a : b);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext ctx) {
    for (Map.Entry<K, T> e : rows.entrySet()) {
      ctx.output(e.getValue(), timestamps.get(e.getKey()), GlobalWindow.INSTANCE);
    }
    rows = null;
    timestamps = null;
  }
}
