package io.seawatch.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class MigrationsTest {
  @Test
  public void everyMigrationFileIsListedInOrder() {
    File dir = new File("src/main/resources/" + Migrations.RESOURCE_DIR);
    String[] files = dir.list((d, n) -> n.endsWith(".sql"));
    List<String> onDisk = Arrays.stream(files).sorted().toList();
    assertEquals(onDisk, Migrations.FILES.stream().sorted().toList());
    List<Migration> all = Migrations.builtIn().all();
    for (int i = 0; i < all.size(); i++) {
      assertEquals("versions are 1..n without gaps", i + 1, all.get(i).version());
    }
    assertEquals("ingest tables", all.get(0).description());
    assertEquals("analytics", all.get(1).description());
  }

  @Test
  public void parsesNamesAndNormalizesLineEndings() {
    Migration m = Migration.parse("V12__add_some_index.sql", "SELECT 1;\r\nSELECT 2;\n");
    assertEquals(12, m.version());
    assertEquals("add some index", m.description());
    assertEquals(Migration.checksum("SELECT 1;\nSELECT 2;\n"), m.checksum());
    assertEquals(
        64,
        m.checksum().length());
    assertThrows(IllegalArgumentException.class, () -> Migration.parse("v1_x.sql", ""));
    assertThrows(IllegalArgumentException.class, () -> Migration.parse("V0__x.sql", ""));
  }

  @Test
  public void rejectsDuplicateVersions() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Migrations.of(List.of(Migration.parse("V1__a.sql", "x"), Migration.parse("V1__b.sql", "y"))));
  }

  @Test
  public void lockKeyIsStablePerSchema() {
    assertEquals(Migrations.lockKey("public"), Migrations.lockKey("public"));
    assertEquals(false, Migrations.lockKey("public") == Migrations.lockKey("it_1"));
  }
}
