package io.seawatch.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Rule;
import org.junit.Test;

public class MigrationsIT {
  // A fresh schema per test: each starts from an empty database.
  @Rule public final TestSchema db = new TestSchema("migrations");

  private static final List<String> TABLES =
      List.of(
          "ais_position", "ais_stats_minute", "alert", "dead_letter", "density_hourly",
          "flyway_schema_history", "geofence", "vessel_event", "vessel_latest", "vessel_segment",
          "vessel_static");

  /** The pre-Flyway runner's history table, exactly as it created it. */
  private static final String OLD_HISTORY_DDL =
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
          + " version integer PRIMARY KEY,"
          + " description text NOT NULL,"
          + " checksum text NOT NULL,"
          + " applied_at timestamptz NOT NULL DEFAULT now())";

  /** Its rows after V1 and V2 (hex SHA-256 of each file, as the old runner recorded them). */
  private static final String OLD_HISTORY_ROWS =
      "INSERT INTO schema_migrations (version, description, checksum, applied_at) VALUES"
          + " (1, 'ingest tables',"
          + " '5200004d356ac4cc801a640e71f619b6e6021fc9c278b7c1d9c1a02802c00ef3',"
          + " '2026-11-02 08:00:00+00'),"
          + " (2, 'analytics',"
          + " '5e9eb462f9219a1734c81d6056244222441b6d5ccf6ee7eef5d4bb9828bee6e6',"
          + " '2026-11-20 09:30:00+00')";

  /** One row in every table; the view shows the SEGMENT event. */
  private static final String[] ROWS = {
    "INSERT INTO ais_position VALUES"
        + " (211000001, '2026-11-21 10:00:00+00', 42, 1, 54.5, 10.25, 12.5, 90.0, 91, 0, true, 7)",
    "INSERT INTO vessel_latest VALUES (211000001, '2026-11-21 10:00:00+00', 42, 1, 54.5, 10.25,"
        + " 12.5, 90.0, 91, 0, '2026-11-21 10:00:00+00', 3.5, 120.25, 77, '{77}')",
    "INSERT INTO vessel_static (mmsi, shipname, shipname_ts, imo, imo_ts) VALUES"
        + " (211000001, 'SEA WATCH', '2026-11-21 09:00:00+00', 9074729, '2026-11-21 09:00:00+00')",
    "INSERT INTO ais_stats_minute VALUES ('2026-11-21 10:00:00+00', 1, 1234)",
    "INSERT INTO dead_letter VALUES (-5, 'bad\uFFFD', '\\x62616400', 'decode', 'checksum', 'ais',"
        + " 3, 99, '2026-11-21 10:00:01+00', '2026-11-21 10:00:02+00')",
    "INSERT INTO vessel_event VALUES (77, 'SEGMENT', 211000001, NULL, '2026-11-21 09:00:00+00',"
        + " '2026-11-21 10:00:00+00', 54.0, 10.0, false,"
        + " '{\"points\": 12, \"distance_m\": 1500.5, \"end_lat\": 54.5, \"end_lon\": 10.25}')",
    "INSERT INTO density_hourly VALUES ('2026-11-21 10:00:00+00', 5213, 54.55, 10.25, 12, 1)",
    "INSERT INTO geofence VALUES ('kiel', 'Kiel', 'port', '10 54, 11 54, 11 55, 10 54',"
        + " '2026-11-01 00:00:00+00')",
  };

  private static final Map<String, String> EVERY_TABLE = new LinkedHashMap<>();

  static {
    EVERY_TABLE.put("ais_position", "mmsi, ts, msg_hash");
    EVERY_TABLE.put("vessel_latest", "mmsi");
    EVERY_TABLE.put("vessel_static", "mmsi");
    EVERY_TABLE.put("ais_stats_minute", "minute, msg_type");
    EVERY_TABLE.put("dead_letter", "id");
    EVERY_TABLE.put("vessel_event", "id");
    EVERY_TABLE.put("vessel_segment", "segment_id");
    EVERY_TABLE.put("density_hourly", "hour, cell_id");
    EVERY_TABLE.put("geofence", "id");
  }

  private List<String> tables() throws Exception {
    return db.dump(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + db.schema()
            + "' ORDER BY 1");
  }

  private List<String> history() throws Exception {
    return db.dump(
        "SELECT installed_rank, version, description, type, script, success"
            + " FROM flyway_schema_history ORDER BY installed_rank");
  }

  private Map<String, List<String>> everyRow() throws Exception {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (Map.Entry<String, String> t : EVERY_TABLE.entrySet()) {
      rows.put(t.getKey(), db.table(t.getKey(), t.getValue()));
    }
    return rows;
  }

  private static String script(String file) throws IOException {
    try (InputStream in =
        MigrationsIT.class.getClassLoader().getResourceAsStream("db/migration/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The schema as the pre-Flyway runner left it after V1 and V2, with one row per table. */
  private void oldRunnerState() throws Exception {
    db.exec(OLD_HISTORY_DDL, script("V1__ingest_tables.sql"), script("V2__analytics.sql"),
        OLD_HISTORY_ROWS);
    db.exec(ROWS);
  }

  @Test
  public void freshSchemaGetsEveryMigrationThenNothing() throws Exception {
    Migrations.Result first = db.migrate();
    assertEquals(db.schema(), first.schema());
    assertEquals(
        List.of("1|ingest tables|true", "2|analytics|true", "3|alerts|true"),
        first.applied().stream().map(a -> a.version() + "|" + a.description() + "|" + a.now())
            .toList());
    assertEquals(List.of(), first.pending());
    assertEquals(TABLES, tables());
    assertEquals(
        List.of(
            "1|1|ingest tables|SQL|V1__ingest_tables.sql|t",
            "2|2|analytics|SQL|V2__analytics.sql|t",
            "3|3|alerts|SQL|V3__alerts.sql|t"),
        history());

    List<String> historyRows = db.dump("SELECT * FROM flyway_schema_history ORDER BY 1");
    Migrations.Result second = db.migrate();
    assertEquals(
        List.of("1|false", "2|false", "3|false"),
        second.applied().stream().map(a -> a.version() + "|" + a.now()).toList());
    assertEquals(first.applied().get(1).appliedAt(), second.applied().get(1).appliedAt());
    assertEquals(historyRows, db.dump("SELECT * FROM flyway_schema_history ORDER BY 1"));
  }

  @Test
  public void migrateThroughATargetIsTheSame() throws Exception {
    Migrations.Result r = Migrations.builtIn().migrate(db.target());
    assertEquals(db.schema(), r.schema());
    assertEquals(
        List.of(1, 2, 3), r.applied().stream().map(Migrations.AppliedMigration::version).toList());
    assertEquals(TABLES, tables());
    assertEquals(
        List.of(false, false, false),
        Migrations.builtIn().status(db.target()).applied().stream()
            .map(Migrations.AppliedMigration::now).toList());
  }

  @Test
  public void schemaOfTheOldRunnerIsAdoptedWithEveryRow() throws Exception {
    oldRunnerState();
    Map<String, List<String>> before = everyRow();
    for (Map.Entry<String, List<String>> t : before.entrySet()) {
      assertEquals(t.getKey(), 1, t.getValue().size());
    }

    Migrations.Result r = db.migrate();

    // V3 adds vessel_event.provisional_ts (NULL on every existing row); nothing else changes.
    before.put(
        "vessel_event",
        before.get("vessel_event").stream().map(row -> row + "|null").toList());
    assertEquals(before, everyRow());
    assertEquals(
        List.of(
            "2|V1..V2 applied before Flyway (see schema_migrations_pre_flyway)|false",
            "3|alerts|true"),
        r.applied().stream().map(a -> a.version() + "|" + a.description() + "|" + a.now())
            .toList());
    assertEquals(List.of(), r.pending());
    assertEquals(
        List.of(
            "1|2|V1..V2 applied before Flyway (see schema_migrations_pre_flyway)|BASELINE"
                + "|V1..V2 applied before Flyway (see schema_migrations_pre_flyway)|t",
            "2|3|alerts|SQL|V3__alerts.sql|t"),
        history());
    // The old history is kept under another name; an old seawatch no longer finds it.
    List<String> expected = new ArrayList<>(TABLES);
    expected.add("schema_migrations_pre_flyway");
    expected.sort(null);
    assertEquals(expected, tables());
    assertEquals(
        List.of(
            "1|ingest tables|5200004d356ac4cc801a640e71f619b6e6021fc9c278b7c1d9c1a02802c00ef3"
                + "|2026-11-02 08:00:00+00",
            "2|analytics|5e9eb462f9219a1734c81d6056244222441b6d5ccf6ee7eef5d4bb9828bee6e6"
                + "|2026-11-20 09:30:00+00"),
        db.table("schema_migrations_pre_flyway", "version"));

    List<String> historyRows = db.dump("SELECT * FROM flyway_schema_history ORDER BY 1");
    Migrations.Result again = db.migrate();
    assertEquals(
        r.applied().stream().map(a -> a.version() + "|" + a.appliedAt()).toList(),
        again.applied().stream().map(a -> a.version() + "|" + a.appliedAt()).toList());
    assertEquals(List.of(), again.applied().stream().filter(a -> a.now()).toList());
    assertEquals(historyRows, db.dump("SELECT * FROM flyway_schema_history ORDER BY 1"));
    assertEquals(before, everyRow());
  }

  @Test
  public void statusOfAnOldRunnerSchemaChangesNothing() throws Exception {
    oldRunnerState();
    List<String> tablesBefore = tables();
    try (Connection c = db.target().connect()) {
      Migrations.Result s = Migrations.builtIn().status(c);
      assertEquals(
          List.of("1|ingest tables|2026-11-02T08:00Z", "2|analytics|2026-11-20T09:30Z"),
          s.applied().stream()
              .map(a -> a.version() + "|" + a.description() + "|"
                  + a.appliedAt().withOffsetSameInstant(java.time.ZoneOffset.UTC))
              .toList());
      assertEquals(List.of("3|alerts"), s.pending().stream()
          .map(m -> m.version() + "|" + m.description()).toList());
    }
    assertEquals(tablesBefore, tables());
  }

  @Test
  public void oldRunnerSchemaWithAnEditedMigrationIsRefusedUntouched() throws Exception {
    oldRunnerState();
    db.exec("UPDATE schema_migrations SET checksum = 'abc' WHERE version = 2");
    List<String> tablesBefore = tables();
    MigrationException e = assertThrows(MigrationException.class, db::migrate);
    assertEquals(
        "migration V2 (analytics) was applied with checksum abc but its file now has checksum"
            + " 5e9eb462f9219a1734c81d6056244222441b6d5ccf6ee7eef5d4bb9828bee6e6"
            + ": applied migrations must never be edited; add a new V<n> file instead",
        e.getMessage());
    assertEquals(tablesBefore, tables());
  }

  @Test
  public void oldRunnerSchemaWithAnUnknownVersionIsRefused() throws Exception {
    oldRunnerState();
    db.exec("INSERT INTO schema_migrations (version, description, checksum) VALUES (4, 'x', 'y')");
    MigrationException e = assertThrows(MigrationException.class, db::migrate);
    assertEquals(
        "the database has migration V4 (x) which this build does not know: use a newer seawatch",
        e.getMessage());
  }

  @Test
  public void statusListsPendingWithoutApplying() throws Exception {
    try (Connection c = db.target().connect()) {
      Migrations.Result s = Migrations.builtIn().status(c);
      assertEquals(List.of(), s.applied());
      assertEquals(
          List.of(
              "1|ingest tables|V1__ingest_tables.sql",
              "2|analytics|V2__analytics.sql",
              "3|alerts|V3__alerts.sql"),
          s.pending().stream().map(m -> m.version() + "|" + m.description() + "|" + m.script())
              .toList());
    }
    assertEquals(List.of(), tables());
  }

  @Test
  public void schemaWithOtherTablesButNoHistoryGetsEverything() throws Exception {
    db.exec("CREATE TABLE notes (x int)", "INSERT INTO notes VALUES (1)");
    Migrations.Result r = db.migrate();
    assertEquals(
        List.of(1, 2, 3), r.applied().stream().map(Migrations.AppliedMigration::version).toList());
    assertEquals(List.of("1"), db.dump("SELECT x FROM notes"));
  }

  @Test
  public void editedMigrationIsAnError() throws Exception {
    db.migrate();
    db.exec("UPDATE flyway_schema_history SET checksum = 123 WHERE version = '1'");
    MigrationException e = assertThrows(MigrationException.class, db::migrate);
    assertEquals(
        "migration V1 (ingest tables) was applied with checksum 123 but its file now has checksum"
            + " 207160713: applied migrations must never be edited; add a new V<n> file instead",
        e.getMessage());
  }

  @Test
  public void unknownAppliedVersionIsAnError() throws Exception {
    db.migrate();
    db.exec(
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success)"
            + " VALUES (4, '9', 'x', 'SQL', 'V9__x.sql', 1, 'me', 1, true)");
    MigrationException e = assertThrows(MigrationException.class, db::migrate);
    assertEquals(
        "the database has migration V9 (x) which this build does not know: use a newer seawatch",
        e.getMessage());
  }

  @Test
  public void failedMigrationLeavesNothingBehind() throws Exception {
    Migrations bad = Migrations.at("classpath:db/broken");
    try (Connection c = db.target().connect()) {
      MigrationException e = assertThrows(MigrationException.class, () -> bad.migrate(c));
      assertEquals(
          "migration V2 (broken) failed: ERROR: function no_such_fn() does not exist"
              + " Hint: No function matches the given name and argument types. You might need to"
              + " add explicit type casts. Position: 8",
          e.getMessage());
    }
    assertEquals(List.of("a", "flyway_schema_history"), tables());
    assertEquals(List.of("1"), db.dump("SELECT version FROM flyway_schema_history"));
  }

  @Test
  public void flywayLogsNoSecret() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      // Trust auth: the server never asks for the password, the URL still carries it.
      Migrations.builtIn().migrate(db.target().withUrlParameter("password", "hunter2"));
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log, log.contains("Successfully applied 3 migrations"));
    assertFalse(log, log.contains("hunter2"));
  }

  @Test
  public void concurrentRunnersApplyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Migrations.Result>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Callable<Migrations.Result> run = db::migrate;
        results.add(pool.submit(run));
      }
      int appliedNow = 0;
      for (Future<Migrations.Result> f : results) {
        appliedNow += (int) f.get().applied().stream().filter(Migrations.AppliedMigration::now).count();
      }
      assertEquals(3, appliedNow);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(TABLES, tables());
  }
}
