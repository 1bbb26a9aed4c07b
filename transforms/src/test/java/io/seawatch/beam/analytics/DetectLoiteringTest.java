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

public class DetectLoiteringTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void lateShuffledTankerGivesTheRulesEventsAndATooLateFixIsADeadLetter() {
    SeawatchCoders.registerOn(p);
    AnalyticsScenario tanker = AnalyticsScenarios.tankerLoitering();
    List<Fix> fixes = ScenarioRuns.fixes(tanker);
    // The rule's own output (KeyedReplay, in order): open at 01:10 (4 h after 21:10), closed at
    // the first fast fix, 02:20; its final row is the scenario's LOITERING.
    List<VesselEvent> expected = RuleScenarios.loiteringReference(fixes, Long.MAX_VALUE / 2);
    assertEquals(2, expected.size());
    assertEquals(
        tanker.events().stream().filter(e -> e.kind().equals("LOITERING")).toList(),
        ScenarioRuns.finalRows(expected));
    Fix straggler = fixes.get(20); // 23:20, arrives after the watermark passed 05:00
    PCollectionTuple out =
        p.apply(
                Deliveries.lateAndShuffled(fixes, 7)
                    .advanceWatermarkTo(new Instant(millis("2024-06-01T05:00:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(DetectLoitering.with(AnalyticsConfig.defaults()));

    PAssert.that(out.get(Analytics.EVENTS).apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(expected.get(0), new Instant(millis("2024-06-01T01:10:00Z"))),
            TimestampedValue.of(expected.get(1), new Instant(millis("2024-06-01T02:20:00Z"))));
    PAssert.that(out.get(Analytics.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(
                Analytics.describe(straggler),
                DeadLetter.Stage.LATE,
                // Processed up to the last fix, 03:10: 3 h 50 min later than 23:20.
                "position older than the vessel's processed time by 13800 s (loitering)",
                Origin.of("analytics/loitering", -1, 0),
                straggler.timeMillis()));
    p.run().waitUntilFinish();
  }
}
