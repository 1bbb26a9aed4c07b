package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.VesselStaticCoder;
import io.seawatch.db.TestSchema;
import io.seawatch.model.VesselStatic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class WriteVesselStaticIT {
  @ClassRule public static final TestSchema DB = new TestSchema("static");

  static final int MMSI = 244_660_000;

  static final List<VesselStatic> MESSAGES =
      List.of(
          // type 5 at t=100 s: everything
          new VesselStatic(
              MMSI, 100_000, 5, 9_123_456, "PBAB", "OLD NAME", 70, 100, 20, 10, 12, 7.4,
              "ROTTERDAM", "05-17T14:30Z"),
          // 24A at t=300 s: a newer name
          new VesselStatic(
              MMSI, 300_000, 24, null, null, "NEW NAME", null, null, null, null, null, null, null,
              null),
          // 24B at t=200 s: callsign, type and dimensions; to_port not available
          new VesselStatic(
              MMSI, 200_000, 24, null, "PBAC", null, 30, 101, 21, null, 13, null, null, null),
          // 24B at the same t=200 s with a smaller callsign: the tie goes to the greater value
          new VesselStatic(
              MMSI, 200_000, 24, null, "PBAA", null, 31, null, null, null, null, null, null, null),
          // type 19 at t=50 s: older than everything it carries
          new VesselStatic(
              MMSI, 50_000, 19, null, null, "ANCIENT", 99, 1, 1, 1, 1, null, null, null),
          // another vessel, type 5 with NUL in its destination
          new VesselStatic(
              7, 10_000, 5, null, "X", "SEVEN", null, null, null, null, null, null, "A\u0000B",
              null));

  static final List<String> EXPECTED =
      List.of(
          "7|null|null|X|1970-01-01 00:00:10+00|SEVEN|1970-01-01 00:00:10+00|null|null"
              + "|null|null|null|null|null|null|null|null|null|null"
              + "|A\uFFFDB|1970-01-01 00:00:10+00|null|null",
          MMSI + "|9123456|1970-01-01 00:01:40+00|PBAC|1970-01-01 00:03:20+00"
              + "|NEW NAME|1970-01-01 00:05:00+00|31|1970-01-01 00:03:20+00"
              + "|101|1970-01-01 00:03:20+00|21|1970-01-01 00:03:20+00"
              + "|10|1970-01-01 00:01:40+00|13|1970-01-01 00:03:20+00"
              + "|7.4|1970-01-01 00:01:40+00|ROTTERDAM|1970-01-01 00:01:40+00"
              + "|05-17T14:30Z|1970-01-01 00:01:40+00");

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE vessel_static");
  }

  private static List<String> table() throws Exception {
    return DB.table("vessel_static", "mmsi");
  }

  private static void write(List<VesselStatic> input) {
    Pipelines.write(input, VesselStaticCoder.of(), WriteVesselStatic.to(DB.target()));
  }

  @Test
  public void mergesEachFieldFromItsNewestMessage() throws Exception {
    write(MESSAGES);
    assertEquals(EXPECTED, table());
  }

  /**
   * One message per bundle, newest first: each bundle writes its own rows and the SQL guard
   * decides between bundles, as between the workers of a parallel job.
   */
  @Test
  public void newestWinsAcrossBundles() throws Exception {
    Pipelines.writeNewestFirstOnePerBundle(MESSAGES, VesselStaticCoder.of(), WriteVesselStatic.to(DB.target()));
    assertEquals(EXPECTED, table());
  }

  @Test
  public void arrivalOrderDoesNotMatter() throws Exception {
    // One message per pipeline, newest first: every merge happens in SQL.
    List<VesselStatic> reversed = new ArrayList<>(MESSAGES);
    Collections.reverse(reversed);
    for (VesselStatic s : reversed) {
      write(List.of(s));
    }
    assertEquals(EXPECTED, table());
    for (long seed = 1; seed <= 2; seed++) {
      DB.exec("TRUNCATE vessel_static");
      List<VesselStatic> shuffled = new ArrayList<>(MESSAGES);
      Collections.shuffle(shuffled, new Random(seed));
      for (VesselStatic s : shuffled) {
        write(List.of(s));
      }
      assertEquals(EXPECTED, table());
    }
  }

  @Test
  public void lateMessagesAndReplaysChangeNothing() throws Exception {
    write(MESSAGES);
    List<String> before = DB.dump("SELECT ctid, * FROM vessel_static ORDER BY mmsi");
    write(
        List.of(
            new VesselStatic(
                MMSI, 99_999, 5, 1, "LATE", "LATE", 1, 1, 1, 1, 1, 1.0, "LATE", "01-01T00:00Z")));
    write(MESSAGES);
    assertEquals(before, DB.dump("SELECT ctid, * FROM vessel_static ORDER BY mmsi"));
  }
}
