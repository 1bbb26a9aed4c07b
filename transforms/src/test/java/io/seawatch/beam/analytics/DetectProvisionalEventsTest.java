package io.seawatch.beam.analytics;

import static io.seawatch.rules.RuleScenarios.millis;

import io.seawatch.beam.coders.FixCoder;
import io.seawatch.beam.coders.GeofenceRowCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.beam.values.EventVersion;
import io.seawatch.db.GeofenceRow;
import io.seawatch.rules.Fix;
import io.seawatch.rules.RuleConfig;
import io.seawatch.rules.RuleScenarios;
import io.seawatch.rules.ScenarioRuns;
import io.seawatch.rules.VesselEvent;
import io.seawatch.testdata.AnalyticsScenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class DetectProvisionalEventsTest {
  private static final int FERRY = AnalyticsScenarios.FERRY;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /**
   * One DirectRunner thread: the DirectRunner keeps a DoFn instance per thread, and the input
   * clock of the open GAPs is per instance (on Flink, per subtask: it sees every fix of its keys).
   */
  @org.junit.Before
  public void oneInstance() {
    p.getOptions().as(org.apache.beam.runners.direct.DirectOptions.class).setTargetParallelism(1);
  }

  private PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences(List<GeofenceRow> rows) {
    return p.apply(
            "Fences",
            Create.of(KV.of(0L, rows))
                .withCoder(KvCoder.of(VarLongCoder.of(), ListCoder.of(GeofenceRowCoder.of()))))
        .apply("AsView", View.asList());
  }

  /** In order, the ferry's entry and exit come out decided at the fix that confirms each. */
  @Test
  public void ferryEntryAndExitAtTheirConfirmingFixes() {
    SeawatchCoders.registerOn(p);
    var port = AnalyticsScenarios.PORT;
    PCollectionView<List<KV<Long, List<GeofenceRow>>>> view =
        fences(List.of(new GeofenceRow(port.id(), port.name(), port.kind(), port.polygon())));
    List<Fix> fixes = ScenarioRuns.fixes(AnalyticsScenarios.ferryPortCall());
    TestStream.Builder<Fix> stream = TestStream.create(FixCoder.of());
    for (Fix f : fixes) {
      stream = stream.addElements(Deliveries.timestamped(f));
    }
    PCollection<EventVersion> out =
        p.apply(stream.advanceWatermarkToInfinity())
            .apply(DetectProvisionalEvents.with(RuleConfig.defaults(), view));

    long in = millis("2024-05-31T22:54:00Z");
    long exit = millis("2024-05-31T23:48:00Z");
    Map<String, Object> fence =
        Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port");
    // The end of the stream moves the watermark to the end of time and fires the ferry's timer:
    // no evidence of silence, no GAP.
    assertDistinct(
        out,
            EventVersion.provisional(
                VesselEvent.of(VesselEvent.Kind.GEOFENCE_ENTRY, FERRY, 0, in, in, 54.002, 10.015,
                    "DKKEL", fence),
                millis("2024-05-31T22:58:00Z")),
            EventVersion.provisional(
                VesselEvent.of(VesselEvent.Kind.GEOFENCE_EXIT, FERRY, 0, exit, exit, 53.995,
                    10.015, "DKKEL",
                    Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port",
                        "dwell_s", 3240L)),
                millis("2024-05-31T23:52:00Z")));
    p.run().waitUntilFinish();
  }

  /**
   * Vessel 1 reports once and falls silent while vessel 2 reports every minute: the open GAP of
   * vessel 1 is decided by the input clock at last seen + threshold, before the watermark moves.
   */
  @Test
  public void openGapWhenTheInputClockPassesTheThreshold() {
    SeawatchCoders.registerOn(p);
    RuleConfig rules = RuleConfig.defaults().toBuilder().gapThresholdMillis(600_000L).build();
    long t0 = millis("2024-06-01T00:00:30Z");
    List<Fix> fixes = new ArrayList<>();
    fixes.add(RuleScenarios.fix(1, t0, 54.0, 10.0, 8.0, "s1"));
    for (int i = 1; i <= 12; i++) {
      fixes.add(RuleScenarios.fix(2, t0 + i * 60_000L, 55.0, 11.0 + i * 0.001, 8.0, "s1"));
    }
    TestStream.Builder<Fix> stream = TestStream.create(FixCoder.of());
    for (Fix f : fixes) {
      stream = stream.addElements(Deliveries.timestamped(f));
    }
    PCollection<EventVersion> out =
        p.apply(stream.advanceWatermarkToInfinity())
            .apply(DetectProvisionalEvents.with(rules, fences(List.of())));
    VesselEvent gap =
        VesselEvent.of(VesselEvent.Kind.GAP, 1, 0, t0, -1, 54.0, 10.0, "", Map.of("source", "s1"));
    // Vessel 2's timer fires at the end of the stream too, but no fix reached its deadline: the
    // watermark alone opens no GAP.
    assertDistinct(out, EventVersion.provisional(gap, t0 + 600_000L));
    p.run().waitUntilFinish();
  }

  /**
   * The outputs, repeats aside: an open GAP may come from the in-memory clock and again from the
   * vessel's timer (the reconciliation keeps one).
   */
  private static void assertDistinct(PCollection<EventVersion> out, EventVersion... expected) {
    // Compared as text: the values are not Serializable, the checking function is.
    java.util.TreeSet<String> want = new java.util.TreeSet<>();
    for (EventVersion v : expected) {
      want.add(v.toString());
    }
    PAssert.that(out)
        .satisfies(
            actual -> {
              java.util.TreeSet<String> got = new java.util.TreeSet<>();
              actual.forEach(v -> got.add(v.toString()));
              org.junit.Assert.assertEquals(want, got);
              return null;
            });
  }

  @Test
  public void wakeTimesAreWholeMinutes() {
    org.junit.Assert.assertEquals(
        120_000L, OrderedRuleFn.roundUp(60_001L));
    org.junit.Assert.assertEquals(
        60_000L, OrderedRuleFn.roundUp(60_000L));
    org.junit.Assert.assertEquals(
        Long.MAX_VALUE, OrderedRuleFn.roundUp(Long.MAX_VALUE));
  }
}
