package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;

import io.seawatch.beam.coders.GeofenceRowCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.GeofenceRow;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import io.seawatch.rules.Fix;
import io.seawatch.rules.ScenarioRuns;
import io.seawatch.rules.VesselEvent;
import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class TrackGeofencesTest {
  private static final int FERRY = AnalyticsScenarios.FERRY;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void ferryCallGivesEntryExitAndPortVisitFromTheSideInputFences() {
    SeawatchCoders.registerOn(p);
    List<GeofenceRow> rows =
        List.of(
            new GeofenceRow(
                AnalyticsScenarios.PORT.id(),
                AnalyticsScenarios.PORT.name(),
                AnalyticsScenarios.PORT.kind(),
                AnalyticsScenarios.PORT.polygon()),
            new GeofenceRow("FAR", "Elsewhere", "mpa", "0 0, 1 0, 1 1, 0 1"));
    PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences =
        p.apply("Fences", Create.of(KV.of(0L, rows))
                .withCoder(KvCoder.of(VarLongCoder.of(), ListCoder.of(GeofenceRowCoder.of()))))
            .apply("AsView", View.asList());
    AnalyticsScenario ferry = AnalyticsScenarios.ferryPortCall();
    List<Fix> fixes = ScenarioRuns.fixes(ferry);
    Fix straggler = fixes.get(4); // 23:10, after the watermark passed 02:00
    PCollectionTuple out =
        p.apply(
                Deliveries.lateAndShuffled(fixes, 5)
                    .advanceWatermarkTo(new Instant(millis("2024-06-01T02:00:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(TrackGeofences.with(AnalyticsConfig.defaults(), fences));

    long in = millis("2024-05-31T22:54:00Z");
    long exit = millis("2024-05-31T23:48:00Z");
    Map<String, Object> fence =
        Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port");
    // Entry confirmed by the second fix inside (22:58), exit and visit by the second outside
    // (23:52); the events are dated at the first. Their final rows are the scenario's.
    PAssert.that(out.get(Analytics.EVENTS).apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(
                VesselEvent.of(VesselEvent.Kind.GEOFENCE_ENTRY, FERRY, 0, in, in, 54.002, 10.015,
                    "DKKEL", fence),
                new Instant(millis("2024-05-31T22:58:00Z"))),
            TimestampedValue.of(
                VesselEvent.of(VesselEvent.Kind.GEOFENCE_EXIT, FERRY, 0, exit, exit, 53.995,
                    10.015, "DKKEL",
                    Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port",
                        "dwell_s", 3240L)),
                new Instant(millis("2024-05-31T23:52:00Z"))),
            TimestampedValue.of(
                VesselEvent.of(VesselEvent.Kind.PORT_VISIT, FERRY, 0, in, exit, 54.012, 10.015,
                    "DKKEL",
                    Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port",
                        "dwell_s", 3240L, "stop_s", 2400L)),
                new Instant(millis("2024-05-31T23:52:00Z"))));
    PAssert.that(out.get(Analytics.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(
                Analytics.describe(straggler),
                DeadLetter.Stage.LATE,
                // The vessel left the fences at 23:52 (state freed) but is processed to 23:52.
                "position older than the vessel's processed time by 2520 s (geofences)",
                Origin.of("analytics/geofences", -1, 0),
                straggler.timeMillis()));
    p.run().waitUntilFinish();
  }
}
