package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.db.TestSchema;
import io.seawatch.rules.VesselEvent;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class WriteVesselEventsIT {
  @ClassRule public static final TestSchema DB = new TestSchema("events");

  static final long START = 1_714_528_800_000L; // 2024-05-01T02:00:00Z
  static final long END = START + 7 * 3_600_000L;

  static final VesselEvent OPEN =
      VesselEvent.of(VesselEvent.Kind.GAP, 219_000_001, 0, START, -1, 54.001, 10.0, "",
          Map.of("source", "rec1", "feed_stall", false));
  static final VesselEvent CLOSED =
      VesselEvent.of(VesselEvent.Kind.GAP, 219_000_001, 0, START, END, 54.001, 10.0, "",
          Map.of("source", "rec1", "feed_stall", false, "duration_s", 25_200L));
  static final VesselEvent ENCOUNTER =
      VesselEvent.of(VesselEvent.Kind.ENCOUNTER, 111_000_002, 222_000_001, START, END, 10.075,
          20.0, "", Map.of("observations", 121L, "slow_fraction", 1.0));

  static final String OPEN_ROW =
      OPEN.id() + "|GAP|219000001|null|2024-05-01 02:00:00+00|null|54.001|10|t"
          + "|{\"source\": \"rec1\", \"feed_stall\": false}";
  static final String CLOSED_ROW =
      CLOSED.id() + "|GAP|219000001|null|2024-05-01 02:00:00+00|2024-05-01 09:00:00+00"
          + "|54.001|10|f|{\"source\": \"rec1\", \"duration_s\": 25200, \"feed_stall\": false}";
  static final String ENCOUNTER_ROW =
      ENCOUNTER.id() + "|ENCOUNTER|111000002|222000001|2024-05-01 02:00:00+00"
          + "|2024-05-01 09:00:00+00|10.075|20|f"
          + "|{\"observations\": 121, \"slow_fraction\": 1.0}";

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE vessel_event");
  }

  private static List<String> table() throws Exception {
    return DB.dump(
        "SELECT id, kind, mmsi, other_mmsi, start_ts, end_ts, lat, lon, open, details"
            + " FROM vessel_event ORDER BY kind, id");
  }

  private static void write(List<VesselEvent> events) {
    Pipelines.write(events, VesselEventCoder.of(), WriteVesselEvents.to(DB.target()));
  }

  private static List<String> sorted(String... rows) {
    return List.of(rows);
  }

  @Test
  public void writingTwiceLeavesTheSameTable() throws Exception {
    write(List.of(OPEN, ENCOUNTER));
    List<String> first = table();
    assertEquals(sorted(ENCOUNTER_ROW, OPEN_ROW), first);
    write(List.of(OPEN, ENCOUNTER));
    assertEquals(first, table());
  }

  @Test
  public void theClosedVersionUpdatesTheOpenRow() throws Exception {
    write(List.of(OPEN));
    assertEquals(List.of(OPEN_ROW), table());
    write(List.of(CLOSED));
    assertEquals(List.of(CLOSED_ROW), table());
  }

  @Test
  public void aStaleOpenVersionDoesNotReopenAClosedEvent() throws Exception {
    write(List.of(CLOSED));
    write(List.of(OPEN));
    assertEquals(List.of(CLOSED_ROW), table());
    // Both versions in one bundle, in either order.
    DB.exec("TRUNCATE vessel_event");
    write(List.of(CLOSED, OPEN));
    assertEquals(List.of(CLOSED_ROW), table());
  }
}
