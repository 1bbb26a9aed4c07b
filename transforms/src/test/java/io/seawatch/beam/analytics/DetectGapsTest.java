package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;
import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleScenarios;
import io.seawatch.rules.VesselEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class DetectGapsTest {
  private static final long HOUR = 3_600_000L;
  private static final long MINUTE = 60_000L;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void vesselSilentSevenHoursGivesTheOpenThenTheClosedGapWithTheSameId() {
    SeawatchCoders.registerOn(p);
    long last = millis("2024-05-01T02:00:00Z");
    long back = millis("2024-05-01T09:00:00Z");
    // GapDetectorTest's scenario: rec1 stays busy with 219000002, so 219000001 went dark.
    List<Fix> fixes =
        new ArrayList<>(
            RuleScenarios.merge(
                RuleScenarios.everyMinute(219_000_001, "rec1", last - HOUR, last),
                RuleScenarios.everyMinute(219_000_002, "rec1", last - HOUR, back - MINUTE)));
    fixes.add(RuleScenarios.fix(219_000_001, back, 55.0, 11.0, 7.5, "rec2"));
    List<VesselEvent> reference = RuleScenarios.gapReference(fixes, Long.MAX_VALUE / 2);

    long id = VesselEvent.idOf(VesselEvent.Kind.GAP, 219_000_001, 0, last, "");
    VesselEvent open =
        new VesselEvent(id, VesselEvent.Kind.GAP, 219_000_001, 0, last, -1, 54.001, 10.0, true,
            Map.of("source", "rec1", "feed_stall", false));
    VesselEvent closed =
        new VesselEvent(id, VesselEvent.Kind.GAP, 219_000_001, 0, last, back, 54.001, 10.0, false,
            Map.of("source", "rec1", "feed_stall", false, "duration_s", 25_200L,
                "end_lat", 55.0, "end_lon", 11.0));
    // After the input ends both vessels go dark for good: rec1 and rec2 fall silent with them,
    // so those two open gaps are feed stalls.
    assertEquals(List.of(open, closed), reference.subList(0, 2));
    assertEquals(4, reference.size());

    Fix straggler = fixes.get(30); // 01:15 of 219000001, after the watermark passed 12:00
    PCollectionTuple out =
        p.apply(
                Deliveries.lateAndShuffled(fixes, 11)
                    .advanceWatermarkTo(new Instant(millis("2024-05-01T12:00:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(DetectGaps.with(AnalyticsConfig.defaults()));

    // Open at the emission watermark (last + 6 h), closed at the reappearing fix.
    List<TimestampedValue<VesselEvent>> expected = new ArrayList<>();
    for (VesselEvent e : reference) {
      long at = e.open() ? e.startMillis() + 6 * HOUR : e.endMillis();
      expected.add(TimestampedValue.of(e, new Instant(at)));
    }
    PAssert.that(out.get(Analytics.EVENTS).apply(Reify.timestamps()))
        .containsInAnyOrder(expected);
    // Late for both stages, each its own dead letter: the vessel stage has processed up to
    // 09:00 (the reappearance), and so has rec1 (the closed GAP it classified).
    long lateBy = (back - straggler.timeMillis()) / 1000;
    PAssert.that(out.get(Analytics.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(
                Analytics.describe(straggler),
                DeadLetter.Stage.LATE,
                "position older than the vessel's processed time by " + lateBy + " s (gaps)",
                Origin.of("analytics/gaps", -1, 0),
                straggler.timeMillis()),
            new DeadLetter(
                Analytics.describe(straggler),
                DeadLetter.Stage.LATE,
                "position older than the source's processed time by " + lateBy
                    + " s (feed_stalls)",
                Origin.of("analytics/feed_stalls", -1, 0),
                straggler.timeMillis()));
    p.run().waitUntilFinish();
  }
}
