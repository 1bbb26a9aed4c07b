package io.seawatch.beam.analytics;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.GeofenceRow;
import io.seawatch.db.TestSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class ReadGeofencesIT {
  @ClassRule public static final TestSchema DB = new TestSchema("geofences");

  /** What the side input held, per run (the DirectRunner runs in this JVM). */
  static final ConcurrentLinkedQueue<List<GeofenceRow>> SEEN = new ConcurrentLinkedQueue<>();

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  static List<GeofenceRow> readOnce() {
    SEEN.clear();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    SeawatchCoders.registerOn(p);
    PCollectionView<List<KV<Long, List<GeofenceRow>>>> view =
        p.apply("ReadGeofences", ReadGeofences.once(DB.target()));
    p.apply("One", Create.of(1))
        .apply(
            "Look",
            ParDo.of(
                    new DoFn<Integer, Void>() {
                      @ProcessElement
                      public void process(ProcessContext c) {
                        SEEN.add(new ArrayList<>(ReadGeofences.newest(c.sideInput(view))));
                      }
                    })
                .withSideInputs(view));
    if (p.run().waitUntilFinish() != PipelineResult.State.DONE) {
      throw new AssertionError("pipeline failed");
    }
    assertEquals(1, SEEN.size());
    return SEEN.poll();
  }

  @Test
  public void aNewRowIsPickedUpAndAnInvalidPolygonIsLeftOut() throws Exception {
    DB.exec(
        "INSERT INTO geofence (id, name, kind, polygon) VALUES"
            + " ('DKKEL', 'Kelby', 'port', '10 54, 10.03 54, 10.03 54.02, 10 54.02')");
    assertEquals(
        List.of(new GeofenceRow("DKKEL", "Kelby", "port", "10 54, 10.03 54, 10.03 54.02, 10 54.02")),
        readOnce());
    DB.exec(
        "INSERT INTO geofence (id, name, kind, polygon) VALUES"
            + " ('MPA1', 'Reserve', 'mpa',"
            + " '{\"type\":\"Polygon\",\"coordinates\":[[[10,54],[10.03,54],[10.03,54.02],[10,54]]]}'),"
            + " ('BAD', 'Broken', 'mpa', 'not a polygon')");
    List<GeofenceRow> rows = readOnce();
    assertEquals(List.of("DKKEL", "MPA1"), rows.stream().map(GeofenceRow::id).toList());
  }
}
