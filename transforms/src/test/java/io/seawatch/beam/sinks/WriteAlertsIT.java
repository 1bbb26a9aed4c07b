package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.coders.AlertCoder;
import io.seawatch.beam.coders.EventVersionCoder;
import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.beam.values.EventVersion;
import io.seawatch.db.TestSchema;
import io.seawatch.rules.Alert;
import io.seawatch.rules.VesselEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/** The alert table and the provisional rows of vessel_event, against Postgres. */
public class WriteAlertsIT {
  @ClassRule public static final TestSchema DB = new TestSchema("alerts");

  static final long START = WriteVesselEventsIT.START;
  static final long DECIDED = START + 6 * 3_600_000L;
  static final VesselEvent OPEN = WriteVesselEventsIT.OPEN;
  static final VesselEvent CLOSED = WriteVesselEventsIT.CLOSED;

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE vessel_event, alert");
  }

  private static List<String> alerts() throws Exception {
    return DB.dump(
        "SELECT kind, start_ts, end_ts, decided_ts, mmsi, lat, lon, event_id, status, details"
            + " FROM alert ORDER BY id");
  }

  private static List<String> events() throws Exception {
    return DB.dump(
        "SELECT id, open, provisional_ts IS NOT NULL FROM vessel_event ORDER BY id");
  }

  /** Every order of the four versions of one alert, one bundle each: the final closed one wins. */
  @Test
  public void tableKeepsTheVersionLaterPicksInAnyOrder() throws Exception {
    Alert provisional = Alert.of(OPEN, Alert.Status.PROVISIONAL, DECIDED);
    List<Alert> versions =
        new ArrayList<>(
            List.of(
                provisional,
                provisional.retracted(),
                Alert.of(OPEN, Alert.Status.FINAL, -1),
                Alert.of(CLOSED, Alert.Status.FINAL, -1)));
    String expected =
        "GAP_OPENED|2024-05-01 02:00:00+00|2024-05-01 09:00:00+00|null|219000001|54.001|10|"
            + OPEN.id() + "|final|{\"source\": \"rec1\", \"duration_s\": 25200,"
            + " \"feed_stall\": false}";
    for (int round = 0; round < 4; round++) {
      DB.exec("TRUNCATE alert");
      Collections.rotate(versions, 1);
      for (Alert a : versions) {
        Pipelines.write(List.of(a), AlertCoder.of(), WriteAlerts.to(DB.target()));
      }
      assertEquals("round " + round, List.of(expected), alerts());
    }
  }

  /** What comes out is what was written, once committed: the topic is fed from there. */
  @Test
  public void outputIsTheCommittedAlerts() throws Exception {
    Alert provisional = Alert.of(OPEN, Alert.Status.PROVISIONAL, DECIDED);
    Alert closed = Alert.of(CLOSED, Alert.Status.FINAL, -1);
    org.apache.beam.sdk.Pipeline p =
        org.apache.beam.sdk.Pipeline.create(
            org.apache.beam.sdk.options.PipelineOptionsFactory.fromArgs("--runner=DirectRunner")
                .create());
    io.seawatch.beam.coders.SeawatchCoders.registerOn(p);
    org.apache.beam.sdk.values.PCollection<Alert> written =
        p.apply(
                org.apache.beam.sdk.testing.TestStream.create(AlertCoder.of())
                    .addElements(provisional)
                    .addElements(closed)
                    .advanceWatermarkToInfinity())
            .apply(WriteAlerts.to(DB.target()));
    org.apache.beam.sdk.testing.PAssert.that(written).containsInAnyOrder(provisional, closed);
    p.run().waitUntilFinish();
    assertEquals(1, alerts().size());
    assertTrue(alerts().get(0).contains("|final|"));
  }

  @Test
  public void provisionalRowIsReplacedByTheExactOneAndNeverOverwritesIt() throws Exception {
    Pipelines.write(
        List.of(EventVersion.provisional(OPEN, DECIDED)),
        EventVersionCoder.of(),
        WriteProvisionalEvents.to(DB.target()));
    assertEquals(List.of(OPEN.id() + "|t|t"), events());
    Pipelines.write(List.of(OPEN), VesselEventCoder.of(), WriteVesselEvents.to(DB.target()));
    assertEquals(List.of(OPEN.id() + "|t|f"), events());
    // A late provisional copy and a retraction leave the exact row alone.
    Pipelines.write(
        List.of(EventVersion.provisional(OPEN, DECIDED)),
        EventVersionCoder.of(),
        WriteProvisionalEvents.to(DB.target()));
    Pipelines.write(
        List.of(EventVersion.provisional(OPEN, DECIDED).retracted()),
        EventVersionCoder.of(),
        WriteProvisionalEvents.to(DB.target()));
    assertEquals(List.of(OPEN.id() + "|t|f"), events());
  }

  @Test
  public void inOneBundleTheRetractionWins() {
    EventVersion p = EventVersion.provisional(OPEN, DECIDED);
    assertEquals(p.retracted(), WriteProvisionalEvents.later(p, p.retracted()));
    assertEquals(p.retracted(), WriteProvisionalEvents.later(p.retracted(), p));
  }

  @Test
  public void retractionDeletesTheProvisionalRow() throws Exception {
    VesselEvent entry =
        VesselEvent.of(VesselEvent.Kind.GEOFENCE_ENTRY, 1, 0, START, START, 54.0, 10.0, "F",
            Map.of("geofence", "F"));
    EventVersion p = EventVersion.provisional(entry, START);
    Pipelines.write(List.of(p), EventVersionCoder.of(), WriteProvisionalEvents.to(DB.target()));
    assertEquals(List.of(entry.id() + "|f|t"), events());
    Pipelines.write(
        List.of(p.retracted()), EventVersionCoder.of(), WriteProvisionalEvents.to(DB.target()));
    assertEquals(List.of(), events());
  }
}
