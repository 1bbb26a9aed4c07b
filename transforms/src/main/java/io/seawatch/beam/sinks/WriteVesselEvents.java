package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.VesselEventTable;
import io.seawatch.rules.VesselEvent;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;

/**
 * Upserts analytic events into {@code vessel_event} ({@link VesselEventTable}) by their
 * deterministic id: the closing version of an open event updates the same row, an open version
 * never replaces a closed one, replays change nothing.
 *
 * <p>Each bundle is reduced to one version per id (closed over open) and written in id order, so
 * no batch holds an id twice and writers lock in the same order. Nothing is late or dropped.
 */
public final class WriteVesselEvents extends PTransform<PCollection<VesselEvent>, PCollection<Void>> {
  public static final String WINDOW_STEP = "IntoGlobalWindow";
  public static final String REDUCE_STEP = "KeepLatestPerBundle";
  public static final String UPSERT_STEP = "UpsertVesselEvent";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteVesselEvents(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteVesselEvents to(JdbcTarget target) {
    return new WriteVesselEvents(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteVesselEvents withBatchSize(long batchSize) {
    return new WriteVesselEvents(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<VesselEvent> events) {
    return events
        .apply(WINDOW_STEP, Window.<VesselEvent>into(new GlobalWindows()))
        .apply(
            REDUCE_STEP,
            ParDo.of(
                new KeepLatestPerBundleFn<Long, VesselEvent>(
                    VesselEvent::id, VesselEventTable::later)))
        .setCoder(VesselEventCoder.of())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<VesselEvent>write(
                target, false, VesselEventTable.UPSERT, (e, ps) -> VesselEventTable.bind(ps, e),
                batchSize));
  }
}
