package io.seawatch.geo;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class GridCellTest {
  @Test
  public void idsFromLatLon() {
    assertEquals(0L, GridCell.idOf(-90, -180));
    assertEquals(900L * 3600 + 1800, GridCell.idOf(0, 0));
    assertEquals(899L * 3600 + 1799, GridCell.idOf(-0.05, -0.05));
    // Decimal boundaries land in the cell to the north/east despite binary rounding.
    assertEquals(903L * 3600 + 1803, GridCell.idOf(0.3, 0.3));
    assertEquals(897L * 3600 + 1797, GridCell.idOf(-0.3, -0.3));
    assertEquals(1415L * 3600 + 1801, GridCell.idOf(51.5, 0.1278));
    // Lat 90 is in the top row, lon 180 is lon -180.
    assertEquals(1799L * 3600 + 1800, GridCell.idOf(90, 0));
    assertEquals(GridCell.idOf(10, -180), GridCell.idOf(10, 180));
    assertEquals(GridCell.idOf(10, -179.95), GridCell.idOf(10, 180.05));
  }

  @Test
  public void edgesAndCentres() {
    long id = GridCell.idOf(51.53, -0.12);
    assertEquals(1415, GridCell.row(id));
    assertEquals(1798, GridCell.col(id));
    assertEquals(51.5, GridCell.southLat(id), 1e-9);
    assertEquals(-0.2, GridCell.westLon(id), 1e-9);
    assertEquals(51.55, GridCell.centerLat(id), 1e-9);
    assertEquals(-0.15, GridCell.centerLon(id), 1e-9);
    assertEquals(id, GridCell.idOf(GridCell.centerLat(id), GridCell.centerLon(id)));
  }

  @Test
  public void neighboursWrapAtTheAntimeridianAndStopAtThePole() {
    long east = GridCell.id(1000, 3599);
    assertArrayEquals(
        new long[] {
          GridCell.id(999, 0), GridCell.id(999, 3598), GridCell.id(999, 3599),
          GridCell.id(1000, 0), GridCell.id(1000, 3598),
          GridCell.id(1001, 0), GridCell.id(1001, 3598), GridCell.id(1001, 3599)
        },
        GridCell.neighbours(east));
    assertEquals(5, GridCell.neighbours(GridCell.id(1799, 10)).length);
    assertEquals(3, GridCell.neighbours(GridCell.id(0, 0)).length - 2);
  }

  @Test
  public void cellsWithinARadius() {
    // In the middle of a cell a 500 m circle stays in it.
    assertArrayEquals(
        new long[] {GridCell.idOf(10.05, 20.05)}, GridCell.cellsWithin(10.05, 20.05, 500));
    // 100 m west of the lon 20.0 boundary at lat 10.05: the cell and its eastern neighbour.
    long west = GridCell.idOf(10.05, 19.999);
    assertArrayEquals(new long[] {west, west + 1}, GridCell.cellsWithin(10.05, 19.999, 500));
    // At a corner: 4 cells.
    assertEquals(4, GridCell.cellsWithin(10.0001, 20.0001, 500).length);
    // Across the antimeridian.
    assertArrayEquals(
        new long[] {GridCell.idOf(0.05, -179.99), GridCell.idOf(0.05, 179.99)},
        GridCell.cellsWithin(0.05, 179.999, 2000));
    // 20 km (0.18 deg) near the pole: every column of the top three rows.
    assertEquals(3 * 3600, GridCell.cellsWithin(89.95, 0, 20_000).length);
    assertEquals(0, GridCell.cellsWithin(0, 0, 0).length - 1);
  }

  @Test
  public void badCoordinatesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> GridCell.idOf(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> GridCell.idOf(91, 0));
    assertThrows(IllegalArgumentException.class, () -> GridCell.idOf(0, Double.POSITIVE_INFINITY));
  }
}
