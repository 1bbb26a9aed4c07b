package io.seawatch.beam.analytics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.analytics.ReadGeofences.KeepNewestReadFn;
import io.seawatch.beam.coders.GeofenceRowCoder;
import io.seawatch.db.GeofenceRow;
import java.util.List;
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
    assertEquals(NEW, fn.extractOutput(a));
    assertEquals(NEW, fn.extractOutput(b));
    var merged = fn.mergeAccumulators(List.of(
        fn.addInput(fn.createAccumulator(), KV.of(7L, NEW)),
        fn.createAccumulator(),
        fn.addInput(fn.createAccumulator(), KV.of(3L, OLD))));
    assertEquals(NEW, fn.extractOutput(merged));
    assertEquals(List.of(), fn.extractOutput(fn.createAccumulator()));
  }

  private PCollection<KV<Long, List<GeofenceRow>>> twoReadsInOnePane() {
    return p.apply("Reads", Create.of(KV.of(4L, NEW), KV.of(3L, OLD))
        .withCoder(KvCoder.of(VarLongCoder.of(), ListCoder.of(GeofenceRowCoder.of()))));
  }

  private PCollection<List<GeofenceRow>> seenBy(PCollectionView<List<GeofenceRow>> view) {
    return p.apply("One", Create.of(1))
        .apply("Look", ParDo.of(new LookFn(view)).withSideInputs(view))
        .setCoder(ListCoder.of(GeofenceRowCoder.of()));
  }

  /** Outputs what the side input holds. */
  static final class LookFn extends DoFn<Integer, List<GeofenceRow>> {
    private final PCollectionView<List<GeofenceRow>> view;

    LookFn(PCollectionView<List<GeofenceRow>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(c.sideInput(view));
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
    PCollectionView<List<GeofenceRow>> view = ReadGeofences.asNewestReadView(twoReadsInOnePane());
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
    seenBy(view);
    PipelineExecutionException e =
        assertThrows(PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    assertTrue(e.getMessage(), e.getMessage().contains("more than one element"));
  }
}
