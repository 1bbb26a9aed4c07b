package io.seawatch.db;

import io.seawatch.geo.GridCell;
import io.seawatch.rules.DensityAggregator.DensityCount;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Table {@code density_hourly} (migration V2): full counts per UTC hour and grid cell. */
public final class DensityTable {
  public static final String TABLE = "density_hourly";

  /**
   * Writes the full values, and only over smaller ones: the complete count of an hour is the
   * largest, so a replay changes nothing and a partial recount can never lower a row.
   */
  public static final String UPSERT =
      "INSERT INTO density_hourly AS t (hour, cell_id, cell_lat, cell_lon, positions, vessels)"
          + " VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (hour, cell_id) DO UPDATE SET positions = EXCLUDED.positions,"
          + " vessels = EXCLUDED.vessels"
          + " WHERE (t.positions, t.vessels) < (EXCLUDED.positions, EXCLUDED.vessels)";

  private DensityTable() {}

  /** Of two counts for one (hour, cell), the one the table ends with. */
  public static DensityCount larger(DensityCount a, DensityCount b) {
    if (a.positions() != b.positions()) {
      return a.positions() > b.positions() ? a : b;
    }
    return a.vessels() >= b.vessels() ? a : b;
  }

  public static void bind(PreparedStatement ps, DensityCount c) throws SQLException {
    SqlValues.setTimestamp(ps, 1, c.hourStartMillis());
    ps.setLong(2, c.cellId());
    ps.setDouble(3, GridCell.centerLat(c.cellId()));
    ps.setDouble(4, GridCell.centerLon(c.cellId()));
    ps.setInt(5, c.positions());
    ps.setInt(6, c.vessels());
  }
}
