package io.seawatch.beam.sinks;

import io.seawatch.beam.Windowing;
import io.seawatch.beam.coders.VesselStaticRowCoder;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.VesselStaticRow;
import io.seawatch.db.VesselStaticTable;
import io.seawatch.model.VesselStatic;
import java.util.Objects;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Merges static and voyage data (types 5, 19, 24) into one {@code vessel_static} row per vessel
 * ({@link VesselStaticTable}): each field ends as the value of the newest message (event time,
 * ties broken by the greater value) that carried it, independent of arrival order; a late message
 * never overwrites a newer value.
 *
 * <p>No keyed state: each message becomes a {@link VesselStaticRow}, each bundle is merged to one
 * row per mmsi with {@link VesselStaticRow#merge} (the order of the SQL) and upserted in MMSI order
 * when the bundle finishes. The per-field upsert is order-independent, so which worker writes
 * what does not change the table; a keyed merge in front of it would only thin the writes (and
 * keep bookkeeping for every MMSI ever seen, see {@link WriteVesselLatest}). A field lags its
 * newest message by at most one bundle plus one batch write. Event time and watermark play no
 * part; nothing is late or dropped.
 *
 * <p>Idempotent: the per-field upsert changes nothing for a message already reflected; rows where
 * no field would change are not rewritten. Batch rewriting is off (21000), 40P01/40001 retried.
 */
public final class WriteVesselStatic
    extends PTransform<PCollection<VesselStatic>, PCollection<Void>> {
  public static final String TO_ROW_STEP = "ToRow";
  public static final String WINDOW_STEP = "IntoGlobalWindow";
  public static final String REDUCE_STEP = "MergePerBundle";
  public static final String UPSERT_STEP = "UpsertVesselStatic";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteVesselStatic(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteVesselStatic to(JdbcTarget target) {
    return new WriteVesselStatic(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteVesselStatic withBatchSize(long batchSize) {
    return new WriteVesselStatic(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<VesselStatic> statics) {
    return Windowing.inGlobalWindow(
            statics
                .apply(
                    TO_ROW_STEP,
                    MapElements.into(TypeDescriptor.of(VesselStaticRow.class))
                        .via(VesselStaticRow::from))
                .setCoder(VesselStaticRowCoder.of()),
            WINDOW_STEP)
        .apply(
            REDUCE_STEP,
            ParDo.of(
                new KeepLatestPerBundleFn<Integer, VesselStaticRow>(
                    VesselStaticRow::mmsi, VesselStaticRow::merge)))
        .setCoder(VesselStaticRowCoder.of())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<VesselStaticRow>write(
                target, false, VesselStaticTable.UPSERT, (r, ps) -> VesselStaticTable.bind(ps, r),
                batchSize));
  }
}
