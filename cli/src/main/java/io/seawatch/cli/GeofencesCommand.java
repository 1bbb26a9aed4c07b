package io.seawatch.cli;

import io.seawatch.db.GeofenceRow;
import io.seawatch.db.GeofenceTable;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.MigrationException;
import io.seawatch.db.Migrations;
import io.seawatch.ops.ScenarioGeofences;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * {@code seawatch geofences}: lists the {@code geofence} table; with {@code --scenarios} first
 * upserts the fences the named analytics scenarios need (the demo's port). Applies pending
 * migrations first, so it works on an empty database.
 */
public final class GeofencesCommand implements Command {
  @Override
  public String name() {
    return "geofences";
  }

  @Override
  public String summary() {
    return "List the geofence table; --scenarios adds the scenarios' fences";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Flags flags =
        Flags.parse(name(), args, Set.of("jdbcUrl", "jdbcUser"), Set.of("scenarios", "help"));
    if (flags.has("help")) {
      out.println("Usage: seawatch geofences [--scenarios] [--jdbcUrl=URL] [--jdbcUser=USER]");
      out.println("  --scenarios  upsert the geofences of the named analytics scenarios first");
      out.println("The password is read from the PGPASSWORD environment variable.");
      return 0;
    }
    JdbcTarget target =
        JdbcTargets.of(
            flags.string("jdbcUrl", JdbcTarget.DEFAULT_URL),
            flags.string("jdbcUser", JdbcTarget.DEFAULT_USER));
    try {
      Migrations.builtIn().migrate(target);
      try (Connection c = target.connect()) {
        if (flags.has("scenarios")) {
          GeofenceTable.upsert(c, ScenarioGeofences.rows());
        }
        GeofenceTable.Read read = GeofenceTable.readAll(c);
        out.println("geofences in " + target.redactedUrl() + ":");
        for (GeofenceRow r : read.valid()) {
          out.println("  " + r.id() + " " + r.kind() + " \"" + r.name() + "\" " + r.polygon());
        }
        for (String bad : read.invalid()) {
          out.println("  invalid: " + bad);
        }
      }
    } catch (MigrationException e) {
      throw new UserError(e.getMessage());
    } catch (SQLException e) {
      throw new UserError("cannot use " + target.redactedUrl() + ": " + target.describe(e));
    }
    return 0;
  }
}
