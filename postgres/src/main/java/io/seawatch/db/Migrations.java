package io.seawatch.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/**
 * Applies the versioned SQL scripts under {@code db/migration/} with Flyway to the connection's
 * current schema (first existing schema of its search_path, e.g. set by the {@code currentSchema}
 * URL parameter), with Flyway's history in {@value #HISTORY_TABLE} of that schema.
 *
 * <ul>
 *   <li>A session advisory lock keyed by the schema name (the key the pre-Flyway runner used)
 *       serializes concurrent runners, old and new: the second waits, then finds nothing pending.
 *   <li>Each migration runs in its own transaction together with its history row (Flyway on
 *       Postgres).
 *   <li>An applied migration whose file has changed since (checksum) is an error, as is an applied
 *       version this build does not know; both are checked before anything is applied.
 *   <li>A schema migrated by the pre-Flyway runner ({@link LegacyHistory}) is adopted: Flyway is
 *       baselined at its highest version, nothing is re-run.
 * </ul>
 */
public final class Migrations {
  static final String LOCATION = "classpath:db/migration";
  /** Flyway's history table, in the migrated schema. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  /** What a run found and did. */
  public record Result(String schema, List<AppliedMigration> applied, List<Migration> pending) {}

  /**
   * An applied migration; {@code now} when this run applied it. A schema adopted from the
   * pre-Flyway runner shows one row for all it had: the baseline, at its highest version.
   */
  public record AppliedMigration(
      int version, String description, Integer checksum, OffsetDateTime appliedAt, boolean now) {}

  private final String location;

  private Migrations(String location) {
    this.location = location;
  }

  /** The migrations shipped with this build. */
  public static Migrations builtIn() {
    return new Migrations(LOCATION);
  }

  /** The migrations in another classpath directory ({@code classpath:...}; tests). */
  static Migrations at(String location) {
    return new Migrations(location);
  }

  /** Applies every pending migration on the caller's connection (left open). */
  public Result migrate(Connection c) throws SQLException {
    return run(ConnectionSource.borrowing(c), c, true);
  }

  /** Connects to {@code target}, applies every pending migration and disconnects. */
  public Result migrate(JdbcTarget target) throws SQLException {
    try (Connection c = target.connect()) {
      return run(ConnectionSource.of(target), c, true);
    }
  }

  /** Reads the state without changing anything (not even an adoption of a pre-Flyway schema). */
  public Result status(Connection c) throws SQLException {
    return run(ConnectionSource.borrowing(c), c, false);
  }

  public Result status(JdbcTarget target) throws SQLException {
    try (Connection c = target.connect()) {
      return run(ConnectionSource.of(target), c, false);
    }
  }

  private Result run(DataSource ds, Connection c, boolean apply) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    String schema = currentSchema(c);
    long lockKey = lockKey(schema);
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, lockKey);
      lock.execute();
    }
    try {
      Flyway flyway = flyway(ds, schema, "0", null);
      if (!LegacyHistory.exists(c, schema, HISTORY_TABLE)
          && LegacyHistory.exists(c, schema, LegacyHistory.TABLE)) {
        List<LegacyHistory.Row> rows = LegacyHistory.read(c, schema);
        int highest = LegacyHistory.verify(rows, scripts(info(flyway)));
        if (!apply) {
          return legacyStatus(schema, rows, info(flyway), highest);
        }
        if (highest > 0) {
          call(() -> flyway(ds, schema, Integer.toString(highest), baselineDescription(rows))
              .baseline());
        }
        LegacyHistory.rename(c, schema);
      }
      MigrationInfoService before = info(flyway);
      check(before.all());
      Set<Integer> had = new HashSet<>();
      for (MigrationInfo i : before.applied()) {
        if (i.isVersioned()) {
          had.add(version(i));
        }
      }
      if (!apply || before.pending().length == 0) {
        return result(schema, before, had);
      }
      try {
        flyway.migrate();
      } catch (FlywayException e) {
        throw failed(info(flyway), e);
      }
      return result(schema, info(flyway), had);
    } finally {
      try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, lockKey);
        unlock.execute();
      }
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * Flyway in {@code schema}, which must exist. {@code baselineVersion} "0" with baselineOnMigrate:
   * a schema holding other objects but no history gets every migration (as before Flyway) instead
   * of Flyway's refusal.
   */
  private Flyway flyway(DataSource ds, String schema, String baselineVersion, String baselineDesc) {
    var config =
        Flyway.configure(Migrations.class.getClassLoader())
            .loggers(FlywayLog.class.getName())
            .dataSource(ds)
            .schemas(schema)
            .table(HISTORY_TABLE)
            .locations(location)
            .failOnMissingLocations(true)
            .cleanDisabled(true)
            .baselineOnMigrate(true)
            .baselineVersion(baselineVersion);
    if (baselineDesc != null) {
      config.baselineDescription(baselineDesc);
    }
    return config.load();
  }

  private static String baselineDescription(List<LegacyHistory.Row> rows) {
    return "V1..V" + rows.get(rows.size() - 1).version() + " applied before Flyway (see "
        + LegacyHistory.RENAMED + ")";
  }

  /** The edited and unknown migrations, in words a user can act on. */
  private static void check(MigrationInfo[] all) {
    for (MigrationInfo i : all) {
      if (!i.isVersioned()) {
        continue;
      }
      MigrationState s = i.getState();
      String name = "V" + i.getVersion() + " (" + i.getDescription() + ")";
      if (s == MigrationState.FUTURE_SUCCESS || s == MigrationState.FUTURE_FAILED
          || s == MigrationState.MISSING_SUCCESS || s == MigrationState.MISSING_FAILED) {
        throw new MigrationException(
            "the database has migration " + name
                + " which this build does not know: use a newer seawatch");
      }
      if (s.isFailed()) {
        throw new MigrationException(
            "migration " + name + " is recorded as failed in " + HISTORY_TABLE
                + ": repair the schema by hand, then delete that row");
      }
      if (s.isApplied() && !i.getType().isBaseline() && i.getResolvedChecksum() != null
          && !i.isChecksumMatching()) {
        throw new MigrationException(
            "migration " + name + " was applied with checksum " + i.getAppliedChecksum()
                + " but its file now has checksum " + i.getResolvedChecksum()
                + ": applied migrations must never be edited; add a new V<n> file instead");
      }
    }
  }

  /** Flyway rolled the failed migration back; name it and give the database's reason. */
  private static MigrationException failed(MigrationInfoService info, FlywayException e) {
    MigrationInfo[] pending = info.pending();
    String which =
        pending.length == 0
            ? "migration"
            : "migration V" + pending[0].getVersion() + " (" + pending[0].getDescription() + ")";
    Throwable reason = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        reason = t;
      }
    }
    String msg = reason.getMessage() == null ? reason.toString() : reason.getMessage();
    return new MigrationException(
        FlywayLog.redact(which + " failed: " + msg.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim()), e);
  }

  private static Result result(String schema, MigrationInfoService info, Set<Integer> had) {
    List<AppliedMigration> applied = new ArrayList<>();
    List<Migration> pending = new ArrayList<>();
    for (MigrationInfo i : info.all()) {
      if (!i.isVersioned()) {
        continue;
      }
      int v = version(i);
      if (v == 0) {
        continue; // the baseline of a schema that had other objects and no history
      }
      if (i.getState().isApplied()) {
        applied.add(
            new AppliedMigration(
                v, i.getDescription(), i.getChecksum(),
                i.getInstalledOn() == null
                    ? null
                    : i.getInstalledOn().toInstant().atOffset(ZoneOffset.UTC),
                !had.contains(v)));
      } else if (i.getState() == MigrationState.PENDING) {
        pending.add(new Migration(v, i.getDescription(), i.getScript(), i.getChecksum()));
      }
    }
    return new Result(schema, List.copyOf(applied), List.copyOf(pending));
  }

  /** Status of a schema not yet adopted: the old runner's rows, then what Flyway would apply. */
  private static Result legacyStatus(
      String schema, List<LegacyHistory.Row> rows, MigrationInfoService info, int highest) {
    List<AppliedMigration> applied = new ArrayList<>();
    for (LegacyHistory.Row r : rows) {
      applied.add(new AppliedMigration(r.version(), r.description(), null, r.appliedAt(), false));
    }
    List<Migration> pending = new ArrayList<>();
    for (MigrationInfo i : info.pending()) {
      if (version(i) > highest) {
        pending.add(new Migration(version(i), i.getDescription(), i.getScript(), i.getChecksum()));
      }
    }
    return new Result(schema, List.copyOf(applied), List.copyOf(pending));
  }

  /** This build's scripts by version, read as the old runner read them (for its checksums). */
  private Map<Integer, String> scripts(MigrationInfoService info) {
    String dir = location.substring("classpath:".length());
    Map<Integer, String> scripts = new TreeMap<>();
    for (MigrationInfo i : info.all()) {
      if (i.isVersioned() && i.getScript() != null && i.getState().isResolved()) {
        scripts.put(version(i), resource(dir + "/" + i.getScript()));
      }
    }
    return scripts;
  }

  private static int version(MigrationInfo i) {
    return Integer.parseInt(i.getVersion().getVersion());
  }

  private interface FlywayCall {
    void run();
  }

  private static void call(FlywayCall call) {
    try {
      call.run();
    } catch (FlywayException e) {
      throw new MigrationException(FlywayLog.redact(e.getMessage()), e);
    }
  }

  private static MigrationInfoService info(Flyway flyway) {
    try {
      return flyway.info();
    } catch (FlywayException e) {
      throw new MigrationException(FlywayLog.redact(e.getMessage()), e);
    }
  }

  private static String currentSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_schema(), current_setting('search_path')")) {
      rs.next();
      String schema = rs.getString(1);
      if (schema == null) {
        throw new MigrationException(
            "no schema to migrate: search_path '" + rs.getString(2)
                + "' names no existing schema (create it first)");
      }
      return schema;
    }
  }

  /**
   * FNV-1a 64 of a fixed prefix and the schema: one lock per schema, stable across JVMs, and the
   * same key as the pre-Flyway runner's, so an old and a new seawatch never migrate at once.
   */
  static long lockKey(String schema) {
    long h = 0xcbf29ce484222325L;
    for (byte b : ("seawatch.migrations:" + schema).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static String resource(String path) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
