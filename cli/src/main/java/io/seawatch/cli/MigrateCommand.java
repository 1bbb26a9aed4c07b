package io.seawatch.cli;

import io.seawatch.db.JdbcTarget;
import io.seawatch.db.Migration;
import io.seawatch.db.MigrationException;
import io.seawatch.db.Migrations;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code seawatch migrate}: applies the pending schema migrations (or, with --dryRun, lists them)
 * in the schema the connection works in. The password comes only from PGPASSWORD; URLs are shown
 * redacted.
 */
public final class MigrateCommand implements Command {
  @Override
  public String name() {
    return "migrate";
  }

  @Override
  public String summary() {
    return "Apply the Postgres schema migrations";
  }

  private static void usage(PrintStream out) {
    out.println("Usage: seawatch migrate [--jdbcUrl=URL] [--jdbcUser=USER] [--dryRun]");
    out.println("  --jdbcUrl   Postgres JDBC URL; the schema is its currentSchema parameter");
    out.println("              (default " + JdbcTarget.DEFAULT_URL + ")");
    out.println("  --jdbcUser  database user (default " + JdbcTarget.DEFAULT_USER + ")");
    out.println("  --dryRun    list applied and pending migrations, change nothing");
    out.println("The password is read from the PGPASSWORD environment variable only.");
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    String url = JdbcTarget.DEFAULT_URL;
    String user = JdbcTarget.DEFAULT_USER;
    boolean dryRun = false;
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        usage(out);
        return 0;
      } else if (a.startsWith("--jdbcUrl=")) {
        url = a.substring("--jdbcUrl=".length());
      } else if (a.startsWith("--jdbcUser=")) {
        user = a.substring("--jdbcUser=".length());
      } else if (a.equals("--dryRun") || a.equals("--dryRun=true")) {
        dryRun = true;
      } else {
        // Only the option name: a mistyped --jdbcPassword=... must not echo the secret.
        String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        throw new UserError(
            "unknown option '" + option + "' (--jdbcUrl, --jdbcUser, --dryRun; the password is"
                + " read from PGPASSWORD)");
      }
    }
    JdbcTarget target = JdbcTargets.of(url, user);

    Connection c;
    try {
      c = target.connect();
    } catch (SQLException e) {
      throw new UserError("cannot connect to " + target.redactedUrl() + ": " + target.describe(e), e);
    }
    try (c) {
      Migrations migrations = Migrations.builtIn();
      Migrations.Result r = dryRun ? migrations.status(c) : migrations.migrate(c);
      print(out, target, r, dryRun);
      return 0;
    } catch (MigrationException e) {
      throw new UserError(e.getMessage(), e);
    } catch (SQLException e) {
      throw new UserError("on " + target.redactedUrl() + ": " + target.describe(e), e);
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
