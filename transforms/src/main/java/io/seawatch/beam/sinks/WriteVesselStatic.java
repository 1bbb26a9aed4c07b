package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.VesselStaticRowCoder;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.VesselStaticRow;
import io.seawatch.db.VesselStaticTable;
import io.seawatch.model.VesselStatic;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Merges static and voyage data (types 5, 19, 24) into one {@code vessel_static} row per vessel
 * ({@link VesselStaticTable}): each field ends as the value of the newest message (event time,
 * ties broken by the greater value) that carried it, independent of arrival order; a late message
 * never overwrites a newer value.
 *
 * <p>Windowing and latency: each message becomes a {@link VesselStaticRow}; the rows are
 * re-windowed into the global window with {@code Repeatedly.forever(AfterProcessingTime
 * .pastFirstElementInPane().plusDelayOf(flushDelay))}, discarding fired panes, and merged per
 * mmsi with {@link VesselStaticRow#merge} (same order as the SQL). A field lags its newest
 * message by at most {@code flushDelay} (default 5 s) plus one batch write; bounded input is
 * flushed at its end. Event time and watermark play no part; nothing is late or dropped.
 *
 * <p>Idempotent: the per-field upsert changes nothing for a message already reflected; rows where
 * no field would change are not rewritten. Batch rewriting is off (21000), 40P01/40001 retried.
 */
public final class WriteVesselStatic
    extends PTransform<PCollection<VesselStatic>, PCollection<Void>> {
  public static final String TO_ROW_STEP = "ToKeyedRow";
  public static final String PRE_REDUCE_STEP = "MergePerBundle";
  public static final String WINDOW_STEP = "FlushPeriodically";
  public static final String REDUCE_STEP = "MergePerMmsi";
  public static final String VALUES_STEP = "DropKeys";
  public static final String UPSERT_STEP = "UpsertVesselStatic";

  public static final Duration DEFAULT_FLUSH_DELAY = Duration.standardSeconds(5);

  private final JdbcTarget target;
  private final long batchSize;
  private final Duration flushDelay;

  private WriteVesselStatic(JdbcTarget target, long batchSize, Duration flushDelay) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
    this.flushDelay = Sinks.checkFlushDelay(flushDelay);
  }

  public static WriteVesselStatic to(JdbcTarget target) {
    return new WriteVesselStatic(target, JdbcWrites.DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_DELAY);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteVesselStatic withBatchSize(long batchSize) {
    return new WriteVesselStatic(target, batchSize, flushDelay);
  }

  /** How long a pane collects messages before the merged rows are written (default 5 s). */
  public WriteVesselStatic withFlushDelay(Duration flushDelay) {
    return new WriteVesselStatic(target, batchSize, flushDelay);
  }

  @Override
  public PCollection<Void> expand(PCollection<VesselStatic> statics) {
    return statics
        .apply(
            TO_ROW_STEP,
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.integers(), TypeDescriptor.of(VesselStaticRow.class)))
                .via((VesselStatic s) -> KV.of(s.mmsi(), VesselStaticRow.from(s))))
        .setCoder(KvCoder.of(VarIntCoder.of(), VesselStaticRowCoder.of()))
        // The keyed merge below costs a state read and write per element: merge within each
        // bundle first (merge is the same function, so the result does not change).
        .apply(
            PRE_REDUCE_STEP,
            ParDo.of(
                new KeepLatestPerBundleFn<Integer, KV<Integer, VesselStaticRow>>(
                    KV::getKey, (a, b) -> KV.of(a.getKey(), a.getValue().merge(b.getValue())))))
        .setCoder(KvCoder.of(VarIntCoder.of(), VesselStaticRowCoder.of()))
        .apply(
            WINDOW_STEP,
            Sinks.<KV<Integer, VesselStaticRow>>flushPeriodically(flushDelay))
        .apply(REDUCE_STEP, Combine.perKey(VesselStaticRow::merge))
        .apply(VALUES_STEP, Values.create())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<VesselStaticRow>write(
                target, false, VesselStaticTable.UPSERT, (r, ps) -> VesselStaticTable.bind(ps, r),
                batchSize));
  }
}
