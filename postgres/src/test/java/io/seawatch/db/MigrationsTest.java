package io.seawatch.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class MigrationsTest {
  @Test
  public void migrationFilesArePinned() {
    File dir = new File("src/main/resources/db/migration");
    List<String> files = Arrays.stream(dir.list()).sorted().toList();
    assertEquals(
        List.of("V1__ingest_tables.sql", "V2__analytics.sql", "V3__alerts.sql"), files);
  }

  @Test
  public void legacyChecksumIsTheOldRunnersSha256WithLfLineEndings() {
    assertEquals(
        LegacyHistory.sha256("SELECT 1;\nSELECT 2;\n"),
        LegacyHistory.sha256("SELECT 1;\r\nSELECT 2;\n"));
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        LegacyHistory.sha256(""));
  }

  @Test
  public void legacyHistoryMustBeContiguousAndKnown() {
    Map<Integer, String> scripts = Map.of(1, "a", 2, "b");
    LegacyHistory.Row v1 = new LegacyHistory.Row(1, "a", LegacyHistory.sha256("a"), null);
    LegacyHistory.Row v2 = new LegacyHistory.Row(2, "b", LegacyHistory.sha256("b"), null);
    assertEquals(0, LegacyHistory.verify(List.of(), scripts));
    assertEquals(2, LegacyHistory.verify(List.of(v1, v2), scripts));
    assertEquals(
        "schema_migrations has V2 without V1: not a history the old runner wrote; fix it by hand",
        assertThrows(MigrationException.class, () -> LegacyHistory.verify(List.of(v2), scripts))
            .getMessage());
  }

  @Test
  public void redactsUrlPasswordsInFlywaysLog() {
    assertEquals(
        "Database: jdbc:postgresql://h:5432/db?user=u&password=*** (PostgreSQL 15.20)",
        FlywayLog.redact(
            "Database: jdbc:postgresql://h:5432/db?user=u&password=s3cret (PostgreSQL 15.20)"));
    assertEquals("at jdbc:postgresql://u:***@h/db now", FlywayLog.redact("at jdbc:postgresql://u:pw@h/db now"));
  }

  @Test
  public void lockKeyIsStablePerSchema() {
    // The pre-Flyway runner's key for "public": old and new runners exclude each other.
    assertEquals(Migrations.lockKey("public"), Migrations.lockKey("public"));
    assertEquals(false, Migrations.lockKey("public") == Migrations.lockKey("it_1"));
  }
}
