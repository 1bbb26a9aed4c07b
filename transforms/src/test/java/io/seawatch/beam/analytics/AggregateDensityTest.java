package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;

import io.seawatch.beam.coders.FixCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.geo.GridCell;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import io.seawatch.rules.DensityAggregator.DensityCount;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleScenarios;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class AggregateDensityTest {
  private static final long CELL = GridCell.idOf(54.05, 10.05);
  private static final long NORTH = GridCell.idOf(54.15, 10.05);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Fix at(int mmsi, String time, double lat, double lon) {
    return RuleScenarios.fix(mmsi, millis("2024-09-01T" + time + "Z"), lat, lon, 5, "rec1");
  }

  @Test
  public void hourlyCountsPerCellOnceEachAndAStragglerForAFlushedHourIsADeadLetter() {
    SeawatchCoders.registerOn(p);
    List<Fix> fixes =
        List.of(
            at(3, "10:00:00", 54.01, 10.01),
            at(1, "10:10:00", 54.02, 10.02),
            at(3, "10:20:00", 54.03, 10.03),
            at(2, "10:59:59.999", 54.09, 10.09),
            at(3, "11:00:00", 54.00, 10.00),
            at(9, "11:30:00", 54.10, 10.05),
            at(7, "11:30:00", Double.NaN, Double.NaN));
    Fix straggler = at(5, "10:30:00", 54.01, 10.01);
    PCollectionTuple out =
        p.apply(
                Deliveries.lateAndShuffled(fixes, 17)
                    .advanceWatermarkTo(new Instant(millis("2024-09-01T14:00:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(AggregateDensity.with(AnalyticsConfig.defaults()));

    long h10 = millis("2024-09-01T10:00:00Z");
    long h11 = millis("2024-09-01T11:00:00Z");
    long h12 = millis("2024-09-01T12:00:00Z");
    PAssert.that(out.get(Analytics.DENSITY).apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(new DensityCount(CELL, h10, 4, 3), new Instant(h11)),
            TimestampedValue.of(new DensityCount(CELL, h11, 1, 1), new Instant(h12)),
            TimestampedValue.of(new DensityCount(NORTH, h11, 1, 1), new Instant(h12)));
    PAssert.that(out.get(Analytics.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(
                Analytics.describe(straggler),
                DeadLetter.Stage.LATE,
                // The cell emitted 11:00-12:00 (at 13:00): counted up to 12:00, 90 min after
                // the straggler.
                "position older than the cell's counted hours by 5400 s (density)",
                Origin.of("analytics/density", -1, 0),
                straggler.timeMillis()));
    p.run().waitUntilFinish();
  }

  /**
   * Counted on arrival: a fix behind newer ones of its cell still counts while its hour is open
   * (an ordered step that had applied the cell up to 11:40 refused it as late).
   */
  @Test
  public void aFixBehindNewerOnesCountsWhileItsHourIsOpen() {
    SeawatchCoders.registerOn(p);
    Fix straggler = at(8, "11:10:00", 54.02, 10.02);
    PCollectionTuple out =
        p.apply(
                TestStream.create(FixCoder.of())
                    .addElements(
                        Deliveries.timestamped(at(3, "11:00:00", 54.00, 10.00)),
                        Deliveries.timestamped(at(4, "11:40:00", 54.01, 10.01)))
                    .advanceWatermarkTo(new Instant(millis("2024-09-01T12:45:00Z")))
                    .addElements(Deliveries.timestamped(straggler))
                    .advanceWatermarkToInfinity())
            .apply(AggregateDensity.with(AnalyticsConfig.defaults()));
    long h11 = millis("2024-09-01T11:00:00Z");
    PAssert.that(out.get(Analytics.DENSITY))
        .containsInAnyOrder(new DensityCount(CELL, h11, 3, 3));
    PAssert.that(out.get(Analytics.DEAD_LETTERS)).empty();
    p.run().waitUntilFinish();
  }
}
