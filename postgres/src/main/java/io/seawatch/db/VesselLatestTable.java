package io.seawatch.db;

import io.seawatch.model.VesselPosition;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;

/**
 * Table {@code vessel_latest} (migration V1): the newest position with coordinates per vessel.
 * "Newest" is the greatest (event time, msg_hash) — {@link #NEWEST_LAST} in Java, the row
 * comparison in {@link #UPSERT} in SQL — so the final row is the same whatever the arrival order.
 */
public final class VesselLatestTable {
  public static final String TABLE = "vessel_latest";

  /**
   * Replaces the row only with a strictly newer message: late messages and replays change nothing.
   * Not safe under batch rewriting when a batch holds one mmsi twice (21000).
   */
  public static final String UPSERT =
      "INSERT INTO vessel_latest AS t (mmsi, ts, msg_hash, msg_type, lat, lon, speed, course,"
          + " heading, nav_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (mmsi) DO UPDATE SET ts = EXCLUDED.ts, msg_hash = EXCLUDED.msg_hash,"
          + " msg_type = EXCLUDED.msg_type, lat = EXCLUDED.lat, lon = EXCLUDED.lon,"
          + " speed = EXCLUDED.speed, course = EXCLUDED.course, heading = EXCLUDED.heading,"
          + " nav_status = EXCLUDED.nav_status"
          + " WHERE (t.ts, t.msg_hash) < (EXCLUDED.ts, EXCLUDED.msg_hash)";

  /** The order of the SQL guard: by event time, then signed msg_hash (bigint order). */
  public static final Comparator<VesselPosition> NEWEST_LAST =
      Comparator.comparingLong(VesselPosition::timestampMillis)
          .thenComparingLong(VesselPosition::msgHash);

  private VesselLatestTable() {}

  /** Only positions with coordinates go into vessel_latest. */
  public static boolean accepts(VesselPosition p) {
    return p.hasCoordinates();
  }

  /** The newer of two positions of one vessel, as the upsert guard decides. */
  public static VesselPosition newer(VesselPosition a, VesselPosition b) {
    return NEWEST_LAST.compare(a, b) >= 0 ? a : b;
  }

  public static void bind(PreparedStatement ps, VesselPosition p) throws SQLException {
    if (!accepts(p)) {
      throw new IllegalArgumentException("vessel_latest takes positions with coordinates: " + p);
    }
    ps.setInt(1, p.mmsi());
    SqlValues.setTimestamp(ps, 2, p.timestampMillis());
    ps.setLong(3, p.msgHash());
    ps.setInt(4, p.type());
    ps.setDouble(5, p.lat());
    ps.setDouble(6, p.lon());
    SqlValues.setDoubleOrNull(ps, 7, p.speed());
    SqlValues.setDoubleOrNull(ps, 8, p.course());
    SqlValues.setSmallintOrNull(ps, 9, p.heading());
    SqlValues.setSmallintOrNull(ps, 10, p.status());
  }
}
