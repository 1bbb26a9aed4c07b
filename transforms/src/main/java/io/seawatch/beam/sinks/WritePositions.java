package io.seawatch.beam.sinks;

import io.seawatch.db.JdbcTarget;
import io.seawatch.db.PositionTable;
import io.seawatch.model.VesselPosition;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes every position report to {@code ais_position} ({@link PositionTable}).
 *
 * <p>Idempotent: {@code INSERT ... ON CONFLICT (mmsi, ts, msg_hash) DO NOTHING}, so retried
 * bundles, replays and duplicate receptions leave the table unchanged. Batches go through a pool
 * with {@code reWriteBatchedInserts=true}; with DO NOTHING a key twice in one batch is harmless.
 *
 * <p>Windowing: none. Each element is written in the bundle that carries it, whatever its window
 * or timestamp; nothing is held back, nothing is dropped as late. The output (one {@code null}
 * per written batch, in the global window) only serves {@code Wait.on}.
 */
public final class WritePositions
    extends PTransform<PCollection<VesselPosition>, PCollection<Void>> {
  public static final String INSERT_STEP = "InsertAisPosition";

  private final JdbcTarget target;
  private final long batchSize;

  private WritePositions(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WritePositions to(JdbcTarget target) {
    return new WritePositions(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WritePositions withBatchSize(long batchSize) {
    return new WritePositions(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<VesselPosition> positions) {
    return positions.apply(
        INSERT_STEP,
        JdbcWrites.<VesselPosition>write(
            target, true, PositionTable.INSERT, (p, ps) -> PositionTable.bind(ps, p), batchSize));
  }
}
