package io.seawatch.beam.analytics;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.AlertCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.AlertTable;
import io.seawatch.db.TestSchema;
import io.seawatch.db.VesselEventTable;
import io.seawatch.rules.Alert;
import io.seawatch.rules.VesselEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/** Provisional rows no state remembers are settled once the watermark has passed them. */
public class RetractOrphanedProvisionalsIT {
  @ClassRule public static final TestSchema DB = new TestSchema("sweep");
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final long T = 1_717_200_000_000L; // 2024-06-01T00:00:00Z

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  private static VesselEvent entry(int mmsi, long t) {
    return VesselEvent.of(
        VesselEvent.Kind.GEOFENCE_ENTRY, mmsi, 0, t, t, 54.0, 10.0, "F", Map.of("geofence", "F"));
  }

  @Test
  public void orphansBehindTheWatermarkAreRetractedOthersKept() throws Exception {
    VesselEvent orphan = entry(1, T);
    VesselEvent confirmed = entry(2, T);
    VesselEvent recent = entry(3, T + 3_600_000L);
    Alert orphanAlert = Alert.of(orphan, Alert.Status.PROVISIONAL, T + 60_000);
    try (Connection c = DB.target().connect()) {
      for (Alert a :
          List.of(
              orphanAlert,
              Alert.of(confirmed, Alert.Status.FINAL, -1),
              Alert.of(recent, Alert.Status.PROVISIONAL, T + 3_660_000L))) {
        try (PreparedStatement ps = c.prepareStatement(AlertTable.UPSERT)) {
          AlertTable.bind(ps, a);
          ps.executeUpdate();
        }
      }
      for (VesselEvent e : List.of(orphan, recent)) {
        try (PreparedStatement ps = c.prepareStatement(VesselEventTable.UPSERT_PROVISIONAL)) {
          VesselEventTable.bindProvisional(ps, e, e.startMillis() + 60_000);
          ps.executeUpdate();
        }
      }
    }
    // One alert at T + 1 h: the sweep at that minute covers what was decided before it less the
    // slack: the orphan (T + 1 min), not the recent one (T + 61 min).
    long now = T + 3_600_000L;
    PCollection<Alert> out =
        p.apply(
                Create.timestamped(
                        TimestampedValue.of(
                            Alert.of(recent, Alert.Status.PROVISIONAL, now), new Instant(now)))
                    .withCoder(AlertCoder.of()))
            .apply(RetractOrphanedProvisionals.in(DB.target()));
    SeawatchCoders.registerOn(p);
    PAssert.that(out).containsInAnyOrder(orphanAlert.retracted());
    p.run().waitUntilFinish();

    assertEquals(
        List.of(recent.id() + "|2024-06-01 01:01:00+00"),
        DB.dump("SELECT id, provisional_ts FROM vessel_event ORDER BY id"));
  }
}
