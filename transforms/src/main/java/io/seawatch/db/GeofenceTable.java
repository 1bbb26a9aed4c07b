package io.seawatch.db;

import java.sql.Connection;
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

  /** Rows whose definition parses, and a description of each that does not. */
  public record Read(List<GeofenceRow> valid, List<String> invalid) {}

  private GeofenceTable() {}

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
