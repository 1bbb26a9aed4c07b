package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.VesselPositionCoder;
import io.seawatch.db.TestSchema;
import io.seawatch.model.VesselPosition;
import java.util.List;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class WritePositionsIT {
  @ClassRule public static final TestSchema DB = new TestSchema("positions");

  static final VesselPosition FULL =
      new VesselPosition(
          244_660_000, 1_700_000_000_123L, 1, 52.5, 4.25, 12.3, 271.5, 270, 0, true, 59, -42L);
  static final VesselPosition NO_FIX =
      new VesselPosition(
          2_442_000, 1_700_000_000_000L, 18, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1,
          false, 60, 7L);
  static final VesselPosition SAME_TIME_OTHER_MSG =
      new VesselPosition(
          244_660_000, 1_700_000_000_123L, 3, 52.6, 4.26, 0.0, 0.0, 0, 5, false, 59, 43L);

  static final List<String> EXPECTED =
      List.of(
          "2442000|2023-11-14 22:13:20+00|7|18|null|null|null|null|null|null|f|60",
          "244660000|2023-11-14 22:13:20.123+00|-42|1|52.5|4.25|12.3|271.5|270|0|t|59",
          "244660000|2023-11-14 22:13:20.123+00|43|3|52.6|4.26|0|0|0|5|f|59");

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE ais_position");
  }

  private static List<String> table() throws Exception {
    return DB.table("ais_position", "mmsi, ts, msg_hash");
  }

  @Test
  public void writesEveryReportAndCollapsesDuplicateReceptions() throws Exception {
    // FULL twice in one batch: DO NOTHING is safe under reWriteBatchedInserts.
    Pipelines.write(
        List.of(FULL, NO_FIX, FULL, SAME_TIME_OTHER_MSG), VesselPositionCoder.of(),
        WritePositions.to(DB.target()));
    assertEquals(EXPECTED, table());
  }

  @Test
  public void writingTheSameInputAgainChangesNothing() throws Exception {
    List<VesselPosition> input = List.of(FULL, NO_FIX, SAME_TIME_OTHER_MSG);
    Pipelines.write(input, VesselPositionCoder.of(), WritePositions.to(DB.target()));
    List<String> once = DB.dump("SELECT ctid, * FROM ais_position ORDER BY mmsi, ts, msg_hash");
    Pipelines.write(
        input, VesselPositionCoder.of(), WritePositions.to(DB.target()).withBatchSize(1));
    // ctid too: the rows were not even rewritten.
    assertEquals(once, DB.dump("SELECT ctid, * FROM ais_position ORDER BY mmsi, ts, msg_hash"));
    assertEquals(EXPECTED, table());
  }
}
