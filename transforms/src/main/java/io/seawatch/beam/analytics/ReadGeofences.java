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
import org.apache.beam.sdk.transforms.Materializations;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PCollectionViews;
import org.apache.beam.sdk.values.TupleTag;
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
 * restored job catches up on, seen after a Flink restore) reach it in one pane. Readers take the
 * fences with {@link #newest}.
 *
 * <p>The view's tag is fixed ({@link #VIEW_TAG_ID}), so apply this transform once per pipeline. The
 * Flink runner keeps a side input's contents in operator state named after the view's tag, and a
 * tag Beam generates carries a random part: a job resumed from a savepoint then looked under a new
 * name, found no fences, and pushed back every fix (holding the watermark of everything
 * downstream) until the next refresh tick, up to {@code refresh} later.
 */
public final class ReadGeofences
    extends PTransform<PBegin, PCollectionView<List<KV<Long, List<GeofenceRow>>>>> {
  private static final long serialVersionUID = 1L;

  public static final String TICK_STEP = "Tick";
  public static final String WINDOW_STEP = "OnEveryTick";
  public static final String READ_STEP = "ReadGeofenceTable";
  /** Keeps the newest read of each pane and makes it the view (one step: the combine is the view). */
  public static final String VIEW_STEP = "AsSideInput";

  /** The view's tag: stable across submissions, so side-input state survives a savepoint. */
  static final String VIEW_TAG_ID = "seawatch.ReadGeofences.newestRead";

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
  public PCollectionView<List<KV<Long, List<GeofenceRow>>>> expand(PBegin begin) {
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
   * The fences of the newest read in a side input's value: the pane's single read (see {@link
   * KeepNewestReadFn}), or the newest should a runner ever deliver more.
   */
  public static List<GeofenceRow> newest(List<KV<Long, List<GeofenceRow>>> reads) {
    KV<Long, List<GeofenceRow>> newest = KeepNewestReadFn.NONE;
    for (KV<Long, List<GeofenceRow>> read : reads) {
      newest = KeepNewestReadFn.newer(newest, read);
    }
    return newest.getValue();
  }

  /**
   * The view of the newest read (highest tick) of each pane, however many reads the pane holds.
   * Without defaults: readers wait for the first read instead of seeing no fences.
   */
  static PCollectionView<List<KV<Long, List<GeofenceRow>>>> asNewestReadView(
      PCollection<KV<Long, List<GeofenceRow>>> reads) {
    return reads.apply(VIEW_STEP, new AsNewestReadView());
  }

  /**
   * {@code Combine.globally(fn).asSingletonView()} with the same step names, as a list view so that
   * the tag can be given ({@code PCollectionViews} takes a tag only for list views).
   */
  private static final class AsNewestReadView
      extends PTransform<
          PCollection<KV<Long, List<GeofenceRow>>>,
          PCollectionView<List<KV<Long, List<GeofenceRow>>>>> {
    private static final long serialVersionUID = 1L;

    @Override
    public PCollectionView<List<KV<Long, List<GeofenceRow>>>> expand(
        PCollection<KV<Long, List<GeofenceRow>>> reads) {
      PCollection<KV<Long, List<GeofenceRow>>> newest =
          reads
              .apply("CombineValues", Combine.globally(new KeepNewestReadFn()).withoutDefaults())
              .setCoder(READ_CODER);
      PCollectionView<List<KV<Long, List<GeofenceRow>>>> view =
          PCollectionViews.listView(
              newest,
              new TupleTag<Materializations.IterableView<KV<Long, List<GeofenceRow>>>>(
                  VIEW_TAG_ID),
              READ_CODER::getEncodedTypeDescriptor,
              newest.getWindowingStrategy());
      newest.apply("CreatePCollectionView", View.CreatePCollectionView.of(view));
      return view;
    }
  }

  /** Newest tick wins; on equal ticks (the same read twice) either is the same table. */
  static final class KeepNewestReadFn
      extends CombineFn<
          KV<Long, List<GeofenceRow>>, KV<Long, List<GeofenceRow>>, KV<Long, List<GeofenceRow>>> {
    private static final long serialVersionUID = 1L;
    private static final KV<Long, List<GeofenceRow>> NONE = KV.of(Long.MIN_VALUE, List.of());

    @Override
    public KV<Long, List<GeofenceRow>> createAccumulator() {
      return NONE;
    }

    @Override
    public KV<Long, List<GeofenceRow>> addInput(
        KV<Long, List<GeofenceRow>> newest, KV<Long, List<GeofenceRow>> read) {
      return newer(newest, read);
    }

    static KV<Long, List<GeofenceRow>> newer(
        KV<Long, List<GeofenceRow>> a, KV<Long, List<GeofenceRow>> b) {
      return b.getKey() > a.getKey() ? b : a;
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
    public KV<Long, List<GeofenceRow>> extractOutput(KV<Long, List<GeofenceRow>> newest) {
      return newest;
    }

    @Override
    public Coder<KV<Long, List<GeofenceRow>>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<Long, List<GeofenceRow>>> inputCoder) {
      return READ_CODER;
    }

    @Override
    public Coder<KV<Long, List<GeofenceRow>>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<Long, List<GeofenceRow>>> inputCoder) {
      return READ_CODER;
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
