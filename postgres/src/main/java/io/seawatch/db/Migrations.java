package io.seawatch.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the versioned SQL scripts under {@code db/migration/} to the connection's current
 * schema (first existing schema of its search_path, e.g. set by the {@code currentSchema} URL
 * parameter) and records them in {@code schema_migrations}.
 *
 * <ul>
 *   <li>A session advisory lock keyed by the schema name serializes concurrent runners (workers
 *       starting at once): the second waits, then finds nothing pending.
 *   <li>Each migration runs in its own transaction together with its schema_migrations row.
 *   <li>An applied migration whose file has changed since (checksum) is an error, as is an
 *       applied version this build does not know.
 * </ul>
 */
public final class Migrations {
  /** Every migration file, in order. A test checks that this matches the resource directory. */
  static final List<String> FILES = List.of("V1__ingest_tables.sql", "V2__analytics.sql");

  static final String RESOURCE_DIR = "db/migration/";

  private static final String CREATE_HISTORY =
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
          + " version integer PRIMARY KEY,"
          + " description text NOT NULL,"
          + " checksum text NOT NULL,"
          + " applied_at timestamptz NOT NULL DEFAULT now())";

  /** What a run found and did. */
  public record Result(String schema, List<AppliedMigration> applied, List<Migration> pending) {}

  /** A row of schema_migrations; {@code now} when this run applied it. */
  public record AppliedMigration(
      int version, String description, String checksum, java.time.OffsetDateTime appliedAt,
      boolean now) {}

  private final List<Migration> migrations;

  private Migrations(List<Migration> migrations) {
    List<Migration> sorted = new ArrayList<>(migrations);
    sorted.sort(Comparator.comparingInt(Migration::version));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).version() == sorted.get(i - 1).version()) {
        throw new IllegalArgumentException("two migrations with version " + sorted.get(i).version());
      }
    }
    this.migrations = List.copyOf(sorted);
  }

  /** The migrations shipped with this build. */
  public static Migrations builtIn() {
    List<Migration> list = new ArrayList<>();
    for (String f : FILES) {
      list.add(Migration.parse(f, resource(RESOURCE_DIR + f)));
    }
    return new Migrations(list);
  }

  /** Explicit migrations (tests). */
  public static Migrations of(List<Migration> migrations) {
    return new Migrations(migrations);
  }

  public List<Migration> all() {
    return migrations;
  }

  /** Applies every pending migration; returns all applied ones (those of this run marked). */
  public Result migrate(Connection c) throws SQLException {
    return run(c, true);
  }

  /** Connects to {@code target}, applies every pending migration and disconnects. */
  public Result migrate(JdbcTarget target) throws SQLException {
    try (Connection c = target.connect()) {
      return migrate(c);
    }
  }

  /** Reads the state without changing anything (beyond creating an empty schema_migrations). */
  public Result status(Connection c) throws SQLException {
    return run(c, false);
  }

  private Result run(Connection c, boolean apply) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    String schema = currentSchema(c);
    long lockKey = lockKey(schema);
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, lockKey);
      lock.execute();
    }
    try {
      try (Statement s = c.createStatement()) {
        s.execute(CREATE_HISTORY);
      }
      Map<Integer, AppliedMigration> applied = readApplied(c);
      List<Migration> pending = check(applied);
      if (apply) {
        for (Migration m : pending) {
          applied.put(m.version(), apply(c, m));
        }
        pending = List.of();
      }
      return new Result(schema, List.copyOf(applied.values()), pending);
    } finally {
      try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, lockKey);
        unlock.execute();
      }
      c.setAutoCommit(autoCommit);
    }
  }

  /** Verifies the applied ones against the files and returns the pending ones. */
  private List<Migration> check(Map<Integer, AppliedMigration> applied) {
    Map<Integer, Migration> known = new TreeMap<>();
    for (Migration m : migrations) {
      known.put(m.version(), m);
    }
    for (AppliedMigration a : applied.values()) {
      Migration m = known.get(a.version());
      if (m == null) {
        throw new MigrationException(
            "the database has migration V" + a.version() + " (" + a.description()
                + ") which this build does not know: use a newer seawatch");
      }
      if (!m.checksum().equals(a.checksum())) {
        throw new MigrationException(
            "migration V" + a.version() + " (" + a.description() + ") was applied with checksum "
                + a.checksum() + " but its file now has checksum " + m.checksum()
                + ": applied migrations must never be edited; add a new V<n> file instead");
      }
    }
    List<Migration> pending = new ArrayList<>();
    for (Migration m : migrations) {
      if (!applied.containsKey(m.version())) {
        pending.add(m);
      }
    }
    return pending;
  }

  private static AppliedMigration apply(Connection c, Migration m) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement();
        PreparedStatement record =
            c.prepareStatement(
                "INSERT INTO schema_migrations (version, description, checksum)"
                    + " VALUES (?, ?, ?) RETURNING applied_at")) {
      s.execute(m.script());
      record.setInt(1, m.version());
      record.setString(2, m.description());
      record.setString(3, m.checksum());
      java.time.OffsetDateTime at;
      try (ResultSet rs = record.executeQuery()) {
        rs.next();
        at = rs.getObject(1, java.time.OffsetDateTime.class);
      }
      c.commit();
      return new AppliedMigration(m.version(), m.description(), m.checksum(), at, true);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      if (e instanceof SQLException se) {
        throw new SQLException(
            "migration V" + m.version() + " (" + m.description() + ") failed: " + se.getMessage(),
            se.getSQLState(), se);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static Map<Integer, AppliedMigration> readApplied(Connection c) throws SQLException {
    Map<Integer, AppliedMigration> applied = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, description, checksum, applied_at FROM schema_migrations"
                    + " ORDER BY version")) {
      while (rs.next()) {
        applied.put(
            rs.getInt(1),
            new AppliedMigration(
                rs.getInt(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, java.time.OffsetDateTime.class), false));
      }
    }
    return applied;
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

  /** FNV-1a 64 of a fixed prefix and the schema: one lock per schema, stable across JVMs. */
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
