package io.seawatch.beam.sinks;

import io.seawatch.beam.Windowing;
import io.seawatch.beam.coders.VesselPositionCoder;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.VesselLatestTable;
import io.seawatch.model.VesselPosition;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps {@code vessel_latest} at the newest position with coordinates of each vessel
 * ({@link VesselLatestTable}); positions without coordinates are skipped (they are all in
 * ais_position).
 *
 * <p>No keyed state: each bundle is reduced to the newest position per vessel (greatest (ts,
 * msg_hash), the order of the SQL guard) and upserted in MMSI order when the bundle finishes. The
 * guarded upsert makes the table independent of which worker writes what and in which order, so
 * a keyed combine in front of it would only thin the writes, at the price of a state access per
 * element and trigger bookkeeping for every MMSI ever seen (state that grows with key churn:
 * docs/benchmarks.md, "Key churn"). A row lags its newest message by at most one bundle (1 s on
 * the Flink profiles) plus one batch write. Event time and the watermark play no part: nothing is
 * ever late or dropped.
 *
 * <p>Idempotent and order-independent: the upsert only replaces a row with a strictly newer
 * (ts, msg_hash), so a late message never overwrites a newer one and replays change nothing.
 * Batch rewriting is off (a key twice in one rewritten batch fails with 21000; the reduction
 * leaves one row per key anyway); every batch locks its rows in MMSI order, so concurrent writers
 * do not deadlock, and deadlocks (40P01) would be retried anyway.
 */
public final class WriteVesselLatest
    extends PTransform<PCollection<VesselPosition>, PCollection<Void>> {
  public static final String WINDOW_STEP = "IntoGlobalWindow";
  public static final String REDUCE_STEP = "KeepNewestPerBundle";
  public static final String UPSERT_STEP = "UpsertVesselLatest";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteVesselLatest(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteVesselLatest to(JdbcTarget target) {
    return new WriteVesselLatest(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteVesselLatest withBatchSize(long batchSize) {
    return new WriteVesselLatest(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<VesselPosition> positions) {
    // Skipping the positions without coordinates happens in the reduction: on Flink every step
    // here runs for every position, in the Kafka source's thread.
    return Windowing.inGlobalWindow(positions, WINDOW_STEP)
        .apply(
            REDUCE_STEP,
            ParDo.of(
                new KeepLatestPerBundleFn<Integer, VesselPosition>(
                    VesselPosition::mmsi, VesselLatestTable::newer, VesselLatestTable::accepts)))
        .setCoder(VesselPositionCoder.of())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<VesselPosition>write(
                target, false, VesselLatestTable.UPSERT, (p, ps) -> VesselLatestTable.bind(ps, p),
                batchSize));
  }
}
