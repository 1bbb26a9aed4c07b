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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch geofences}: lists the {@code geofence} table; with {@code --scenarios} first
 * upserts the fences the named analytics scenarios need (the demo's port). Applies pending
 * migrations first, so it works on an empty database.
 */
@CommandLine.Command(
    name = "geofences",
    sortOptions = false,
    sortSynopsis = false,
    description = "List the geofence table; --scenarios adds the scenarios' fences.")
public final class GeofencesCommand implements Callable<Integer> {
  @Mixin private HelpOption help;
  @Mixin private JdbcOptions jdbc;

  @Option(
      names = "--scenarios",
      arity = "0..1",
      paramLabel = "true|false",
      description = "Upsert the geofences of the named analytics scenarios first.")
  private boolean scenarios;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintStream out = Seawatch.of(spec).out;
    JdbcTarget target = jdbc.target();
    try {
      Migrations.builtIn().migrate(target);
      try (Connection c = target.connect()) {
        if (scenarios) {
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
      throw new CommandFailure(e.getMessage(), e);
    } catch (SQLException e) {
      throw new CommandFailure(
          "cannot use " + target.redactedUrl() + ": " + target.describe(e), e);
    }
    return 0;
  }
}
