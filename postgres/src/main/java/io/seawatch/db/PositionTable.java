package io.seawatch.db;

import io.seawatch.model.VesselPosition;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Table {@code ais_position} (migration V1): every position report, append-only. */
public final class PositionTable {
  public static final String TABLE = "ais_position";

  /** Idempotent: duplicates of (mmsi, ts, msg_hash) are ignored. Safe with batch rewriting. */
  public static final String INSERT =
      "INSERT INTO ais_position (mmsi, ts, msg_hash, msg_type, lat, lon, speed, course, heading,"
          + " nav_status, accuracy, second) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (mmsi, ts, msg_hash) DO NOTHING";

  private PositionTable() {}

  /** Binds the parameters of {@link #INSERT}: NaN and -1 ("not available") become NULL. */
  public static void bind(PreparedStatement ps, VesselPosition p) throws SQLException {
    ps.setInt(1, p.mmsi());
    SqlValues.setTimestamp(ps, 2, p.timestampMillis());
    ps.setLong(3, p.msgHash());
    ps.setInt(4, p.type());
    SqlValues.setDoubleOrNull(ps, 5, p.lat());
    SqlValues.setDoubleOrNull(ps, 6, p.lon());
    SqlValues.setDoubleOrNull(ps, 7, p.speed());
    SqlValues.setDoubleOrNull(ps, 8, p.course());
    SqlValues.setSmallintOrNull(ps, 9, p.heading());
    SqlValues.setSmallintOrNull(ps, 10, p.status());
    ps.setBoolean(11, p.accuracy());
    ps.setInt(12, p.second());
  }
}
