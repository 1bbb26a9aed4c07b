package io.seawatch.beam.sinks;

import io.seawatch.db.JdbcTarget;
import io.seawatch.db.PositionCopy;
import io.seawatch.model.VesselPosition;
import java.sql.Connection;
import java.util.List;

/**
 * Collects the positions of a bundle and writes them with {@link PositionCopy#merge} (binary COPY
 * into a staging table, one sorted {@code INSERT ... ON CONFLICT DO NOTHING}) every {@code
 * batchSize} rows and when the bundle finishes. No state and no shuffle: a row is in Postgres
 * before its bundle completes, and so before the checkpoint that covers it (the Flink profiles
 * set finishBundleBeforeCheckpointing). A retried bundle writes its rows again, which DO NOTHING
 * absorbs. Deadlocks and serialization failures (40P01, 40001) are retried a few times, as
 * the other sinks do ({@link JdbcWrites}); anything else fails the bundle.
 */
final class CopyPositionsFn extends JdbcWrites.BufferedWriteFn<VesselPosition> {
  private static final long serialVersionUID = 1L;

  CopyPositionsFn(JdbcTarget target, int batchSize) {
    super(target, false, batchSize);
  }

  @Override
  void write(Connection c, List<VesselPosition> rows) throws Exception {
    PositionCopy.merge(c, rows);
  }
}
