package io.seawatch.beam.sinks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Instant;

/**
 * Reduces a bundle to one row per table key (the version the table would end with anyway),
 * emitted in key order when the bundle finishes: no key twice in a batch (21000) and every writer
 * locks rows in the same order (no 40P01). No state, no added latency beyond the bundle. Input
 * must be in the global window ({@link io.seawatch.beam.Windowing#inGlobalWindow}).
 */
final class KeepLatestPerBundleFn<K extends Comparable<K>, T> extends DoFn<T, T> {
  private static final long serialVersionUID = 1L;

  private final SerializableFunction<T, K> key;
  private final SerializableBiFunction<T, T, T> later;
  private final SerializableFunction<T, Boolean> accepts;
  // A hash map while the bundle runs (a tree map cost 3 % of the TaskManager's CPU on the
  // benchmark), sorted once at the end.
  private transient Map<K, Latest<T>> rows;

  KeepLatestPerBundleFn(SerializableFunction<T, K> key, SerializableBiFunction<T, T, T> later) {
    this(key, later, row -> true);
  }

  /** Rows {@code accepts} rejects are skipped (a filter in the same step: one operator less). */
  KeepLatestPerBundleFn(
      SerializableFunction<T, K> key,
      SerializableBiFunction<T, T, T> later,
      SerializableFunction<T, Boolean> accepts) {
    this.key = key;
    this.later = later;
    this.accepts = accepts;
  }

  /** The reduced row of one key and the greatest timestamp of the rows reduced into it. */
  private static final class Latest<T> {
    T row;
    Instant timestamp;

    Latest(T row, Instant timestamp) {
      this.row = row;
      this.timestamp = timestamp;
    }
  }

  @StartBundle
  public void startBundle() {
    rows = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element T row, @Timestamp Instant ts) {
    if (!accepts.apply(row)) {
      return;
    }
    K k = key.apply(row);
    Latest<T> l = rows.get(k);
    if (l == null) {
      rows.put(k, new Latest<>(row, ts));
    } else {
      l.row = later.apply(l.row, row);
      if (ts.isAfter(l.timestamp)) {
        l.timestamp = ts;
      }
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext ctx) {
    List<K> keys = new ArrayList<>(rows.keySet());
    Collections.sort(keys);
    for (K k : keys) {
      Latest<T> l = rows.get(k);
      ctx.output(l.row, l.timestamp, GlobalWindow.INSTANCE);
    }
    rows = null;
  }
}
