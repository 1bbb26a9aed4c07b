package io.seawatch.geo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PolygonTest {
  /** A 1x1 degree square at lon 10..11, lat 50..51 with a hole lon 10.4..10.6, lat 50.4..50.6. */
  private static final String SQUARE_WITH_HOLE =
      "10 50, 11 50, 11 51, 10 51, 10 50; 10.4 50.4, 10.6 50.4, 10.6 50.6, 10.4 50.6";

  @Test
  public void ringTextInsideOutsideAndHole() {
    Polygon p = Polygon.parse(SQUARE_WITH_HOLE);
    assertTrue(p.contains(50.2, 10.2));
    assertFalse(p.contains(50.5, 10.5)); // in the hole
    assertFalse(p.contains(49.9, 10.5));
    assertFalse(p.contains(50.5, 11.0001));
    assertFalse(p.contains(Double.NaN, 10.5));
    assertEquals(1, p.partCount());
    assertEquals(2, p.ringCount(0));
    assertEquals(10.0, p.minLon(), 0);
    assertEquals(50.0, p.minLat(), 0);
    assertEquals(11.0, p.maxLon(), 0);
    assertEquals(51.0, p.maxLat(), 0);
  }

  @Test
  public void edgesAndVerticesCountAsInside() {
    Polygon p = Polygon.parse(SQUARE_WITH_HOLE);
    assertTrue(p.contains(50.0, 10.5)); // south edge
    assertTrue(p.contains(50.5, 11.0)); // east edge (the ray-casting test alone says outside)
    assertTrue(p.contains(51.0, 11.0)); // vertex
    assertTrue(p.contains(50.0, 10.0)); // first vertex
    assertTrue(p.contains(50.4, 10.5)); // hole edge belongs to the polygon
    assertTrue(p.contains(50.0 - 5e-10, 10.5)); // within epsilon of the edge
    assertFalse(p.contains(50.0 - 1e-8, 10.5));
  }

  @Test
  public void diagonalEdgeOfATriangle() {
    Polygon t = Polygon.of(new double[] {0, 0, 1, 0, 0, 1});
    assertTrue(t.contains(0.5, 0.5)); // on the hypotenuse
    assertTrue(t.contains(0.3, 0.3));
    assertFalse(t.contains(0.5000001, 0.5000001));
    // A ray through a vertex must not double count.
    assertFalse(t.contains(0.0, -0.5));
    assertTrue(t.contains(0.0, 0.5));
  }

  @Test
  public void closingPointIsOptional() {
    Polygon open = Polygon.parse("0 0, 2 0, 2 2, 0 2");
    Polygon closed = Polygon.parse("0 0, 2 0, 2 2, 0 2, 0 0");
    assertTrue(open.contains(1, 1));
    assertTrue(closed.contains(1, 1));
    assertFalse(open.contains(3, 1));
  }

  @Test
  public void geoJsonPolygonWithAltitudeAndExtraMembers() {
    String json =
        "{ \"type\" : \"Polygon\", \"bbox\": [0,0,2,2], \"coordinates\": [ [ [0,0,5], [2,0,5],"
            + " [2e0,2.0,5], [0,2,5], [0,0,5] ] ], \"crs\": null, \"x\": {\"a\": [true, false,"
            + " \"\\u0041\\\"\"]} }";
    Polygon p = Polygon.parse(json);
    assertTrue(p.contains(1, 1));
    assertFalse(p.contains(1, 2.5));
  }

  @Test
  public void geoJsonMultiPolygonAcrossTheAntimeridian() {
    // One zone split at 180 as RFC 7946 asks.
    String json =
        "{\"type\":\"MultiPolygon\",\"coordinates\":["
            + "[[[179,-1],[180,-1],[180,1],[179,1],[179,-1]]],"
            + "[[[-180,-1],[-179,-1],[-179,1],[-180,1],[-180,-1]]]]}";
    Polygon p = Polygon.parseGeoJson(json);
    assertEquals(2, p.partCount());
    assertTrue(p.contains(0, 179.5));
    assertTrue(p.contains(0, -179.5));
    assertFalse(p.contains(0, 0));
  }

  @Test
  public void geoJsonFeatureAndFeatureCollection() {
    String feature =
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"Port\"},\"geometry\":"
            + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}";
    assertTrue(Polygon.parse(feature).contains(0.2, 0.8));
    String collection = "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]}";
    assertEquals(1, Polygon.parse(collection).partCount());
  }

  @Test
  public void badTextIsRejectedWithAReason() {
    assertMessage("ring point 2 is not 'lon lat': '1'", () -> Polygon.parse("0 0, 1, 1 1"));
    assertMessage("not a number: 'x'", () -> Polygon.parse("0 0, x 1, 1 1"));
    assertMessage(
        "a ring needs at least 3 distinct points, got 2", () -> Polygon.parse("0 0, 1 1, 0 0"));
    assertMessage(
        "ring point 1 out of range: lon 181.0 lat 0.0", () -> Polygon.parse("181 0,1 1,2 2"));
    assertMessage("empty polygon text", () -> Polygon.parse("  "));
    assertMessage(
        "GeoJSON: type must be Polygon, MultiPolygon, Feature or FeatureCollection, got Point",
        () -> Polygon.parse("{\"type\":\"Point\",\"coordinates\":[0,0]}"));
    assertMessage(
        "GeoJSON: expected ',' or ']' at offset 39",
        () -> Polygon.parse("{\"type\":\"Polygon\",\"coordinates\":[[[0,0 [1,0]]]}"));
    assertMessage(
        "GeoJSON: unexpected end at offset 17", () -> Polygon.parse("{\"type\":\"Polygon\""));
  }

  private static void assertMessage(String expected, org.junit.function.ThrowingRunnable r) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, r).getMessage());
  }
}
