package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.VesselPositionCoder;
import io.seawatch.db.TestSchema;
import io.seawatch.model.VesselPosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class WriteVesselLatestIT {
  @ClassRule public static final TestSchema DB = new TestSchema("latest");

  static VesselPosition pos(int mmsi, long ts, long hash, double lat) {
    return new VesselPosition(mmsi, ts, 1, lat, 10.0, 5.5, 90.0, 91, 0, true, 1, hash);
  }

  // mmsi 1: the newest by time is a tie at 3000 s, broken by the greater msg_hash (9 > 5).
  static final List<VesselPosition> MESSAGES =
      List.of(
          pos(1, 1_000_000, 1, 1.0),
          pos(1, 3_000_000, 5, 3.0),
          pos(1, 3_000_000, 9, 4.0),
          pos(1, 2_000_000, 2, 2.0),
          new VesselPosition(
              1, 9_000_000, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1, false, 0, 3),
          pos(2, 5_000_000, -7, 50.0),
          new VesselPosition(3, 5_000_000, 18, 1.5, 2.5, Double.NaN, Double.NaN, -1, -1, false, 0, 1));

  static final List<String> EXPECTED =
      List.of(
          "1|1970-01-01 00:50:00+00|9|1|4|10|5.5|90|91|0",
          "2|1970-01-01 01:23:20+00|-7|1|50|10|5.5|90|91|0",
          "3|1970-01-01 01:23:20+00|1|18|1.5|2.5|null|null|null|null");

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE vessel_latest");
  }

  private static List<String> table() throws Exception {
    // The V1 columns (V2 added the running aggregates, written by WriteVesselStats).
    return DB.dump(
        "SELECT mmsi, ts, msg_hash, msg_type, lat, lon, speed, course, heading, nav_status"
            + " FROM vessel_latest ORDER BY mmsi");
  }

  private static void write(List<VesselPosition> input) {
    Pipelines.write(input, VesselPositionCoder.of(), WriteVesselLatest.to(DB.target()));
  }

  @Test
  public void keepsTheNewestPositionWithCoordinates() throws Exception {
    write(MESSAGES);
    assertEquals(EXPECTED, table());
  }

  /**
   * One message per bundle, newest first: each bundle writes its own rows and the SQL guard
   * decides between bundles, as between the workers of a parallel job.
   */
  @Test
  public void newestWinsAcrossBundles() throws Exception {
    Pipelines.writeNewestFirstOnePerBundle(MESSAGES, VesselPositionCoder.of(), WriteVesselLatest.to(DB.target()));
    assertEquals(EXPECTED, table());
  }

  @Test
  public void arrivalOrderDoesNotMatter() throws Exception {
    write(MESSAGES);
    List<String> forward = table();
    DB.exec("TRUNCATE vessel_latest");
    // The other way: one message per pipeline, in reverse order, so every message meets the
    // SQL guard rather than the in-pipeline reduce.
    List<VesselPosition> reversed = new ArrayList<>(MESSAGES);
    Collections.reverse(reversed);
    for (VesselPosition p : reversed) {
      write(List.of(p));
    }
    assertEquals(forward, table());
    DB.exec("TRUNCATE vessel_latest");
    List<VesselPosition> shuffled = new ArrayList<>(MESSAGES);
    Collections.shuffle(shuffled, new Random(7));
    write(shuffled);
    assertEquals(EXPECTED, table());
  }

  @Test
  public void lateMessagesAndReplaysChangeNothing() throws Exception {
    write(MESSAGES);
    List<String> before = DB.dump("SELECT ctid, * FROM vessel_latest ORDER BY mmsi");
    write(List.of(pos(1, 2_999_999, 99, 77.0), pos(2, 4_999_999, 0, 77.0)));
    write(MESSAGES);
    assertEquals(before, DB.dump("SELECT ctid, * FROM vessel_latest ORDER BY mmsi"));
  }
}
