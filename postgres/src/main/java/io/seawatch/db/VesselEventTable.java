package io.seawatch.db;

import io.seawatch.rules.VesselEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Table {@code vessel_event} (migration V2): one row per event, keyed by the rule's deterministic
 * event id.
 */
public final class VesselEventTable {
  public static final String TABLE = "vessel_event";

  /**
   * Inserts the exact event or updates its row; an open version never replaces a closed one (a
   * stale open version arriving after the closing one, a replay of the open version), and a row
   * that would not change is not rewritten. A provisional row is always replaced. Idempotent and
   * order-independent.
   */
  public static final String UPSERT =
      "INSERT INTO vessel_event AS t (id, kind, mmsi, other_mmsi, start_ts, end_ts, lat, lon, open,"
          + " details, provisional_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, NULL)"
          + " ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, mmsi = EXCLUDED.mmsi,"
          + " other_mmsi = EXCLUDED.other_mmsi, start_ts = EXCLUDED.start_ts,"
          + " end_ts = EXCLUDED.end_ts, lat = EXCLUDED.lat, lon = EXCLUDED.lon,"
          + " open = EXCLUDED.open, details = EXCLUDED.details, provisional_ts = NULL"
          + " WHERE t.provisional_ts IS NOT NULL OR ((t.open OR NOT EXCLUDED.open)"
          + " AND (t.open, t.end_ts, t.lat, t.lon, t.details)"
          + " IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.end_ts, EXCLUDED.lat, EXCLUDED.lon,"
          + " EXCLUDED.details))";

  /**
   * Writes a provisional version: inserts it, or updates a row that is itself provisional; an
   * exact row is never touched. The parameters of {@link #UPSERT}, then the deciding time
   * ({@link #bindProvisional}).
   */
  public static final String UPSERT_PROVISIONAL =
      "INSERT INTO vessel_event AS t (id, kind, mmsi, other_mmsi, start_ts, end_ts, lat, lon, open,"
          + " details, provisional_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
          + " ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, mmsi = EXCLUDED.mmsi,"
          + " other_mmsi = EXCLUDED.other_mmsi, start_ts = EXCLUDED.start_ts,"
          + " end_ts = EXCLUDED.end_ts, lat = EXCLUDED.lat, lon = EXCLUDED.lon,"
          + " open = EXCLUDED.open, details = EXCLUDED.details,"
          + " provisional_ts = EXCLUDED.provisional_ts"
          + " WHERE t.provisional_ts IS NOT NULL";

  /** Withdraws a provisional row (parameter: the id); an exact row is never deleted. */
  public static final String DELETE_PROVISIONAL =
      "DELETE FROM vessel_event WHERE id = ? AND provisional_ts IS NOT NULL";

  /**
   * Deletes the provisional rows decided before a time (parameter): those the exact path has
   * passed without confirming them, left behind by a failure (see RetractOrphanedProvisionals).
   */
  public static final String DELETE_PROVISIONAL_BEFORE =
      "DELETE FROM vessel_event WHERE provisional_ts < ?";

  private VesselEventTable() {}

  /** Of two versions of one event, the one the table ends with: closed beats open. */
  public static VesselEvent later(VesselEvent a, VesselEvent b) {
    if (a.open() != b.open()) {
      return a.open() ? b : a;
    }
    return a.endMillis() >= b.endMillis() ? a : b;
  }

  /** Binds {@link #UPSERT_PROVISIONAL}: the event, then the time that decided it. */
  public static void bindProvisional(PreparedStatement ps, VesselEvent e, long decidedMillis)
      throws SQLException {
    bind(ps, e);
    SqlValues.setTimestamp(ps, 11, decidedMillis);
  }

  public static void bind(PreparedStatement ps, VesselEvent e) throws SQLException {
    ps.setLong(1, e.id());
    ps.setString(2, e.kind().name());
    ps.setInt(3, e.mmsi());
    if (e.otherMmsi() == 0) {
      ps.setNull(4, Types.INTEGER);
    } else {
      ps.setInt(4, e.otherMmsi());
    }
    SqlValues.setTimestamp(ps, 5, e.startMillis());
    SqlValues.setTimestamp(ps, 6, e.open() ? null : Long.valueOf(e.endMillis()));
    SqlValues.setDoubleOrNull(ps, 7, e.lat());
    SqlValues.setDoubleOrNull(ps, 8, e.lon());
    ps.setBoolean(9, e.open());
    ps.setString(10, SqlValues.text(e.detailsJson()));
  }
}
