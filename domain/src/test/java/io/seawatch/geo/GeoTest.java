package io.seawatch.geo;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class GeoTest {
  private static final double LONDON_LAT = 51.5074;
  private static final double LONDON_LON = -0.1278;
  private static final double PARIS_LAT = 48.8566;
  private static final double PARIS_LON = 2.3522;

  @Test
  public void londonToParisIsAbout343Km() {
    // Commonly quoted great-circle distance: 343.5 km (haversine on the 6371.0088 km sphere).
    assertEquals(
        343_556.53, Geo.distanceMeters(LONDON_LAT, LONDON_LON, PARIS_LAT, PARIS_LON), 0.01);
    assertEquals(
        185.505, Geo.distanceNm(LONDON_LAT, LONDON_LON, PARIS_LAT, PARIS_LON), 0.001);
  }

  @Test
  public void oneMinuteOfLatitudeIsOneNauticalMile() {
    double m = Geo.distanceMeters(0, 0, 1.0 / 60, 0);
    // 1852 m is defined on a slightly smaller sphere; the mean radius gives 1853.25 m.
    assertEquals(1853.251, m, 0.001);
    assertEquals(1.0, m / Geo.METERS_PER_NM, 0.001);
  }

  @Test
  public void distanceAcrossTheAntimeridianIsShort() {
    assertEquals(21_901.155, Geo.distanceMeters(10, 179.9, 10, -179.9), 0.001);
    assertEquals(
        Geo.distanceMeters(10, 179.9, 10, -179.9), Geo.distanceMeters(10, -179.9, 10, 179.9), 0);
  }

  @Test
  public void zeroDistanceAndAntipodes() {
    assertEquals(0.0, Geo.distanceMeters(12.5, 45.0, 12.5, 45.0), 0);
    assertEquals(Math.PI * Geo.EARTH_RADIUS_M, Geo.distanceMeters(0, 0, 0, 180), 1e-6);
  }

  @Test
  public void initialBearings() {
    assertEquals(148.1156, Geo.initialBearing(LONDON_LAT, LONDON_LON, PARIS_LAT, PARIS_LON), 1e-4);
    assertEquals(0.0, Geo.initialBearing(0, 0, 1, 0), 1e-12);
    assertEquals(90.0, Geo.initialBearing(0, 0, 0, 1), 1e-12);
    assertEquals(180.0, Geo.initialBearing(1, 0, 0, 0), 1e-12);
    assertEquals(270.0, Geo.initialBearing(0, 1, 0, 0), 1e-12);
    // Eastward across the antimeridian.
    assertEquals(90.0, Geo.initialBearing(0, 179.9, 0, -179.9), 1e-9);
  }

  @Test
  public void destinationInvertsDistanceAndBearing() {
    LatLon north = Geo.destination(0, 0, 0, 1852.0 * 60 * Geo.EARTH_RADIUS_M / 6_366_707.0195);
    assertEquals(0.0, north.lon(), 1e-12);
    LatLon p = Geo.destination(LONDON_LAT, LONDON_LON, 148.1156169, 343_556.5349);
    assertEquals(PARIS_LAT, p.lat(), 1e-6);
    assertEquals(PARIS_LON, p.lon(), 1e-6);
    // East from 179.95 by ~11 km wraps to the western hemisphere.
    LatLon w = Geo.destination(0, 179.95, 90, 11_119.5);
    assertEquals(-179.95, w.lon(), 1e-4);
    assertEquals(0.0, w.lat(), 1e-12);
  }

  @Test
  public void impliedSpeed() {
    long hour = 3_600_000L;
    // 1 minute of latitude in one hour is 1.0007 kn on the mean sphere.
    assertEquals(1853.2513 / 1852.0, Geo.impliedSpeedKnots(0, 0, 0, 1.0 / 60, 0, hour), 1e-6);
    // Order does not matter.
    assertEquals(
        Geo.impliedSpeedKnots(0, 0, 0, 1, 0, hour), Geo.impliedSpeedKnots(1, 0, hour, 0, 0, 0), 0);
    assertEquals(0.0, Geo.impliedSpeedKnots(5, 5, 100, 5, 5, 100), 0);
    assertEquals(Double.POSITIVE_INFINITY, Geo.impliedSpeedKnots(5, 5, 100, 5, 6, 100), 0);
  }

  @Test
  public void normalizeLon() {
    assertEquals(-180.0, Geo.normalizeLon(180.0), 0);
    assertEquals(179.0, Geo.normalizeLon(-181.0), 0);
    assertEquals(10.0, Geo.normalizeLon(370.0), 0);
    assertEquals(-0.5, Geo.normalizeLon(-0.5), 0);
    assertEquals(-0.2, Geo.lonDelta(179.9, -179.9), 1e-9);
    assertEquals(0.2, Geo.lonDelta(-179.9, 179.9), 1e-9);
    assertEquals(180.0, Geo.lonDelta(90, -90), 0);
  }
}
