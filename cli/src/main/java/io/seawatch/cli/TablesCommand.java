package io.seawatch.cli;

import io.seawatch.db.JdbcTarget;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/** {@code seawatch tables}: the row count of every Seawatch table, and how to look at them. */
public final class TablesCommand implements Command {
  /** The tables of the ingest, in the order the pipeline writes them. */
  static final List<String> TABLES =
      List.of(
          "ais_position",
          "vessel_latest",
          "vessel_static",
          "ais_stats_minute",
          "dead_letter",
          "vessel_event",
          "density_hourly",
          "geofence");

  @Override
  public String name() {
    return "tables";
  }

  @Override
  public String summary() {
    return "Print the row count of every Seawatch table";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws SQLException {
    Flags flags = Flags.parse(name(), args, Set.of("jdbcUrl", "jdbcUser"), Set.of("help"));
    if (flags.has("help")) {
      out.println("Usage: seawatch tables [--jdbcUrl=URL] [--jdbcUser=USER]");
      out.println("The password is read from the PGPASSWORD environment variable.");
      return 0;
    }
    JdbcTarget target =
        JdbcTargets.of(
            flags.string("jdbcUrl", JdbcTarget.DEFAULT_URL),
            flags.string("jdbcUser", JdbcTarget.DEFAULT_USER));
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      out.println("rows in " + target.redactedUrl() + ":");
      for (String table : TABLES) {
        // Table names come from the constant list above, never from input.
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          out.printf("  %-17s %,12d%n", table, rs.getLong(1));
        }
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT stage, count(*) FROM dead_letter GROUP BY stage ORDER BY stage")) {
        while (rs.next()) {
          out.printf("    dead letters at %-8s %,8d%n", rs.getString(1), rs.getLong(2));
        }
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT kind, count(*), count(*) FILTER (WHERE open) FROM vessel_event"
              + " GROUP BY kind ORDER BY kind")) {
        while (rs.next()) {
          out.printf("    events %-15s %,8d (%,d open)%n", rs.getString(1), rs.getLong(2),
              rs.getLong(3));
        }
      }
    } catch (SQLException e) {
      throw new UserError("cannot read " + target.redactedUrl() + ": " + target.describe(e));
    }
    return 0;
  }
}
