package io.seawatch.db;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.seawatch.model.VesselPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/** Why the DO UPDATE tables get a pool without batch rewriting (pitfall 21000). */
public class PooledDataSourcesIT {
  @ClassRule public static final TestSchema DB = new TestSchema("pools");

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  static VesselPosition pos(long ts, long hash) {
    return new VesselPosition(5, ts, 1, 1.0, 2.0, 3.0, 4.0, 5, 6, true, 7, hash);
  }

  private static int[] upsertBatch(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(VesselLatestTable.UPSERT)) {
      c.setAutoCommit(false);
      for (VesselPosition p : List.of(pos(2000, 1), pos(1000, 1), pos(3000, 1))) {
        VesselLatestTable.bind(ps, p);
        ps.addBatch();
      }
      try {
        int[] counts = ps.executeBatch();
        c.commit();
        return counts;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  @Test
  public void oneKeyTwiceInABatchNeedsThePlainPool() throws Exception {
    // Even if the configured URL asks for rewriting, the plain pool turns it off.
    JdbcTarget target = DB.target().withUrlParameter("reWriteBatchedInserts", "true");
    try {
      SQLException e =
          assertThrows(
              SQLException.class, () -> upsertBatch(PooledDataSources.get(target, true)));
      String state = e.getNextException() != null ? e.getNextException().getSQLState() : e.getSQLState();
      assertEquals("21000", state);

      assertArrayEquals(new int[] {1, 0, 1}, upsertBatch(PooledDataSources.get(target, false)));
      assertEquals(
          List.of("5|1970-01-01 00:00:03+00|1"), DB.dump("SELECT mmsi, ts, msg_hash FROM vessel_latest"));
    } finally {
      PooledDataSources.close(target);
    }
  }
}
