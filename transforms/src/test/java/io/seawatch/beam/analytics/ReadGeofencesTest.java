package io.seawatch.beam.analytics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.analytics.ReadGeofences.KeepNewestReadFn;
import io.seawatch.beam.coders.GeofenceRowCoder;
import io.seawatch.db.GeofenceRow;
import java.util.List;
import io.seawatch.db.JdbcTarget;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * The geofence side input holds the newest read even when one pane brings several reads (after a
 * Flink restore, {@code View.asSingleton()} once got two and failed the job).
 */
public class ReadGeofencesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final List<GeofenceRow> OLD =
      List.of(new GeofenceRow("DKKEL", "Kelby", "port", "10 54, 10.03 54, 10.03 54.02, 10 54.02"));
  private static final List<GeofenceRow> NEW =
      List.of(
          new GeofenceRow("DKKEL", "Kelby", "port", "10 54, 10.03 54, 10.03 54.02, 10 54.02"),
          new GeofenceRow("MPA1", "Reserve", "mpa", "10 54, 10.03 54, 10.03 54.02, 10 54"));

  @Test
  public void theNewestTickWinsInAnyOrder() {
    KeepNewestReadFn fn = new KeepNewestReadFn();
    var a = fn.addInput(fn.addInput(fn.createAccumulator(), KV.of(7L, NEW)), KV.of(3L, OLD));
    var b = fn.addInput(fn.addInput(fn.createAccumulator(), KV.of(3L, OLD)), KV.of(7L, NEW));
    assertEquals(KV.of(7L, NEW), fn.extractOutput(a));
    assertEquals(KV.of(7L, NEW), fn.extractOutput(b));
    var merged = fn.mergeAccumulators(List.of(
        fn.addInput(fn.createAccumulator(), KV.of(7L, NEW)),
        fn.createAccumulator(),
        fn.addInput(fn.createAccumulator(), KV.of(3L, OLD))));
    assertEquals(KV.of(7L, NEW), fn.extractOutput(merged));
    assertEquals(List.of(), ReadGeofences.newest(List.of(fn.extractOutput(fn.createAccumulator()))));
  }

  @Test
  public void readersTakeTheNewestReadOfTheValue() {
    assertEquals(NEW, ReadGeofences.newest(List.of(KV.of(3L, OLD), KV.of(7L, NEW))));
    assertEquals(NEW, ReadGeofences.newest(List.of(KV.of(7L, NEW), KV.of(3L, OLD))));
    assertEquals(List.of(), ReadGeofences.newest(List.of()));
  }

  /**
   * The Flink runner names a side input's state after the view's tag: a tag that changed between
   * two submissions of the same pipeline left a job resumed from a savepoint without its fences.
   */
  @Test
  public void theViewTagIsTheSameInEveryPipeline() {
    Pipeline a = Pipeline.create();
    Pipeline b = Pipeline.create();
    JdbcTarget target = JdbcTarget.of("jdbc:postgresql://127.0.0.1/none", "postgres");
    String tagA = a.apply("ReadGeofences", ReadGeofences.every(target, Duration.standardMinutes(5)))
        .getTagInternal().getId();
    String tagB = b.apply("ReadGeofences", ReadGeofences.every(target, Duration.standardMinutes(5)))
        .getTagInternal().getId();
    assertEquals(ReadGeofences.VIEW_TAG_ID, tagA);
    assertEquals(tagA, tagB);
  }

  private PCollection<KV<Long, List<GeofenceRow>>> twoReadsInOnePane() {
    return p.apply("Reads", Create.of(KV.of(4L, NEW), KV.of(3L, OLD))
        .withCoder(KvCoder.of(VarLongCoder.of(), ListCoder.of(GeofenceRowCoder.of()))));
  }

  private PCollection<List<GeofenceRow>> seenBy(
      PCollectionView<List<KV<Long, List<GeofenceRow>>>> view) {
    return p.apply("One", Create.of(1))
        .apply("Look", ParDo.of(new LookFn(view)).withSideInputs(view))
        .setCoder(ListCoder.of(GeofenceRowCoder.of()));
  }

  /** Outputs the fences a reader sees. */
  static final class LookFn extends DoFn<Integer, List<GeofenceRow>> {
    private final PCollectionView<List<KV<Long, List<GeofenceRow>>>> view;

    LookFn(PCollectionView<List<KV<Long, List<GeofenceRow>>>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(ReadGeofences.newest(c.sideInput(view)));
    }
  }

  /** Reads a singleton view. */
  static final class ReadSingletonFn extends DoFn<Integer, Integer> {
    private final PCollectionView<List<GeofenceRow>> view;

    ReadSingletonFn(PCollectionView<List<GeofenceRow>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.sideInput(view);
    }
  }

  static final class ValuesFn extends DoFn<KV<Long, List<GeofenceRow>>, List<GeofenceRow>> {
    @ProcessElement
    public void process(@Element KV<Long, List<GeofenceRow>> read,
        OutputReceiver<List<GeofenceRow>> out) {
      out.output(read.getValue());
    }
  }

  @Test
  public void aPaneWithTwoReadsGivesTheNewest() {
    PCollectionView<List<KV<Long, List<GeofenceRow>>>> view =
        ReadGeofences.asNewestReadView(twoReadsInOnePane());
    PAssert.that(seenBy(view)).containsInAnyOrder(NEW);
    p.run().waitUntilFinish();
  }

  /** What the view did before: a singleton view of such a pane fails. */
  @Test
  public void aSingletonViewOfTheSamePaneFails() {
    PCollectionView<List<GeofenceRow>> view =
        twoReadsInOnePane()
            .apply("Values", ParDo.of(new ValuesFn()))
            .setCoder(ListCoder.of(GeofenceRowCoder.of()))
            .apply("AsSingleton", View.asSingleton());
    p.apply("One", Create.of(1))
        .apply("Look", ParDo.of(new ReadSingletonFn(view)).withSideInputs(view));
    PipelineExecutionException e =
        assertThrows(PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    assertTrue(e.getMessage(), e.getMessage().contains("more than one element"));
  }
}
