package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.DensityCountCoder;
import io.seawatch.db.TestSchema;
import io.seawatch.geo.GridCell;
import io.seawatch.rules.DensityAggregator.DensityCount;
import java.util.List;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class WriteDensityIT {
  @ClassRule public static final TestSchema DB = new TestSchema("density");

  static final long H10 = 1_725_184_800_000L; // 2024-09-01T10:00:00Z
  static final long CELL = GridCell.idOf(54.05, 10.05);

  static final List<DensityCount> COUNTS =
      List.of(new DensityCount(CELL, H10, 4, 3), new DensityCount(CELL, H10 + 3_600_000L, 1, 1));
  static final List<String> EXPECTED =
      List.of(
          "2024-09-01 10:00:00+00|" + CELL + "|54.050|10.050|4|3",
          "2024-09-01 11:00:00+00|" + CELL + "|54.050|10.050|1|1");

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE density_hourly");
  }

  private static List<String> table() throws Exception {
    return DB.dump(
        "SELECT hour, cell_id, round(cell_lat::numeric, 3), round(cell_lon::numeric, 3),"
            + " positions, vessels FROM density_hourly ORDER BY hour, cell_id");
  }

  private static void write(List<DensityCount> counts) {
    Pipelines.write(counts, DensityCountCoder.of(), WriteDensity.to(DB.target()));
  }

  @Test
  public void fullValuesIdempotent() throws Exception {
    write(COUNTS);
    assertEquals(EXPECTED, table());
    write(COUNTS);
    assertEquals(EXPECTED, table());
  }

  @Test
  public void aPartialRecountNeverLowersARow() throws Exception {
    write(COUNTS);
    write(List.of(new DensityCount(CELL, H10, 1, 1)));
    assertEquals(EXPECTED, table());
    write(List.of(new DensityCount(CELL, H10, 5, 3)));
    assertEquals("2024-09-01 10:00:00+00|" + CELL + "|54.050|10.050|5|3", table().get(0));
  }
}
