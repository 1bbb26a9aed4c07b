package io.seawatch.cli;

import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migration;
import io.seawatch.db.MigrationException;
import io.seawatch.db.Migrations;
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
 * {@code seawatch migrate}: applies the pending schema migrations (or, with --dryRun, lists them)
 * in the schema the connection works in. The password comes only from PGPASSWORD; URLs are shown
 * redacted.
 */
@CommandLine.Command(
    name = "migrate",
    sortOptions = false,
    sortSynopsis = false,
    description = "Apply the Postgres schema migrations.")
public final class MigrateCommand implements Callable<Integer> {
  @Mixin private HelpOption help;
  @Mixin private JdbcOptions jdbc;

  @Option(
      names = "--dryRun",
      arity = "0..1",
      paramLabel = "true|false",
      description = "List applied and pending migrations, change nothing.")
  private boolean dryRun;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintStream out = Seawatch.of(spec).out;
    JdbcTarget target = jdbc.target();
    Connection c;
    try {
      c = target.connect();
    } catch (SQLException e) {
      throw new CommandFailure(
          "cannot connect to " + target.redactedUrl() + ": " + target.describe(e), e);
    }
    try (c) {
      Migrations migrations = Migrations.builtIn();
      Migrations.Result r = dryRun ? migrations.status(c) : migrations.migrate(c);
      print(out, target, r, dryRun);
      return 0;
    } catch (MigrationException e) {
      throw new CommandFailure(e.getMessage(), e);
    } catch (SQLException e) {
      throw new CommandFailure("on " + target.redactedUrl() + ": " + target.describe(e), e);
    }
  }

  private static void print(PrintStream out, JdbcTarget target, Migrations.Result r, boolean dryRun) {
    out.println("schema " + r.schema() + " at " + target.redactedUrl() + " as " + target.user());
    int now = 0;
    for (Migrations.AppliedMigration a : r.applied()) {
      out.printf(
          "  V%-3d %-30s %s%n", a.version(), a.description(), a.now() ? "applied now" : "applied "
              + a.appliedAt());
      now += a.now() ? 1 : 0;
    }
    for (Migration m : r.pending()) {
      out.printf("  V%-3d %-30s pending%n", m.version(), m.description());
    }
    if (dryRun) {
      out.println(r.pending().size() + " pending (dry run: nothing applied)");
    } else {
      out.println("applied " + now + ", already applied " + (r.applied().size() - now)
          + ", pending 0");
    }
  }
}
