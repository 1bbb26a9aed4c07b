package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.coders.GeofenceRowCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.GeofenceRow;
import io.seawatch.model.DeadLetter;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleScenarios;
import io.seawatch.rules.ScenarioRuns;
import io.seawatch.rules.VesselEvent;
import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.ScenarioGeofence;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The fused per-vessel step gives each rule's events exactly as the rule alone does: every named
 * scenario at once, delivered late and shuffled, against the plain-Java replay of each rule.
 */
public class TrackVesselsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void everyScenarioGivesEachRulesOwnEventsAndALateFixIsOneDeadLetter() {
    SeawatchCoders.registerOn(p);
    List<Fix> fixes = new ArrayList<>();
    List<ScenarioGeofence> geofences = new ArrayList<>();
    for (AnalyticsScenario s : AnalyticsScenarios.all()) {
      fixes.addAll(ScenarioRuns.fixes(s));
      geofences.addAll(s.geofences());
    }
    fixes = RuleScenarios.merge(fixes);
    long end = Long.MAX_VALUE / 2;
    List<VesselEvent> gaps = ScenarioRuns.gapsThroughGate(fixes, end);
    List<VesselEvent> others = new ArrayList<>(RuleScenarios.loiteringReference(fixes, end));
    others.addAll(
        ScenarioRuns.geofenceReference(fixes, ScenarioRuns.fences(geofences), end));
    // Each of these kinds, open and closed versions, comes out of the scenarios.
    assertEquals(8, gaps.size());
    assertEquals(
        List.of("GEOFENCE_ENTRY", "GEOFENCE_EXIT", "LOITERING", "PORT_VISIT"),
        others.stream().map(e -> e.kind().name()).distinct().sorted().toList());

    List<GeofenceRow> rows = new ArrayList<>();
    for (ScenarioGeofence g : geofences) {
      rows.add(new GeofenceRow(g.id(), g.name(), g.kind(), g.polygon()));
    }
    PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences =
        p.apply(
                "Fences",
                Create.of(KV.of(0L, rows))
                    .withCoder(
                        KvCoder.of(VarLongCoder.of(), ListCoder.of(GeofenceRowCoder.of()))))
            .apply("AsView", View.asList());
    // 19:10 of the dark vessel once more, after the watermark passed 04:00.
    Fix straggler = Deliveries.darkVesselAt1910(fixes);
    org.apache.beam.sdk.values.PCollection<Fix> input =
        p.apply(
            Deliveries.lateAndShuffled(fixes, 17)
                .advanceWatermarkTo(new Instant(millis("2024-06-01T04:00:00Z")))
                .addElements(Deliveries.timestamped(straggler))
                .advanceWatermarkToInfinity());
    PCollectionTuple vessels =
        input.apply(TrackVessels.with(AnalyticsConfig.defaults(), fences));
    PCollectionTuple classified =
        PCollectionTuple.of(DetectGaps.VESSEL_GAPS, vessels.get(TrackVessels.VESSEL_GAPS))
            .and(DetectGaps.FIXES, input)
            .apply(DetectGaps.classifying(AnalyticsConfig.defaults()));

    PAssert.that(classified.get(Analytics.EVENTS)).containsInAnyOrder(gaps);
    PAssert.that(vessels.get(Analytics.EVENTS)).containsInAnyOrder(others);
    String payload = Analytics.describe(straggler);
    PAssert.that(vessels.get(Analytics.DEAD_LETTERS))
        .satisfies(
            dead -> {
              List<DeadLetter> all = new ArrayList<>();
              dead.forEach(all::add);
              assertEquals(1, all.size());
              DeadLetter d = all.get(0);
              assertEquals(payload, d.payload());
              assertEquals(DeadLetter.Stage.LATE, d.stage());
              assertEquals("analytics/vessel", d.origin().stream());
              assertTrue(
                  d.reason(),
                  d.reason().startsWith("position older than the vessel's processed time by ")
                      && d.reason().endsWith(" s (vessel)"));
              return null;
            });
    p.run().waitUntilFinish();
  }
}
