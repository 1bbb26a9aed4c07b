package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;
import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleScenarios;
import io.seawatch.rules.ScenarioRuns;
import io.seawatch.rules.VesselEvent;
import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class DetectEncountersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void twoShipsAcrossACellEdgeAndMidnightAreOneEncounterOpenedThenClosed() {
    SeawatchCoders.registerOn(p);
    AnalyticsScenario meeting = AnalyticsScenarios.meetingAcrossMidnight();
    List<Fix> fixes = ScenarioRuns.fixes(meeting);
    List<VesselEvent> reference = RuleScenarios.encounterReference(fixes, Long.MAX_VALUE / 2);
    assertEquals(2, reference.size()); // open, then closed with the same id: the pair once
    assertEquals(reference.get(0).id(), reference.get(1).id());
    assertEquals(
        meeting.events().stream().filter(e -> e.kind().equals("ENCOUNTER")).toList(),
        ScenarioRuns.finalRows(reference));

    Fix straggler = fixes.get(10);
    PCollectionTuple out =
        p.apply(
                Deliveries.lateAndShuffled(fixes, 13)
                    .advanceWatermarkTo(new Instant(millis("2024-06-01T04:00:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(DetectEncounters.with(AnalyticsConfig.defaults()));

    PAssert.that(out.get(Analytics.EVENTS).apply(Reify.timestamps()))
        .containsInAnyOrder(
            // Open when the episode reached 2 h (00:30), closed 30 min after the last one (01:30).
            TimestampedValue.of(reference.get(0), new Instant(millis("2024-06-01T00:30:00Z"))),
            TimestampedValue.of(
                reference.get(1), new Instant(millis("2024-06-01T02:00:00.001Z"))));
    // The straggler is late in its own cell and in the neighbour cell it was routed to.
    String payload = Analytics.describe(straggler);
    long time = straggler.timeMillis();
    PAssert.that(out.get(Analytics.DEAD_LETTERS))
        .satisfies(
            dls -> {
              int n = 0;
              for (DeadLetter d : dls) {
                assertEquals(DeadLetter.Stage.LATE, d.stage());
                assertEquals(payload, d.payload());
                assertEquals(Origin.of("analytics/encounter_cells", -1, 0), d.origin());
                assertEquals(time, d.eventTimeMillis());
                n++;
              }
              assertEquals(2, n);
              return null;
            });
    p.run().waitUntilFinish();
  }
}
