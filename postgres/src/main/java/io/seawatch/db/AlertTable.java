package io.seawatch.db;

import io.seawatch.rules.Alert;
import io.seawatch.rules.VesselEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Table {@code alert} (migration V3): one row per alert id, the version {@link Alert#later} keeps. */
public final class AlertTable {
  public static final String TABLE = "alert";

  /** The columns {@link #read} takes, in its order. */
  private static final String COLUMNS =
      "id, kind, start_ts, end_ts, decided_ts, mmsi, lat, lon, event_id, status, details::text";

  /** SQL rank of a status, as {@link Alert.Status} orders them. */
  private static final String RANK = "CASE %s WHEN 'final' THEN 2 WHEN 'retracted' THEN 1 ELSE 0 END";

  /**
   * Inserts the alert or replaces its row when {@link Alert#later} prefers the new version: a
   * higher status, or the same status and a later end (open counts as the earliest). Idempotent
   * and order-independent.
   */
  public static final String UPSERT =
      "INSERT INTO alert AS t (id, kind, start_ts, end_ts, decided_ts, mmsi, lat, lon, event_id,"
          + " status, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
          + " ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, start_ts = EXCLUDED.start_ts,"
          + " end_ts = EXCLUDED.end_ts, decided_ts = EXCLUDED.decided_ts, mmsi = EXCLUDED.mmsi,"
          + " lat = EXCLUDED.lat, lon = EXCLUDED.lon, event_id = EXCLUDED.event_id,"
          + " status = EXCLUDED.status, details = EXCLUDED.details"
          + " WHERE (" + RANK.formatted("EXCLUDED.status") + ", coalesce(EXCLUDED.end_ts,"
          + " '-infinity')) > (" + RANK.formatted("t.status") + ", coalesce(t.end_ts,"
          + " '-infinity'))";

  /**
   * The alerts not final whose deciding time lies in {@code [?, ?)}: provisional ones the
   * reconciliation never resolved (left behind by a failure), and retracted ones (selected again
   * so that a repeated sweep repeats its output).
   */
  public static final String SELECT_UNCONFIRMED =
      "SELECT " + AlertTable.COLUMNS + " FROM alert WHERE status <> 'final' AND decided_ts >= ?"
          + " AND decided_ts < ? ORDER BY id";

  /** Every alert, in the column order {@link #read} takes. */
  public static final String SELECT_ALL = "SELECT " + AlertTable.COLUMNS + " FROM alert ORDER BY id";

  private AlertTable() {}

  /** A row of {@link #SELECT_UNCONFIRMED} or {@link #SELECT_ALL} as an alert. */
  public static Alert read(ResultSet rs) throws SQLException {
    int mmsi = rs.getInt(6);
    double lat = rs.getDouble(7);
    boolean noLat = rs.wasNull();
    double lon = rs.getDouble(8);
    boolean noLon = rs.wasNull();
    return new Alert(
        rs.getLong(1),
        Alert.Kind.valueOf(rs.getString(2)),
        millis(rs.getTimestamp(3)),
        millis(rs.getTimestamp(4)),
        millis(rs.getTimestamp(5)),
        mmsi,
        noLat ? Double.NaN : lat,
        noLon ? Double.NaN : lon,
        rs.getLong(9),
        Alert.Status.ofWire(rs.getString(10)),
        VesselEvent.detailsFromJson(rs.getString(11)));
  }

  private static long millis(java.sql.Timestamp t) {
    return t == null ? -1 : t.getTime();
  }

  public static void bind(PreparedStatement ps, Alert a) throws SQLException {
    ps.setLong(1, a.id());
    ps.setString(2, a.kind().name());
    SqlValues.setTimestamp(ps, 3, a.timeMillis());
    SqlValues.setTimestamp(ps, 4, a.endMillis() == -1 ? null : Long.valueOf(a.endMillis()));
    SqlValues.setTimestamp(
        ps, 5, a.decidedMillis() == -1 ? null : Long.valueOf(a.decidedMillis()));
    if (a.mmsi() == 0) {
      ps.setNull(6, Types.INTEGER);
    } else {
      ps.setInt(6, a.mmsi());
    }
    SqlValues.setDoubleOrNull(ps, 7, a.lat());
    SqlValues.setDoubleOrNull(ps, 8, a.lon());
    ps.setLong(9, a.eventId());
    ps.setString(10, a.status().wire());
    ps.setString(11, SqlValues.text(a.detailsJson()));
  }
}
