package io.seawatch.beam.sinks;

import io.seawatch.db.JdbcTarget;
import io.seawatch.db.PositionCopy;
import io.seawatch.model.VesselPosition;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Collects the positions of a bundle and writes them with {@link PositionCopy#merge} (binary COPY
 * into a staging table, one sorted {@code INSERT ... ON CONFLICT DO NOTHING}) every {@code
 * batchSize} rows and when the bundle finishes. No state and no shuffle: a row is in Postgres
 * before its bundle completes, and so before the checkpoint that covers it (the Flink profiles
 * set finishBundleBeforeCheckpointing). A retried bundle writes its rows again, which DO NOTHING
 * absorbs. Deadlocks and serialization failures (40P01, 40001) are retried a few times, as
 * the other sinks do ({@link JdbcWrites}); anything else fails the bundle.
 */
final class CopyPositionsFn extends DoFn<VesselPosition, Void> {
  private static final long serialVersionUID = 1L;

  private final JdbcTarget target;
  private final int batchSize;
  private final Counter written = Metrics.counter(CopyPositionsFn.class, "positionsInserted");
  private transient List<VesselPosition> batch;

  CopyPositionsFn(JdbcTarget target, int batchSize) {
    this.target = target;
    this.batchSize = batchSize;
  }

  @StartBundle
  public void startBundle() {
    batch = new ArrayList<>();
  }

  @ProcessElement
  public void process(@Element VesselPosition position) throws Exception {
    batch.add(position);
    if (batch.size() >= batchSize) {
      flush();
    }
  }

  @FinishBundle
  public void finishBundle() throws Exception {
    flush();
  }

  private void flush() throws Exception {
    if (batch.isEmpty()) {
      return;
    }
    JdbcWrites.withRetries(target, false, c -> written.inc(PositionCopy.merge(c, batch)));
    batch.clear();
  }
}
