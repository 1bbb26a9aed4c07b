package io.seawatch.beam.sinks;

import io.seawatch.db.JdbcTarget;
import io.seawatch.model.VesselPosition;
import java.util.Objects;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes every position report to {@code ais_position} ({@link io.seawatch.db.PositionTable}).
 *
 * <p>Idempotent: each batch is copied (binary COPY) into a temporary staging table and moved
 * with one {@code INSERT ... SELECT ... ORDER BY key ON CONFLICT (mmsi, ts, msg_hash) DO NOTHING}
 * ({@link io.seawatch.db.PositionCopy}), so retried bundles, replays and duplicate receptions
 * leave the table unchanged; a key twice in one batch is harmless.
 *
 * <p>Why not JdbcIO: in a streaming job JdbcIO's write groups every element under one key
 * ({@code GroupIntoBatches}) before writing, so all positions went through keyed state (RocksDB
 * on the cluster) on a single subtask; on Flink that was the largest cost of the whole ingest
 * (docs/benchmarks.md, "End to end"). {@link CopyPositionsFn} buffers per bundle instead: no
 * state, no shuffle, every subtask writes its own rows.
 *
 * <p>Windowing: none. Each element is written in the bundle that carries it, whatever its window
 * or timestamp; nothing is held back, nothing is dropped as late. The output is empty (the type
 * stays {@code PCollection<Void>} like the other sinks).
 */
public final class WritePositions
    extends PTransform<PCollection<VesselPosition>, PCollection<Void>> {
  public static final String COPY_STEP = "CopyAisPosition";

  /** One COPY of this many rows is a few MB; larger gains nothing. */
  static final long MAX_BATCH = 100_000;

  private final JdbcTarget target;
  private final long batchSize;

  private WritePositions(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WritePositions to(JdbcTarget target) {
    return new WritePositions(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Rows per COPY and transaction at most (default 1000); a bundle's end flushes earlier. */
  public WritePositions withBatchSize(long batchSize) {
    return new WritePositions(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<VesselPosition> positions) {
    return positions
        .apply(COPY_STEP, ParDo.of(new CopyPositionsFn(target, (int) Math.min(batchSize, MAX_BATCH))))
        .setCoder(VoidCoder.of());
  }
}
