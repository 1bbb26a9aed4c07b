package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.VesselPositionCoder;
import io.seawatch.beam.coders.VesselStatsRowCoder;
import io.seawatch.db.TestSchema;
import io.seawatch.db.VesselStatsRow;
import io.seawatch.model.VesselPosition;
import java.util.List;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class WriteVesselStatsIT {
  @ClassRule public static final TestSchema DB = new TestSchema("stats");

  static final long T = 1_717_203_600_000L; // 2024-06-01T01:00:00Z
  static final VesselStatsRow EARLY =
      new VesselStatsRow(257_000_001, T, 57.1, 11.0, 10.0, 10.0, 42L, List.of(7L));
  static final VesselStatsRow LATE =
      new VesselStatsRow(257_000_001, T + 3_600_000L, 57.3, 11.0, 20.0, 20.0, 42L, List.of());
  static final VesselPosition POSITION =
      new VesselPosition(257_000_001, T + 60_000, 1, 57.2, 11.0, 10.0, 0.0, 0, 0, true, 0, 5L);

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE vessel_latest");
  }

  private static List<String> table() throws Exception {
    return DB.dump(
        "SELECT mmsi, ts, msg_type, lat, stats_as_of, distance_today_nm, distance_total_nm,"
            + " current_segment, open_events FROM vessel_latest ORDER BY mmsi");
  }

  @Test
  public void aggregatesNeverGoBackAndThePositionGuardIsUntouched() throws Exception {
    Pipelines.write(List.of(LATE), VesselStatsRowCoder.of(), WriteVesselStats.to(DB.target()));
    // No position yet: a placeholder row that any real position replaces.
    assertEquals(
        List.of("257000001|-infinity|0|57.3|2024-06-01 02:00:00+00|20|20|42|{}"), table());
    Pipelines.write(List.of(EARLY), VesselStatsRowCoder.of(), WriteVesselStats.to(DB.target()));
    Pipelines.write(
        List.of(POSITION), VesselPositionCoder.of(), WriteVesselLatest.to(DB.target()));
    List<String> expected =
        List.of("257000001|2024-06-01 01:01:00+00|1|57.2|2024-06-01 02:00:00+00|20|20|42|{}");
    assertEquals(expected, table());
    Pipelines.write(List.of(LATE), VesselStatsRowCoder.of(), WriteVesselStats.to(DB.target()));
    assertEquals(expected, table());
  }
}
