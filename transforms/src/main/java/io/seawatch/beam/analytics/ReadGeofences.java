package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.GeofenceRowCoder;
import io.seawatch.db.GeofenceRow;
import io.seawatch.db.GeofenceTable;
import io.seawatch.db.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Latest;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code geofence} table as a side input ({@link GeofenceTable}).
 *
 * <p>Bounded runs read it once. Streaming runs re-read it every {@code refresh} (Beam's "slowly
 * updating global window side input" pattern): a {@link GenerateSequence} tick in the global
 * window, a trigger firing on every tick with discarded panes, one full read per tick, the latest
 * read kept, and a singleton view that readers see replaced as a whole. Rows whose polygon does
 * not parse are left out, logged and counted ({@code geofences_invalid}); an unreadable table
 * fails the read (the pipeline migrates before it starts, so the table exists).
 */
public final class ReadGeofences extends PTransform<PBegin, PCollectionView<List<GeofenceRow>>> {
  private static final long serialVersionUID = 1L;

  public static final String TICK_STEP = "Tick";
  public static final String WINDOW_STEP = "OnEveryTick";
  public static final String READ_STEP = "ReadGeofenceTable";
  public static final String LATEST_STEP = "KeepLatest";
  public static final String VIEW_STEP = "AsSideInput";

  private final JdbcTarget target;
  private final Duration refresh;

  private ReadGeofences(JdbcTarget target, Duration refresh) {
    this.target = Objects.requireNonNull(target, "target");
    this.refresh = refresh;
  }

  /** Read once (bounded pipelines). */
  public static ReadGeofences once(JdbcTarget target) {
    return new ReadGeofences(target, null);
  }

  /** Re-read every {@code refresh} while the pipeline runs (unbounded pipelines). */
  public static ReadGeofences every(JdbcTarget target, Duration refresh) {
    if (refresh == null || !refresh.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("refresh must be > 0: " + refresh);
    }
    return new ReadGeofences(target, refresh);
  }

  @Override
  public PCollectionView<List<GeofenceRow>> expand(PBegin begin) {
    PCollection<Long> ticks;
    if (refresh == null) {
      ticks = begin.apply(TICK_STEP, Create.of(0L));
    } else {
      ticks =
          begin
              .apply(TICK_STEP, GenerateSequence.from(0).withRate(1, refresh))
              .apply(
                  WINDOW_STEP,
                  Window.<Long>into(new GlobalWindows())
                      .triggering(Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane()))
                      .discardingFiredPanes());
    }
    return ticks
        .apply(READ_STEP, ParDo.of(new ReadGeofenceTableFn(target)))
        .setCoder(ListCoder.of(GeofenceRowCoder.of()))
        .apply(LATEST_STEP, Latest.globally())
        .apply(VIEW_STEP, View.asSingleton());
  }

  /** One full read of the table per tick. */
  static final class ReadGeofenceTableFn extends DoFn<Long, List<GeofenceRow>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReadGeofenceTableFn.class);
    private final JdbcTarget target;
    private final Counter invalid =
        Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "geofences_invalid");

    ReadGeofenceTableFn(JdbcTarget target) {
      this.target = target;
    }

    @ProcessElement
    public void process(OutputReceiver<List<GeofenceRow>> out) throws SQLException {
      try (Connection c = target.connect()) {
        GeofenceTable.Read read = GeofenceTable.readAll(c);
        for (String problem : read.invalid()) {
          invalid.inc();
          LOG.warn("geofence left out: {}", problem);
        }
        out.output(read.valid());
      }
    }
  }
}
