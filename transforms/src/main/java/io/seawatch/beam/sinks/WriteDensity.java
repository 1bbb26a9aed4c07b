package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.DensityCountCoder;
import io.seawatch.db.DensityTable;
import io.seawatch.db.JdbcTarget;
import io.seawatch.rules.DensityAggregator.DensityCount;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;

/**
 * Upserts hourly cell counts into {@code density_hourly} ({@link DensityTable}) with the full
 * values, only over smaller ones: idempotent, and a partial recount never lowers a row. Each
 * bundle is reduced to one row per (hour, cell), written in key order.
 */
public final class WriteDensity extends PTransform<PCollection<DensityCount>, PCollection<Void>> {
  public static final String WINDOW_STEP = "IntoGlobalWindow";
  public static final String REDUCE_STEP = "KeepLargestPerBundle";
  public static final String UPSERT_STEP = "UpsertDensityHourly";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteDensity(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteDensity to(JdbcTarget target) {
    return new WriteDensity(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteDensity withBatchSize(long batchSize) {
    return new WriteDensity(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<DensityCount> counts) {
    return counts
        .apply(WINDOW_STEP, Window.<DensityCount>into(new GlobalWindows()))
        .apply(
            REDUCE_STEP,
            ParDo.of(
                new KeepLatestPerBundleFn<String, DensityCount>(
                    c -> String.format("%020d/%07d", c.hourStartMillis(), c.cellId()),
                    DensityTable::larger)))
        .setCoder(DensityCountCoder.of())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<DensityCount>write(
                target, false, DensityTable.UPSERT, (c, ps) -> DensityTable.bind(ps, c),
                batchSize));
  }
}
