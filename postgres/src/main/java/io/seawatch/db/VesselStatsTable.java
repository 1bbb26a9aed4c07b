package io.seawatch.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The running-aggregate columns of {@code vessel_latest} (migration V2), written by their own
 * upsert so the latest-position guard of {@link VesselLatestTable} stays untouched.
 */
public final class VesselStatsTable {
  /**
   * Sets the aggregates when they are at least as new as the stored ones ({@code stats_as_of}).
   * When the vessel has no row yet (the position write has not landed) it inserts a placeholder
   * position with ts '-infinity', msg_hash = min bigint and msg_type 0, which every real position
   * replaces through the V1 guard; lat/lon are the vessel's last known position meanwhile.
   */
  public static final String UPSERT =
      "INSERT INTO vessel_latest AS t (mmsi, ts, msg_hash, msg_type, lat, lon, stats_as_of,"
          + " distance_today_nm, distance_total_nm, current_segment, open_events)"
          + " VALUES (?, '-infinity', -9223372036854775808, 0, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (mmsi) DO UPDATE SET stats_as_of = EXCLUDED.stats_as_of,"
          + " distance_today_nm = EXCLUDED.distance_today_nm,"
          + " distance_total_nm = EXCLUDED.distance_total_nm,"
          + " current_segment = EXCLUDED.current_segment, open_events = EXCLUDED.open_events"
          + " WHERE t.stats_as_of IS NULL OR t.stats_as_of <= EXCLUDED.stats_as_of";

  private VesselStatsTable() {}

  /** Of two read-outs of one vessel, the one the table ends with (the newer; ties: the second). */
  public static VesselStatsRow newer(VesselStatsRow a, VesselStatsRow b) {
    return a.asOfMillis() > b.asOfMillis() ? a : b;
  }

  public static void bind(PreparedStatement ps, VesselStatsRow r) throws SQLException {
    ps.setInt(1, r.mmsi());
    ps.setDouble(2, r.lat());
    ps.setDouble(3, r.lon());
    SqlValues.setTimestamp(ps, 4, r.asOfMillis());
    ps.setDouble(5, r.distanceTodayNm());
    ps.setDouble(6, r.distanceTotalNm());
    ps.setLong(7, r.currentSegment());
    ps.setArray(8, ps.getConnection().createArrayOf("bigint", r.openEvents().toArray()));
  }
}
