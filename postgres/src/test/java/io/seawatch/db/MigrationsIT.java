package io.seawatch.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
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
          "ais_position", "ais_stats_minute", "dead_letter", "density_hourly", "geofence",
          "schema_migrations", "vessel_event", "vessel_latest", "vessel_segment", "vessel_static");

  private List<String> tables() throws Exception {
    return db.dump(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + db.schema()
            + "' ORDER BY 1");
  }

  @Test
  public void appliesV1AndV2IntoTheCurrentSchemaThenNothing() throws Exception {
    Migrations.Result first = db.migrate();
    assertEquals(db.schema(), first.schema());
    assertEquals(2, first.applied().size());
    assertEquals(true, first.applied().get(0).now());
    assertEquals(true, first.applied().get(1).now());
    assertEquals(List.of(), first.pending());
    assertEquals(TABLES, tables());
    assertEquals(
        List.of(
            "1|ingest tables|" + Migrations.builtIn().all().get(0).checksum(),
            "2|analytics|" + Migrations.builtIn().all().get(1).checksum()),
        db.dump("SELECT version, description, checksum FROM schema_migrations ORDER BY version"));

    Migrations.Result second = db.migrate();
    assertEquals(2, second.applied().size());
    assertEquals(false, second.applied().get(0).now());
    assertEquals(
        db.dump("SELECT * FROM schema_migrations"), db.dump("SELECT * FROM schema_migrations"));
  }

  @Test
  public void statusListsPendingWithoutApplying() throws Exception {
    try (Connection c = db.target().connect()) {
      Migrations.Result s = Migrations.builtIn().status(c);
      assertEquals(List.of(), s.applied());
      assertEquals(List.of(1, 2), s.pending().stream().map(Migration::version).toList());
    }
    assertEquals(List.of("schema_migrations"), tables());
  }

  @Test
  public void editedMigrationIsAnError() throws Exception {
    db.migrate();
    db.exec("UPDATE schema_migrations SET checksum = 'abc' WHERE version = 1");
    MigrationException e = assertThrows(MigrationException.class, db::migrate);
    assertEquals(
        "migration V1 (ingest tables) was applied with checksum abc but its file now has checksum "
            + Migrations.builtIn().all().get(0).checksum()
            + ": applied migrations must never be edited; add a new V<n> file instead",
        e.getMessage());
  }

  @Test
  public void unknownAppliedVersionIsAnError() throws Exception {
    db.migrate();
    db.exec("INSERT INTO schema_migrations (version, description, checksum) VALUES (9, 'x', 'y')");
    MigrationException e = assertThrows(MigrationException.class, db::migrate);
    assertEquals(
        "the database has migration V9 (x) which this build does not know: use a newer seawatch",
        e.getMessage());
  }

  @Test
  public void failedMigrationLeavesNothingBehind() throws Exception {
    Migrations bad =
        Migrations.of(
            List.of(
                Migration.parse("V1__ok.sql", "CREATE TABLE a (x int);"),
                Migration.parse("V2__broken.sql", "CREATE TABLE b (x int); SELECT no_such_fn();")));
    try (Connection c = db.target().connect()) {
      java.sql.SQLException e = assertThrows(java.sql.SQLException.class, () -> bad.migrate(c));
      assertTrue(e.getMessage(), e.getMessage().startsWith("migration V2 (broken) failed: "));
    }
    assertEquals(List.of("a", "schema_migrations"), tables());
    assertEquals(List.of("1"), db.dump("SELECT version FROM schema_migrations"));
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
      assertEquals(2, appliedNow);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(TABLES, tables());
  }
}
