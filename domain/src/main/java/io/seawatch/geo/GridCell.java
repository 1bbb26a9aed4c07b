package io.seawatch.geo;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The fixed 0.1 degree grid used for density and for spatial keying. A cell id is {@code row *
 * 3600 + col} with {@code row = floor((lat + 90) / 0.1)} (0..1799, south to north) and {@code col =
 * floor((lon + 180) / 0.1)} (0..3599, west to east). Latitude 90 belongs to the top row, longitude
 * 180 to column 0 (it is -180). Values within 1e-9 cells below a boundary snap up so that
 * decimal inputs like 0.3 land where a human expects despite binary rounding.
 */
public final class GridCell {
  public static final double SIZE_DEG = 0.1;
  public static final int ROWS = 1800;
  public static final int COLS = 3600;

  private static final double SNAP = 1e-9;

  private GridCell() {}

  /** The id of the cell holding a point; throws IllegalArgumentException for NaN or |lat| > 90. */
  public static long idOf(double lat, double lon) {
    if (!(lat >= -90.0 && lat <= 90.0) || !Double.isFinite(lon)) {
      throw new IllegalArgumentException("no grid cell for lat " + lat + " lon " + lon);
    }
    return id(rowOf(lat), colOf(lon));
  }

  public static long id(int row, int col) {
    if (row < 0 || row >= ROWS || col < 0 || col >= COLS) {
      throw new IllegalArgumentException("cell row/col out of range: " + row + "/" + col);
    }
    return (long) row * COLS + col;
  }

  public static int row(long id) {
    return (int) (id / COLS);
  }

  public static int col(long id) {
    return (int) (id % COLS);
  }

  /** Latitude of the southern edge. */
  public static double southLat(long id) {
    return row(id) / 10.0 - 90.0;
  }

  /** Longitude of the western edge. */
  public static double westLon(long id) {
    return col(id) / 10.0 - 180.0;
  }

  public static double centerLat(long id) {
    return (row(id) + 0.5) / 10.0 - 90.0;
  }

  public static double centerLon(long id) {
    return (col(id) + 0.5) / 10.0 - 180.0;
  }

  /**
   * The up to 8 cells around a cell, ascending. Columns wrap across the antimeridian; there is no
   * row beyond the poles, so polar-row cells have 5 neighbours.
   */
  public static long[] neighbours(long id) {
    int r = row(id);
    int c = col(id);
    TreeSet<Long> out = new TreeSet<>();
    for (int dr = -1; dr <= 1; dr++) {
      for (int dc = -1; dc <= 1; dc++) {
        int rr = r + dr;
        if ((dr == 0 && dc == 0) || rr < 0 || rr >= ROWS) {
          continue;
        }
        out.add(id(rr, Math.floorMod(c + dc, COLS)));
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Every cell that intersects the bounding box of a circle of {@code radiusM} around a point,
   * ascending (so also every cell containing a point within that distance). The box is widened
   * in longitude for the latitude nearest the pole; near a pole it spans all columns.
   */
  public static long[] cellsWithin(double lat, double lon, double radiusM) {
    if (!(radiusM >= 0)) {
      throw new IllegalArgumentException("radius must be >= 0: " + radiusM);
    }
    double dLat = Math.toDegrees(radiusM / Geo.EARTH_RADIUS_M);
    double south = Math.max(-90.0, lat - dLat);
    double north = Math.min(90.0, lat + dLat);
    double cos = Math.cos(Math.toRadians(Math.max(Math.abs(south), Math.abs(north))));
    int r0 = rowOf(south);
    int r1 = rowOf(north);
    int c0;
    int cCount;
    if (north >= 90.0 || south <= -90.0 || dLat / cos >= 180.0) {
      c0 = 0;
      cCount = COLS;
    } else {
      double dLon = dLat / cos;
      c0 = colOf(lon - dLon);
      int c1 = colOf(lon + dLon);
      cCount = Math.min(COLS, Math.floorMod(c1 - c0, COLS) + 1);
    }
    long[] out = new long[(r1 - r0 + 1) * cCount];
    int k = 0;
    for (int r = r0; r <= r1; r++) {
      for (int j = 0; j < cCount; j++) {
        out[k++] = id(r, Math.floorMod(c0 + j, COLS));
      }
    }
    Arrays.sort(out);
    return out;
  }

  private static int rowOf(double lat) {
    int r = (int) Math.floor(lat * 10.0 + SNAP) + 900;
    return Math.min(ROWS - 1, Math.max(0, r));
  }

  private static int colOf(double lon) {
    double l = Geo.normalizeLon(lon);
    int c = (int) Math.floor(l * 10.0 + SNAP) + 1800;
    return Math.floorMod(c, COLS);
  }
}
