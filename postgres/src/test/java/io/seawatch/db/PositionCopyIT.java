package io.seawatch.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.seawatch.model.VesselPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class PositionCopyIT {
  @ClassRule public static final TestSchema DB = new TestSchema("position_copy");

  static final VesselPosition FULL =
      new VesselPosition(
          244_660_000, 1_700_000_000_123L, 1, 52.5, 4.25, 12.3, 271.5, 270, 0, true, 59, -42L);
  static final VesselPosition NO_FIX =
      new VesselPosition(
          2_442_000, 1_700_000_000_000L, 18, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1,
          false, 60, 7L);
  /** Before 2000-01-01 (negative Postgres time) and with the extreme values of each column. */
  static final VesselPosition OLD_EXTREMES =
      new VesselPosition(
          Integer.MAX_VALUE, 915_148_800_001L, 27, -90.0, -180.0, 102.2, 359.9, 359, 15, false, 63,
          Long.MIN_VALUE);

  static final List<String> EXPECTED =
      List.of(
          "2442000|2023-11-14 22:13:20+00|7|18|null|null|null|null|null|null|f|60",
          "244660000|2023-11-14 22:13:20.123+00|-42|1|52.5|4.25|12.3|271.5|270|0|t|59",
          "2147483647|1999-01-01 00:00:00.001+00|-9223372036854775808|27|-90|-180|102.2|359.9|359|15|f|63");

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
  public void copiedRowsEqualInsertedRows() throws Exception {
    List<VesselPosition> rows = List.of(FULL, NO_FIX, OLD_EXTREMES);
    try (Connection c = DB.target().connect();
        PreparedStatement ps = c.prepareStatement(PositionTable.INSERT)) {
      for (VesselPosition p : rows) {
        PositionTable.bind(ps, p);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    List<String> inserted = table();
    assertEquals(EXPECTED, inserted);
    DB.exec("TRUNCATE ais_position");
    try (Connection c = DB.target().connect()) {
      assertEquals(3, PositionCopy.merge(c, rows));
    }
    assertEquals(inserted, table());
    DB.exec("TRUNCATE ais_position");
    try (Connection c = DB.target().connect()) {
      assertEquals(3, PositionCopy.copyDirect(c, rows));
    }
    assertEquals(inserted, table());
  }

  @Test
  public void mergeSkipsDuplicatesInTheBatchAndRowsAlreadyThere() throws Exception {
    try (Connection c = DB.target().connect()) {
      assertEquals(2, PositionCopy.merge(c, List.of(FULL, NO_FIX, FULL)));
      List<String> once = DB.dump("SELECT ctid, * FROM ais_position ORDER BY mmsi, ts, msg_hash");
      assertEquals(1, PositionCopy.merge(c, List.of(NO_FIX, OLD_EXTREMES, FULL)));
      assertEquals(EXPECTED, table());
      // The rows of the first merge were not rewritten.
      assertEquals(once,
          DB.dump("SELECT ctid, * FROM ais_position ORDER BY mmsi, ts, msg_hash").subList(0, 2));
      // The staging table was emptied at commit: nothing carries over to the next batch.
      assertEquals(0, PositionCopy.merge(c, List.of()));
      try (var st = c.createStatement();
          var rs = st.executeQuery("SELECT count(*) FROM " + PositionCopy.STAGE)) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
    }
  }

  @Test
  public void mergeJoinsTheCallersTransaction() throws Exception {
    try (Connection c = DB.target().connect()) {
      c.setAutoCommit(false);
      assertEquals(1, PositionCopy.merge(c, List.of(FULL)));
      c.rollback();
      assertEquals(List.of(), table());
      assertEquals(1, PositionCopy.merge(c, List.of(FULL)));
      c.commit();
      assertEquals(EXPECTED.subList(1, 2), table());
    }
  }

  @Test
  public void copyDirectFailsOnAKeyAlreadyThere() throws Exception {
    try (Connection c = DB.target().connect()) {
      PositionCopy.copyDirect(c, List.of(FULL));
      assertThrows(SQLException.class, () -> PositionCopy.copyDirect(c, List.of(FULL)));
    }
  }

  @Test
  public void manyRowsInOneMerge() throws Exception {
    List<VesselPosition> rows = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      rows.add(new VesselPosition(200_000_000 + i % 500, 1_700_000_000_000L + i * 1000L, 1,
          50 + i % 7, 3 + i % 11, i % 30, i % 360, i % 360, i % 16, i % 2 == 0, i % 60, i));
    }
    try (Connection c = DB.target().connect()) {
      assertEquals(25_000, PositionCopy.merge(c, rows));
    }
    assertEquals(List.of("25000|12500"),
        DB.dump("SELECT count(*), count(*) FILTER (WHERE accuracy) FROM ais_position"));
  }
}
