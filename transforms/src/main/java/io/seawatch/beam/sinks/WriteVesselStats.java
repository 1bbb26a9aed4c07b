package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.VesselStatsRowCoder;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.VesselStatsRow;
import io.seawatch.db.VesselStatsTable;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes the running aggregates into their {@code vessel_latest} columns ({@link
 * VesselStatsTable}), never over newer ones ({@code stats_as_of}). Each bundle is reduced to the
 * newest row per vessel, written in MMSI order.
 */
public final class WriteVesselStats
    extends PTransform<PCollection<VesselStatsRow>, PCollection<Void>> {
  public static final String WINDOW_STEP = "IntoGlobalWindow";
  public static final String REDUCE_STEP = "KeepNewestPerBundle";
  public static final String UPSERT_STEP = "UpsertVesselStats";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteVesselStats(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteVesselStats to(JdbcTarget target) {
    return new WriteVesselStats(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteVesselStats withBatchSize(long batchSize) {
    return new WriteVesselStats(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<VesselStatsRow> rows) {
    return rows.apply(WINDOW_STEP, Window.<VesselStatsRow>into(new GlobalWindows()))
        .apply(
            REDUCE_STEP,
            ParDo.of(
                new KeepLatestPerBundleFn<Integer, VesselStatsRow>(
                    VesselStatsRow::mmsi, VesselStatsTable::newer)))
        .setCoder(VesselStatsRowCoder.of())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<VesselStatsRow>write(
                target, false, VesselStatsTable.UPSERT, (r, ps) -> VesselStatsTable.bind(ps, r),
                batchSize));
  }
}
