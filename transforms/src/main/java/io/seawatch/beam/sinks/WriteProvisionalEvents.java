package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.EventVersionCoder;
import io.seawatch.beam.values.EventVersion;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.VesselEventTable;
import io.seawatch.rules.Alert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;

/**
 * Provisional rows of {@code vessel_event}: a {@code PROVISIONAL} version is upserted with {@code
 * provisional_ts} = its deciding time ({@link VesselEventTable#UPSERT_PROVISIONAL}, never over an
 * exact row), a
 * {@code RETRACTED} one deletes its row if it is still provisional ({@link
 * VesselEventTable#DELETE_PROVISIONAL}). Both statements of a batch run in one transaction, in id
 * order; a retraction wins over a provisional version of the same id in one bundle.
 */
public final class WriteProvisionalEvents
    extends PTransform<PCollection<EventVersion>, PCollection<Void>> {
  public static final String WINDOW_STEP = "IntoGlobalWindow";
  public static final String REDUCE_STEP = "KeepLatestPerBundle";
  public static final String WRITE_STEP = "WriteProvisionalRows";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteProvisionalEvents(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteProvisionalEvents to(JdbcTarget target) {
    return new WriteProvisionalEvents(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  public WriteProvisionalEvents withBatchSize(long batchSize) {
    return new WriteProvisionalEvents(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<EventVersion> versions) {
    return versions
        .apply(WINDOW_STEP, Window.<EventVersion>into(new GlobalWindows()))
        .apply(
            REDUCE_STEP,
            ParDo.of(
                new KeepLatestPerBundleFn<Long, EventVersion>(
                    v -> v.event().id(), WriteProvisionalEvents::later)))
        .setCoder(EventVersionCoder.of())
        .apply(WRITE_STEP, ParDo.of(new WriteFn(target, (int) batchSize)))
        .setCoder(VoidCoder.of());
  }

  static EventVersion later(EventVersion a, EventVersion b) {
    return b.status() == Alert.Status.RETRACTED ? b : a;
  }

  static final class WriteFn extends JdbcWrites.BufferedWriteFn<EventVersion> {
    private static final long serialVersionUID = 1L;

    WriteFn(JdbcTarget target, int batchSize) {
      super(target, false, batchSize);
    }

    @Override
    void write(Connection c, List<EventVersion> rows) throws Exception {
      c.setAutoCommit(false);
      try (PreparedStatement upsert = c.prepareStatement(VesselEventTable.UPSERT_PROVISIONAL);
          PreparedStatement delete = c.prepareStatement(VesselEventTable.DELETE_PROVISIONAL)) {
        boolean upserts = false;
        boolean deletes = false;
        for (EventVersion v : rows) {
          if (v.status() == Alert.Status.RETRACTED) {
            delete.setLong(1, v.event().id());
            delete.addBatch();
            deletes = true;
          } else {
            VesselEventTable.bindProvisional(upsert, v.event(), v.decidedMillis());
            upsert.addBatch();
            upserts = true;
          }
        }
        if (upserts) {
          upsert.executeBatch();
        }
        if (deletes) {
          delete.executeBatch();
        }
        c.commit();
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    }
  }
}
