package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;

import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleScenarios;
import io.seawatch.rules.VesselEvent;
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
    List<Fix> fixes = RuleScenarios.tankerLoitering5h();
    // The rule's own output (KeyedReplay, in order): open at 05:10, closed at the first fast fix, 06:20.
    List<VesselEvent> expected =
        RuleScenarios.loiteringReference(fixes, millis("2024-03-02T00:00:00Z"));
    Fix straggler = fixes.get(20); // 03:30, arrives after the watermark passed 10:00
    PCollectionTuple out =
        p.apply(
                Deliveries.lateAndShuffled(fixes, 7)
                    .advanceWatermarkTo(new Instant(millis("2024-03-01T10:00:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(DetectLoitering.with(AnalyticsConfig.defaults()));

    PAssert.that(out.get(Analytics.EVENTS).apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(expected.get(0), new Instant(millis("2024-03-01T05:10:00Z"))),
            TimestampedValue.of(expected.get(1), new Instant(millis("2024-03-01T06:20:00Z"))));
    PAssert.that(out.get(Analytics.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(
                Analytics.describe(straggler),
                DeadLetter.Stage.LATE,
                // Processed up to the last fix, 07:10: 3 h 40 min later than 03:30.
                "position older than the vessel's processed time by 13200 s (loitering)",
                Origin.of("analytics/loitering", -1, 0),
                straggler.timeMillis()));
    p.run().waitUntilFinish();
  }
}
