package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.EventVersionCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.beam.values.EventVersion;
import io.seawatch.rules.Alert;
import io.seawatch.rules.VesselEvent;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class ReconcileAlertsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final long T = 1_717_200_000_000L; // 2024-06-01T00:00:00Z

  private static VesselEvent entry(int mmsi, long t) {
    return VesselEvent.of(
        VesselEvent.Kind.GEOFENCE_ENTRY, mmsi, 0, t, t, 54.0, 10.0, "F", Map.of("geofence", "F"));
  }

  @Test
  public void confirmedRetractedRepeatedAndExactOnly() {
    SeawatchCoders.registerOn(p);
    VesselEvent confirmed = entry(1, T);
    VesselEvent wrong = entry(2, T);
    VesselEvent exactOnly = entry(3, T);
    VesselEvent segment =
        VesselEvent.of(VesselEvent.Kind.SEGMENT, 4, 0, T, -1, 54.0, 10.0, "", Map.of());
    long decided = T + 120_000;

    PCollection<VesselEvent> exact =
        p.apply(
            "Exact",
            Create.timestamped(
                    TimestampedValue.of(confirmed, new Instant(decided)),
                    TimestampedValue.of(exactOnly, new Instant(decided)),
                    TimestampedValue.of(segment, new Instant(decided)))
                .withCoder(VesselEventCoder.of()));
    PCollection<EventVersion> provisional =
        p.apply(
            "Provisional",
            Create.timestamped(
                    TimestampedValue.of(
                        EventVersion.provisional(confirmed, decided), new Instant(decided)),
                    TimestampedValue.of(
                        EventVersion.provisional(confirmed, decided), new Instant(decided)),
                    TimestampedValue.of(
                        EventVersion.provisional(wrong, decided), new Instant(decided)))
                .withCoder(EventVersionCoder.of()));
    PCollectionTuple out = exact.apply(ReconcileAlerts.with(provisional));

    PAssert.that(out.get(ReconcileAlerts.ALERTS))
        .containsInAnyOrder(
            Alert.of(confirmed, Alert.Status.PROVISIONAL, decided),
            Alert.of(confirmed, Alert.Status.FINAL, -1),
            Alert.of(wrong, Alert.Status.PROVISIONAL, decided),
            Alert.of(wrong, Alert.Status.PROVISIONAL, decided).retracted(),
            Alert.of(exactOnly, Alert.Status.FINAL, -1));
    PAssert.that(out.get(ReconcileAlerts.PROVISIONAL_ROWS))
        .containsInAnyOrder(
            EventVersion.provisional(confirmed, decided),
            EventVersion.provisional(wrong, decided),
            EventVersion.provisional(wrong, decided).retracted());
    p.run().waitUntilFinish();
  }

  @Test
  public void exactOnlyMakesFinalAlerts() {
    SeawatchCoders.registerOn(p);
    VesselEvent e = entry(5, T);
    PCollectionTuple out =
        p.apply(Create.of(e).withCoder(VesselEventCoder.of())).apply(ReconcileAlerts.exactOnly());
    PAssert.that(out.get(ReconcileAlerts.ALERTS))
        .containsInAnyOrder(Alert.of(e, Alert.Status.FINAL, -1));
    PAssert.that(out.get(ReconcileAlerts.PROVISIONAL_ROWS)).empty();
    p.run().waitUntilFinish();
  }
}
