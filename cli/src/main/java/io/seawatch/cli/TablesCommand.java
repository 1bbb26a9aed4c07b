package io.seawatch.cli;

import io.seawatch.db.JdbcTarget;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code seawatch tables}: the row count of every Seawatch table, and how to look at them. */
@CommandLine.Command(
    name = "tables",
    sortOptions = false,
    sortSynopsis = false,
    description = "Print the row count of every Seawatch table.")
public final class TablesCommand implements Callable<Integer> {
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
          "alert",
          "geofence");

  @Mixin private HelpOption help;
  @Mixin private JdbcOptions jdbc;
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintStream out = Seawatch.of(spec).out;
    JdbcTarget target = jdbc.target();
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
      try (ResultSet rs = st.executeQuery(
          "SELECT status, count(*) FROM alert GROUP BY status ORDER BY status")) {
        while (rs.next()) {
          out.printf("    alerts %-15s %,8d%n", rs.getString(1), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new CommandFailure(
          "cannot read " + target.redactedUrl() + ": " + target.describe(e), e);
    }
    return 0;
  }
}
