package io.seawatch.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A polygon or multipolygon in lon/lat degrees: one or more parts, each an outer ring and
 * optional holes. Points on any edge or vertex (within {@link #EDGE_EPSILON_DEG}) count as inside,
 * so a vessel sitting exactly on a harbour boundary is treated the same whichever way rounding
 * goes. Rings are planar in degrees (fine for harbours and zones); a ring must not cross the
 * antimeridian - split it into a MultiPolygon as RFC 7946 asks.
 *
 * <p>Text forms accepted by {@link #parse(String)}:
 *
 * <ul>
 *   <li>Ring text: {@code "lon lat, lon lat, ..."}; several rings separated by {@code ';'}, the
 *       first the outer ring and the rest holes. The closing point may be omitted.
 *   <li>GeoJSON: a Polygon or MultiPolygon geometry, or a Feature / FeatureCollection whose
 *       geometries are such (all polygons are merged into one multipolygon).
 * </ul>
 */
public final class Polygon {
  /** Tolerance for "on the edge", about 0.1 mm. */
  public static final double EDGE_EPSILON_DEG = 1e-9;

  /** parts -> rings -> interleaved lon,lat without the closing point. */
  private final List<List<double[]>> parts;

  private final double minLon;
  private final double minLat;
  private final double maxLon;
  private final double maxLat;

  private Polygon(List<List<double[]>> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("polygon has no rings");
    }
    double x0 = Double.POSITIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    List<List<double[]>> copy = new ArrayList<>();
    for (List<double[]> part : parts) {
      List<double[]> rings = new ArrayList<>();
      for (double[] ring : part) {
        double[] r = validRing(ring);
        rings.add(r);
        for (int i = 0; i < r.length; i += 2) {
          x0 = Math.min(x0, r[i]);
          x1 = Math.max(x1, r[i]);
          y0 = Math.min(y0, r[i + 1]);
          y1 = Math.max(y1, r[i + 1]);
        }
      }
      copy.add(List.copyOf(rings));
    }
    this.parts = List.copyOf(copy);
    this.minLon = x0;
    this.minLat = y0;
    this.maxLon = x1;
    this.maxLat = y1;
  }

  /**
   * A polygon with one outer ring and optional holes; each ring is lon,lat pairs, the closing
   * point optional.
   */
  public static Polygon of(double[] outer, double[]... holes) {
    List<double[]> rings = new ArrayList<>();
    rings.add(outer);
    rings.addAll(Arrays.asList(holes));
    return new Polygon(List.of(rings));
  }

  /** Parses ring text or GeoJSON (see the class comment); throws IllegalArgumentException. */
  public static Polygon parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty polygon text");
    }
    String t = text.strip();
    return t.startsWith("{") ? parseGeoJson(t) : parseRingText(t);
  }

  /** Parses {@code "lon lat, lon lat, ...; hole..."}. */
  public static Polygon parseRingText(String text) {
    List<double[]> rings = new ArrayList<>();
    for (String ringText : text.split(";")) {
      if (ringText.isBlank()) {
        continue;
      }
      String[] points = ringText.split(",");
      double[] ring = new double[points.length * 2];
      for (int i = 0; i < points.length; i++) {
        String[] xy = points[i].trim().split("\\s+");
        if (xy.length != 2) {
          throw new IllegalArgumentException(
              "ring point " + (i + 1) + " is not 'lon lat': '" + points[i].trim() + "'");
        }
        ring[2 * i] = parseNumber(xy[0]);
        ring[2 * i + 1] = parseNumber(xy[1]);
      }
      rings.add(ring);
    }
    if (rings.isEmpty()) {
      throw new IllegalArgumentException("polygon text has no rings");
    }
    return new Polygon(List.of(rings));
  }

  /** Parses a GeoJSON Polygon / MultiPolygon geometry (or Feature, FeatureCollection of them). */
  public static Polygon parseGeoJson(String json) {
    Object root = new TinyJson(json).parseDocument();
    List<List<double[]>> parts = new ArrayList<>();
    collectParts(root, parts);
    return new Polygon(parts);
  }

  /** True when the point is inside, or on an edge of, the polygon. */
  public boolean contains(double lat, double lon) {
    if (Double.isNaN(lat) || Double.isNaN(lon)) {
      return false;
    }
    if (lon < minLon - EDGE_EPSILON_DEG
        || lon > maxLon + EDGE_EPSILON_DEG
        || lat < minLat - EDGE_EPSILON_DEG
        || lat > maxLat + EDGE_EPSILON_DEG) {
      return false;
    }
    for (List<double[]> part : parts) {
      if (partContains(part, lon, lat)) {
        return true;
      }
    }
    return false;
  }

  public double minLon() {
    return minLon;
  }

  public double minLat() {
    return minLat;
  }

  public double maxLon() {
    return maxLon;
  }

  public double maxLat() {
    return maxLat;
  }

  /** Number of parts (1 for a Polygon). */
  public int partCount() {
    return parts.size();
  }

  /** Number of rings of a part (outer ring plus holes). */
  public int ringCount(int part) {
    return parts.get(part).size();
  }

  private static boolean partContains(List<double[]> rings, double x, double y) {
    double[] outer = rings.get(0);
    if (onBoundary(outer, x, y)) {
      return true;
    }
    if (!crossingsOdd(outer, x, y)) {
      return false;
    }
    for (int h = 1; h < rings.size(); h++) {
      double[] hole = rings.get(h);
      // A hole's edge belongs to the polygon (boundary inclusive).
      if (!onBoundary(hole, x, y) && crossingsOdd(hole, x, y)) {
        return false;
      }
    }
    return true;
  }

  /** Even-odd ray casting to +x; half-open edge rule so vertices are not counted twice. */
  private static boolean crossingsOdd(double[] r, double x, double y) {
    boolean odd = false;
    int n = r.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double xi = r[2 * i];
      double yi = r[2 * i + 1];
      double xj = r[2 * j];
      double yj = r[2 * j + 1];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        odd = !odd;
      }
    }
    return odd;
  }

  private static boolean onBoundary(double[] r, double x, double y) {
    int n = r.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      if (onSegment(r[2 * j], r[2 * j + 1], r[2 * i], r[2 * i + 1], x, y)) {
        return true;
      }
    }
    return false;
  }

  private static boolean onSegment(
      double ax, double ay, double bx, double by, double px, double py) {
    double e = EDGE_EPSILON_DEG;
    if (px < Math.min(ax, bx) - e
        || px > Math.max(ax, bx) + e
        || py < Math.min(ay, by) - e
        || py > Math.max(ay, by) + e) {
      return false;
    }
    double dx = bx - ax;
    double dy = by - ay;
    double len = Math.hypot(dx, dy);
    if (len == 0) {
      return Math.hypot(px - ax, py - ay) <= e;
    }
    // Distance from the line = |cross| / |ab|.
    return Math.abs(dx * (py - ay) - dy * (px - ax)) / len <= e;
  }

  private static double[] validRing(double[] ring) {
    if (ring == null || ring.length % 2 != 0) {
      throw new IllegalArgumentException("a ring needs lon,lat pairs");
    }
    int n = ring.length / 2;
    for (int i = 0; i < n; i++) {
      double lon = ring[2 * i];
      double lat = ring[2 * i + 1];
      if (!(lon >= -180.0 && lon <= 180.0) || !(lat >= -90.0 && lat <= 90.0)) {
        throw new IllegalArgumentException(
            "ring point " + (i + 1) + " out of range: lon " + lon + " lat " + lat);
      }
    }
    if (n > 1 && ring[0] == ring[2 * n - 2] && ring[1] == ring[2 * n - 1]) {
      n--; // drop the closing point
    }
    double[] r = Arrays.copyOf(ring, 2 * n);
    long distinct =
        java.util.stream.IntStream.range(0, n)
            .mapToObj(i -> r[2 * i] + " " + r[2 * i + 1])
            .distinct()
            .count();
    if (distinct < 3) {
      throw new IllegalArgumentException(
          "a ring needs at least 3 distinct points, got " + distinct);
    }
    return r;
  }

  private static double parseNumber(String s) {
    try {
      double d = Double.parseDouble(s);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: '" + s + "'");
    }
  }

  // ---- GeoJSON subset ----

  private static void collectParts(Object node, List<List<double[]>> parts) {
    if (!(node instanceof Map<?, ?> obj)) {
      throw new IllegalArgumentException("GeoJSON: expected an object");
    }
    Object type = obj.get("type");
    if ("Feature".equals(type)) {
      collectParts(obj.get("geometry"), parts);
    } else if ("FeatureCollection".equals(type)) {
      for (Object f : asList(obj.get("features"), "features")) {
        collectParts(f, parts);
      }
    } else if ("Polygon".equals(type)) {
      parts.add(polygonRings(obj.get("coordinates")));
    } else if ("MultiPolygon".equals(type)) {
      for (Object poly : asList(obj.get("coordinates"), "coordinates")) {
        parts.add(polygonRings(poly));
      }
    } else {
      throw new IllegalArgumentException(
          "GeoJSON: type must be Polygon, MultiPolygon, Feature or FeatureCollection, got "
              + type);
    }
  }

  private static List<double[]> polygonRings(Object coordinates) {
    List<double[]> rings = new ArrayList<>();
    for (Object ring : asList(coordinates, "coordinates")) {
      List<?> points = asList(ring, "ring");
      double[] r = new double[points.size() * 2];
      for (int i = 0; i < points.size(); i++) {
        List<?> p = asList(points.get(i), "position");
        // Positions may carry an altitude: ignored.
        if (p.size() < 2 || !(p.get(0) instanceof Double) || !(p.get(1) instanceof Double)) {
          throw new IllegalArgumentException("GeoJSON: a position needs [lon, lat]");
        }
        r[2 * i] = (Double) p.get(0);
        r[2 * i + 1] = (Double) p.get(1);
      }
      rings.add(r);
    }
    if (rings.isEmpty()) {
      throw new IllegalArgumentException("GeoJSON: polygon without rings");
    }
    return rings;
  }

  private static List<?> asList(Object o, String what) {
    if (!(o instanceof List<?> l)) {
      throw new IllegalArgumentException("GeoJSON: " + what + " must be an array");
    }
    return l;
  }
}
