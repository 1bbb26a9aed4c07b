package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import io.seawatch.rules.Fix;
import io.seawatch.rules.ScenarioRuns;
import io.seawatch.rules.VesselEvent;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.ExpectedEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** The going-dark and feed-stall scenarios, delivered late and shuffled. */
public class DetectGapsTest {
  private static final long HOUR = 3_600_000L;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static List<Fix> darkAndStall() {
    List<Fix> fixes = new ArrayList<>(ScenarioRuns.fixes(AnalyticsScenarios.goingDark()));
    fixes.addAll(ScenarioRuns.fixes(AnalyticsScenarios.feedStall()));
    return io.seawatch.rules.RuleScenarios.merge(fixes);
  }

  @Test
  public void goingDarkAndFeedStallGiveOpenThenClosedGapsAndNoGapAtTheEndOfInput() {
    SeawatchCoders.registerOn(p);
    List<Fix> fixes = darkAndStall();
    List<VesselEvent> reference = ScenarioRuns.gapsThroughGate(fixes, Long.MAX_VALUE / 2);
    // Each of the four gaps opened (the input's clock passed last seen + 6 h) and then closed
    // with the same id; nothing is left open when the input ends.
    List<ExpectedEvent> expected = new ArrayList<>();
    for (ExpectedEvent e : AnalyticsScenarios.goingDark().events()) {
      if (e.kind().equals("GAP")) {
        expected.add(e);
      }
    }
    for (ExpectedEvent e : AnalyticsScenarios.feedStall().events()) {
      if (e.kind().equals("GAP")) {
        expected.add(e);
      }
    }
    expected.sort(io.seawatch.testdata.AnalyticsScenario.EVENT_ORDER);
    assertEquals(expected, ScenarioRuns.finalRows(reference));
    assertEquals(8, reference.size());
    java.util.Map<Long, List<Boolean>> versions = new java.util.TreeMap<>();
    reference.forEach(
        e -> versions.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e.open()));
    versions.values().forEach(v -> assertEquals(List.of(true, false), v));

    // 19:10 of the dark vessel, after the watermark passed 04:00.
    Fix straggler = Deliveries.darkVesselAt1910(fixes);
    PCollectionTuple out =
        p.apply(
                Deliveries.lateAndShuffled(fixes, 11)
                    .advanceWatermarkTo(new Instant(millis("2024-06-01T04:00:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(DetectGaps.with(AnalyticsConfig.defaults()));

    PAssert.that(out.get(Analytics.EVENTS)).containsInAnyOrder(reference);
    // Closed GAPs at (or within a delivery block of) the reappearing fix; open ones once the input's clock proved them (the
    // tick of a bundle at or after last seen + 6 h, at most one delivery block later).
    PAssert.that(out.get(Analytics.EVENTS).apply(Reify.timestamps()))
        .satisfies(
            events -> {
              for (TimestampedValue<VesselEvent> tv : events) {
                VesselEvent e = tv.getValue();
                long at = tv.getTimestamp().getMillis();
                if (e.open()) {
                  long due = e.startMillis() + 6 * HOUR;
                  assertTrue(e + " at " + at, at >= due && at < due + Deliveries.BLOCK_MILLIS);
                } else {
                  // At the reappearing fix; when that fix is one of a block's held-back third,
                  // a step may hold its output at a later pending time of the same block.
                  assertTrue(
                      e + " at " + at,
                      at >= e.endMillis() && at < e.endMillis() + Deliveries.BLOCK_MILLIS);
                }
              }
              return null;
            });
    // The vessel stage has processed the dark vessel up to its open-GAP timer (02:00: the
    // reappearance at 03:00 is not flushed before the watermark passes 04:00); the source stage
    // up to 01:50, the last fix time of scn-skagen its per-bundle thinning kept before 03:00
    // (the watermark 04:00 less the allowed lateness).
    long lateBy = (millis("2024-06-01T02:00:00Z") - straggler.timeMillis()) / 1000;
    long sourceLateBy = (millis("2024-06-01T01:50:00Z") - straggler.timeMillis()) / 1000;
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
                "position older than the source's processed time by " + sourceLateBy
                    + " s (feed_stalls)",
                Origin.of("analytics/feed_stalls", -1, 0),
                straggler.timeMillis()));
    p.run().waitUntilFinish();
  }

  @Test
  public void theEndOfABoundedInputOpensNoGap() {
    SeawatchCoders.registerOn(p);
    // The going-dark scenario cut at 01:00: the dark vessel has been silent 5 h by the input's
    // clock. The watermark still goes to infinity at the end; no GAP may come of it.
    List<Fix> cut = new ArrayList<>();
    for (Fix f : ScenarioRuns.fixes(AnalyticsScenarios.goingDark())) {
      if (f.timeMillis() <= millis("2024-06-01T01:00:00Z")) {
        cut.add(f);
      }
    }
    assertEquals(List.of(), ScenarioRuns.gapsThroughGate(cut, Long.MAX_VALUE / 2));
    PCollectionTuple out =
        p.apply(Deliveries.lateAndShuffled(cut, 3).advanceWatermarkToInfinity())
            .apply(DetectGaps.with(AnalyticsConfig.defaults()));
    PAssert.that(out.get(Analytics.EVENTS)).empty();
    PAssert.that(out.get(Analytics.DEAD_LETTERS)).empty();
    p.run().waitUntilFinish();
  }
}
