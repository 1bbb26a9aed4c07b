package io.seawatch.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Table {@code geofence} (migration V2): the areas the pipeline tracks, read whole. */
public final class GeofenceTable {
  public static final String TABLE = "geofence";

  public static final String SELECT_ALL =
      "SELECT id, name, kind, polygon FROM geofence ORDER BY id";

  /** Adds a fence or replaces the one with the same id. */
  public static final String UPSERT =
      "INSERT INTO geofence (id, name, kind, polygon) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,"
          + " polygon = EXCLUDED.polygon, updated_at = now()";

  /** Rows whose definition parses, and a description of each that does not. */
  public record Read(List<GeofenceRow> valid, List<String> invalid) {}

  private GeofenceTable() {}

  /** Upserts the rows (each must parse), in one transaction. */
  public static void upsert(Connection c, List<GeofenceRow> rows) throws SQLException {
    for (GeofenceRow row : rows) {
      row.toGeofence(); // fail before writing anything
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      for (GeofenceRow row : rows) {
        ps.setString(1, row.id());
        ps.setString(2, row.name());
        ps.setString(3, row.kind());
        ps.setString(4, row.polygon());
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  public static Read readAll(Connection c) throws SQLException {
    List<GeofenceRow> valid = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SELECT_ALL)) {
      while (rs.next()) {
        GeofenceRow row =
            new GeofenceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
        try {
          row.toGeofence();
          valid.add(row);
        } catch (IllegalArgumentException e) {
          invalid.add(row.id() + ": " + e.getMessage());
        }
      }
    }
    return new Read(List.copyOf(valid), List.copyOf(invalid));
  }
}
