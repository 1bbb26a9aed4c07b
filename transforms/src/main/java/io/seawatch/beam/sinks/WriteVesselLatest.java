package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.VesselPositionCoder;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.VesselLatestTable;
import io.seawatch.model.VesselPosition;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Keeps {@code vessel_latest} at the newest position with coordinates of each vessel
 * ({@link VesselLatestTable}); positions without coordinates are skipped (they are all in
 * ais_position).
 *
 * <p>Windowing and latency: the input is re-windowed into the global window with the trigger
 * {@code Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(flushDelay))},
 * discarding fired panes, and reduced per mmsi to the newest position of the pane (the same order
 * as the SQL guard: greatest (ts, msg_hash)); each bundle is reduced the same way first, so the
 * keyed state sees one position per vessel and bundle rather than every position. A row therefore lags its newest message by at most
 * {@code flushDelay} (default 5 s) plus one batch write; at the end of bounded input everything
 * is flushed. Event time and the watermark play no part: nothing is ever late or dropped. The
 * runner keeps a few bytes of trigger bookkeeping per mmsi seen (the key set is bounded by the
 * number of vessels).
 *
 * <p>Idempotent and order-independent: the upsert only replaces a row with a strictly newer
 * (ts, msg_hash), so a late message never overwrites a newer one and replays change nothing.
 * Batch rewriting is off (a key twice in one rewritten batch fails with 21000); after the
 * reduce each key comes from one worker, and deadlocks (40P01) would be retried anyway.
 */
public final class WriteVesselLatest
    extends PTransform<PCollection<VesselPosition>, PCollection<Void>> {
  public static final String FILTER_STEP = "KeepWithCoordinates";
  public static final String PRE_REDUCE_STEP = "KeepNewestPerBundle";
  public static final String KEY_STEP = "KeyByMmsi";
  public static final String WINDOW_STEP = "FlushPeriodically";
  public static final String REDUCE_STEP = "KeepNewestPerMmsi";
  public static final String VALUES_STEP = "DropKeys";
  public static final String UPSERT_STEP = "UpsertVesselLatest";

  public static final Duration DEFAULT_FLUSH_DELAY = Duration.standardSeconds(5);

  private final JdbcTarget target;
  private final long batchSize;
  private final Duration flushDelay;

  private WriteVesselLatest(JdbcTarget target, long batchSize, Duration flushDelay) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
    this.flushDelay = Sinks.checkFlushDelay(flushDelay);
  }

  public static WriteVesselLatest to(JdbcTarget target) {
    return new WriteVesselLatest(target, JdbcWrites.DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_DELAY);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteVesselLatest withBatchSize(long batchSize) {
    return new WriteVesselLatest(target, batchSize, flushDelay);
  }

  /** How long a pane collects positions before the newest per vessel is written (default 5 s). */
  public WriteVesselLatest withFlushDelay(Duration flushDelay) {
    return new WriteVesselLatest(target, batchSize, flushDelay);
  }

  @Override
  public PCollection<Void> expand(PCollection<VesselPosition> positions) {
    return positions
        .apply(FILTER_STEP, Filter.by(VesselLatestTable::accepts))
        // Each element of the keyed reduce below costs a state read and write (RocksDB on the
        // cluster); one per vessel and bundle is enough, since newer() is associative.
        .apply(
            PRE_REDUCE_STEP,
            ParDo.of(
                new KeepLatestPerBundleFn<Integer, VesselPosition>(
                    VesselPosition::mmsi, VesselLatestTable::newer)))
        .setCoder(VesselPositionCoder.of())
        .apply(
            KEY_STEP,
            WithKeys.of((VesselPosition p) -> p.mmsi()).withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), VesselPositionCoder.of()))
        .apply(
            WINDOW_STEP,
            Sinks.<KV<Integer, VesselPosition>>flushPeriodically(flushDelay))
        .apply(REDUCE_STEP, Combine.perKey(VesselLatestTable::newer))
        .apply(VALUES_STEP, Values.create())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<VesselPosition>write(
                target, false, VesselLatestTable.UPSERT, (p, ps) -> VesselLatestTable.bind(ps, p),
                batchSize));
  }
}
