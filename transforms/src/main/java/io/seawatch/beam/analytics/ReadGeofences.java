package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.GeofenceRowCoder;
import io.seawatch.db.GeofenceRow;
import io.seawatch.db.GeofenceTable;
import io.seawatch.db.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
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
 * window, a trigger firing on every tick with discarded panes, one full read per tick, and a
 * singleton view of the newest read that readers see replaced as a whole. Rows whose polygon does
 * not parse are left out, logged and counted ({@code geofences_invalid}); an unreadable table
 * fails the read (the pipeline migrates before it starts, so the table exists).
 *
 * <p>The view combines every pane with {@link KeepNewestReadFn} (newest tick wins) rather than
 * {@code View.asSingleton()}, which fails on a pane with two reads. A pane can hold two: the view's
 * trigger is the continuation of the tick trigger, so reads that fire close together (the ticks a
 * restored job catches up on, seen after a Flink restore) reach it in one pane.
 */
public final class ReadGeofences extends PTransform<PBegin, PCollectionView<List<GeofenceRow>>> {
  private static final long serialVersionUID = 1L;

  public static final String TICK_STEP = "Tick";
  public static final String WINDOW_STEP = "OnEveryTick";
  public static final String READ_STEP = "ReadGeofenceTable";
  /** Keeps the newest read of each pane and makes it the view (one step: the combine is the view). */
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
    return asNewestReadView(
        ticks
            .apply(READ_STEP, ParDo.of(new ReadGeofenceTableFn(target)))
            .setCoder(READ_CODER));
  }

  private static final Coder<KV<Long, List<GeofenceRow>>> READ_CODER =
      KvCoder.of(VarLongCoder.of(), ListCoder.of(GeofenceRowCoder.of()));

  /**
   * The singleton view of the newest read (highest tick) of each pane, however many reads the pane
   * holds. Without defaults: readers wait for the first read instead of seeing no fences.
   */
  static PCollectionView<List<GeofenceRow>> asNewestReadView(
      PCollection<KV<Long, List<GeofenceRow>>> reads) {
    return reads.apply(
        VIEW_STEP, Combine.globally(new KeepNewestReadFn()).withoutDefaults().asSingletonView());
  }

  /** Newest tick wins; on equal ticks (the same read twice) either is the same table. */
  static final class KeepNewestReadFn
      extends CombineFn<KV<Long, List<GeofenceRow>>, KV<Long, List<GeofenceRow>>, List<GeofenceRow>> {
    private static final long serialVersionUID = 1L;
    private static final KV<Long, List<GeofenceRow>> NONE = KV.of(Long.MIN_VALUE, List.of());

    @Override
    public KV<Long, List<GeofenceRow>> createAccumulator() {
      return NONE;
    }

    @Override
    public KV<Long, List<GeofenceRow>> addInput(
        KV<Long, List<GeofenceRow>> newest, KV<Long, List<GeofenceRow>> read) {
      return read.getKey() > newest.getKey() ? read : newest;
    }

    @Override
    public KV<Long, List<GeofenceRow>> mergeAccumulators(
        Iterable<KV<Long, List<GeofenceRow>>> accumulators) {
      KV<Long, List<GeofenceRow>> newest = NONE;
      for (KV<Long, List<GeofenceRow>> a : accumulators) {
        newest = addInput(newest, a);
      }
      return newest;
    }

    @Override
    public List<GeofenceRow> extractOutput(KV<Long, List<GeofenceRow>> newest) {
      return newest.getValue();
    }

    @Override
    public Coder<KV<Long, List<GeofenceRow>>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<Long, List<GeofenceRow>>> inputCoder) {
      return READ_CODER;
    }

    @Override
    public Coder<List<GeofenceRow>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<Long, List<GeofenceRow>>> inputCoder) {
      return ListCoder.of(GeofenceRowCoder.of());
    }
  }

  /** One full read of the table per tick, keyed by the tick (its version). */
  static final class ReadGeofenceTableFn extends DoFn<Long, KV<Long, List<GeofenceRow>>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReadGeofenceTableFn.class);
    private final JdbcTarget target;
    private final Counter invalid =
        Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "geofences_invalid");

    ReadGeofenceTableFn(JdbcTarget target) {
      this.target = target;
    }

    @ProcessElement
    public void process(@Element Long tick, OutputReceiver<KV<Long, List<GeofenceRow>>> out)
        throws SQLException {
      try (Connection c = target.connect()) {
        GeofenceTable.Read read = GeofenceTable.readAll(c);
        for (String problem : read.invalid()) {
          invalid.inc();
          LOG.warn("geofence left out: {}", problem);
        }
        out.output(KV.of(tick, read.valid()));
      }
    }
  }
}
