package io.seawatch.beam.analytics;

import io.seawatch.beam.values.FixOrEvent;
import static io.seawatch.rules.RuleScenarios.millis;
import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.FixOrEventCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.VesselStatsRow;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleScenarios;
import io.seawatch.rules.ScenarioRuns;
import io.seawatch.rules.VesselEvent;
import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class TrackSegmentsTest {
  private static final int MMSI = AnalyticsScenarios.SPOOFER;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void spoofedJumpIsIsolatedAndTheAggregatesCountOnlyTheRealTrack() {
    SeawatchCoders.registerOn(p);
    AnalyticsScenario spoofed = AnalyticsScenarios.spoofedJump();
    List<Fix> fixes = ScenarioRuns.fixes(spoofed);
    List<VesselEvent> reference = RuleScenarios.segmentReference(fixes, Long.MAX_VALUE / 2);
    assertEquals(5, reference.size()); // segment open, jump, jump segment open, both closed
    assertEquals(spoofed.events(), ScenarioRuns.finalRows(reference));
    // An open event of another rule for this vessel, closed later: tracked, then forgotten.
    VesselEvent gapOpen =
        VesselEvent.of(VesselEvent.Kind.GAP, MMSI, 0, millis("2024-05-31T23:30:00Z"), -1, 57, 8,
            "", null);

    TestStream.Builder<FixOrEvent> stream = TestStream.create(FixOrEventCoder.of());
    for (Fix f : fixes) {
      stream = stream.addElements(TimestampedValue.of(FixOrEvent.of(f), new Instant(f.timeMillis())));
    }
    stream =
        stream
            .addElements(
                TimestampedValue.of(
                    FixOrEvent.of(gapOpen), new Instant(millis("2024-06-01T00:45:00Z"))))
            .advanceWatermarkTo(new Instant(millis("2024-06-01T04:00:00Z")));
    PCollectionTuple out = p.apply(stream.advanceWatermarkToInfinity())
        .apply(TrackSegments.with(AnalyticsConfig.defaults()));

    PAssert.that(out.get(Analytics.EVENTS)).containsInAnyOrder(reference);
    String expected =
        "2024-06-02T01:00:00.001Z total=20.000 today=0.000 segment=" + reference.get(0).id()
            + " open=[" + gapOpen.id() + "]";
    // The last read-out: both segments closed 24 h after their last fix; 20 NM of real track
    // (the 300 NM jump does not count); the day of the read-out has no distance; the GAP is open.
    PAssert.that(
            out.get(Analytics.STATS)
                .apply(
                    MapElements.into(TypeDescriptor.of(String.class))
                        .via(TrackSegmentsTest::describe)))
        .satisfies(
            rows -> {
              String last = null;
              for (String r : rows) {
                last = last == null || r.compareTo(last) > 0 ? r : last;
              }
              assertEquals(expected, last);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void twoTransmittersOnOneMmsiKeepTwoTracksWhenDeliveredLateAndShuffled() {
    SeawatchCoders.registerOn(p);
    AnalyticsScenario shared = AnalyticsScenarios.sharedMmsi();
    List<Fix> fixes = ScenarioRuns.fixes(shared);
    List<VesselEvent> reference = RuleScenarios.segmentReference(fixes, Long.MAX_VALUE / 2);
    assertEquals(shared.events(), ScenarioRuns.finalRows(reference));
    PCollectionTuple out =
        p.apply(Deliveries.lateAndShuffled(fixes, 17).advanceWatermarkToInfinity())
            .apply(
                "AsTrackInputs",
                MapElements.into(TypeDescriptor.of(FixOrEvent.class))
                    .via((Fix f) -> FixOrEvent.of(f)))
            .setCoder(FixOrEventCoder.of())
            .apply(TrackSegments.with(AnalyticsConfig.defaults()));
    // Open versions (the two segments) and the final rows, each once.
    PAssert.that(out.get(Analytics.EVENTS)).containsInAnyOrder(reference);
    p.run().waitUntilFinish();
  }

  private static String describe(VesselStatsRow r) {
    return java.time.Instant.ofEpochMilli(r.asOfMillis())
        + String.format(" total=%.3f today=%.3f", r.distanceTotalNm(), r.distanceTodayNm())
        + " segment=" + r.currentSegment() + " open=" + r.openEvents();
  }
}
