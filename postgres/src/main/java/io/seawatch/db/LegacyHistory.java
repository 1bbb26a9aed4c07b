package io.seawatch.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The history table of the runner Seawatch had before Flyway: {@code schema_migrations(version,
 * description, checksum, applied_at)}, checksum = hex SHA-256 of the file with CRLF as LF. A
 * schema that has it and no Flyway history is adopted: its rows are checked against this build's
 * files, Flyway is baselined at its highest version, and the table is renamed to {@value
 * #RENAMED} (kept as the record of when V1.. were applied; an old seawatch then finds no history
 * and fails on V1's first CREATE TABLE instead of running against a newer schema).
 */
final class LegacyHistory {
  static final String TABLE = "schema_migrations";
  static final String RENAMED = "schema_migrations_pre_flyway";

  record Row(int version, String description, String checksum, OffsetDateTime appliedAt) {}

  private LegacyHistory() {}

  static boolean exists(Connection c, String schema, String table) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
      s.setString(1, schema);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  static List<Row> read(Connection c, String schema) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, description, checksum, applied_at FROM " + quote(schema) + "." + TABLE
                    + " ORDER BY version")) {
      while (rs.next()) {
        rows.add(
            new Row(
                rs.getInt(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class)));
      }
    }
    return rows;
  }

  /**
   * Checks the old runner's rows against this build's scripts (version -> file text), as the old
   * runner did, and returns the highest version (0 when none).
   */
  static int verify(List<Row> rows, Map<Integer, String> scripts) {
    int highest = 0;
    for (Row r : rows) {
      String script = scripts.get(r.version());
      if (script == null) {
        throw new MigrationException(
            "the database has migration V" + r.version() + " (" + r.description()
                + ") which this build does not know: use a newer seawatch");
      }
      String now = sha256(script);
      if (!now.equals(r.checksum())) {
        throw new MigrationException(
            "migration V" + r.version() + " (" + r.description() + ") was applied with checksum "
                + r.checksum() + " but its file now has checksum " + now
                + ": applied migrations must never be edited; add a new V<n> file instead");
      }
      if (r.version() != highest + 1) {
        throw new MigrationException(
            TABLE + " has V" + r.version() + " without V" + (highest + 1)
                + ": not a history the old runner wrote; fix it by hand");
      }
      highest = r.version();
    }
    return highest;
  }

  static void rename(Connection c, String schema) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + quote(schema) + "." + TABLE + " RENAME TO " + RENAMED);
    }
  }

  /** The old runner's checksum: hex SHA-256 of the UTF-8 text with CRLF normalized to LF. */
  static String sha256(String script) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
