package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.AlertCoder;
import io.seawatch.db.AlertTable;
import io.seawatch.db.JdbcTarget;
import io.seawatch.rules.Alert;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;

/**
 * Upserts alerts into {@code alert} ({@link AlertTable}) by id, keeping the version {@link
 * Alert#later} picks: order-independent and idempotent. Each bundle is reduced to one version per
 * id and written in id order. The output is what was written, each alert once its transaction
 * has committed: {@code PublishAlerts} takes it from there, so the topic never carries an alert
 * the table missed (a provisional version sent by an attempt that failed before writing it, and
 * not made again by the replay, would stay on the topic with nothing to settle it).
 */
public final class WriteAlerts extends PTransform<PCollection<Alert>, PCollection<Alert>> {
  public static final String WINDOW_STEP = "IntoGlobalWindow";
  public static final String REDUCE_STEP = "KeepLatestPerBundle";
  public static final String UPSERT_STEP = "UpsertAlert";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteAlerts(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteAlerts to(JdbcTarget target) {
    return new WriteAlerts(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteAlerts withBatchSize(long batchSize) {
    return new WriteAlerts(target, batchSize);
  }

  @Override
  public PCollection<Alert> expand(PCollection<Alert> alerts) {
    return alerts
        .apply(WINDOW_STEP, Window.<Alert>into(new GlobalWindows()))
        .apply(REDUCE_STEP, ParDo.of(new KeepLatestPerBundleFn<Long, Alert>(Alert::id, Alert::later)))
        .setCoder(AlertCoder.of())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<Alert>writeThenPass(
                target, AlertTable.UPSERT, (a, ps) -> AlertTable.bind(ps, a), batchSize));
  }
}
