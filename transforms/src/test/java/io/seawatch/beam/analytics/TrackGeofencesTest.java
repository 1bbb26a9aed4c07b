package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;

import io.seawatch.beam.coders.GeofenceRowCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.GeofenceRow;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleScenarios;
import io.seawatch.rules.VesselEvent;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class TrackGeofencesTest {
  private static final int FERRY = 219_000_123;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void ferryCallGivesEntryExitAndPortVisitFromTheSideInputFences() {
    SeawatchCoders.registerOn(p);
    List<GeofenceRow> rows =
        List.of(
            new GeofenceRow("DKKEL", "Kelby", "port", RuleScenarios.PORT_RING),
            new GeofenceRow("FAR", "Elsewhere", "mpa", "0 0, 1 0, 1 1, 0 1"));
    PCollectionView<List<GeofenceRow>> fences =
        p.apply("Fences", Create.<List<GeofenceRow>>of(rows)
                .withCoder(ListCoder.of(GeofenceRowCoder.of())))
            .apply("AsView", View.asSingleton());
    List<Fix> fixes = RuleScenarios.ferryCall();
    Fix straggler = fixes.get(4); // 10:10, after the watermark passed 13:00
    PCollectionTuple out =
        p.apply(
                Deliveries.lateAndShuffled(fixes, 5)
                    .advanceWatermarkTo(new Instant(millis("2024-07-01T13:00:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(TrackGeofences.with(AnalyticsConfig.defaults(), fences));

    long in = millis("2024-07-01T09:54:00Z");
    long exit = millis("2024-07-01T10:48:00Z");
    Map<String, Object> fence =
        Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port");
    // Entry confirmed by the second fix inside (09:58), exit and visit by the second outside
    // (10:52); the events are dated at the first.
    PAssert.that(out.get(Analytics.EVENTS).apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(
                VesselEvent.of(VesselEvent.Kind.GEOFENCE_ENTRY, FERRY, 0, in, in, 54.002, 10.015,
                    "DKKEL", fence),
                new Instant(millis("2024-07-01T09:58:00Z"))),
            TimestampedValue.of(
                VesselEvent.of(VesselEvent.Kind.GEOFENCE_EXIT, FERRY, 0, exit, exit, 53.995,
                    10.015, "DKKEL",
                    Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port",
                        "dwell_s", 3240L)),
                new Instant(millis("2024-07-01T10:52:00Z"))),
            TimestampedValue.of(
                VesselEvent.of(VesselEvent.Kind.PORT_VISIT, FERRY, 0, in, exit, 54.012, 10.015,
                    "DKKEL",
                    Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port",
                        "dwell_s", 3240L, "stop_s", 2400L)),
                new Instant(millis("2024-07-01T10:52:00Z"))));
    PAssert.that(out.get(Analytics.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(
                Analytics.describe(straggler),
                DeadLetter.Stage.LATE,
                // The vessel left the fences at 10:52 (state freed) but is processed to 10:52.
                "position older than the vessel's processed time by 2520 s (geofences)",
                Origin.of("analytics/geofences", -1, 0),
                straggler.timeMillis()));
    p.run().waitUntilFinish();
  }
}
