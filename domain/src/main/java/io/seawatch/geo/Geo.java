package io.seawatch.geo;

/**
 * Spherical geodesy on the mean Earth radius. Haversine is accurate to about 0.5 % against the
 * ellipsoid, plenty for AIS rules whose thresholds are themselves rough (500 m, 1 NM, 25 kn).
 *
 * <p>All angles are degrees, latitude first; longitudes may be given in any range and results are
 * normalised to [-180, 180). Distances are metres unless the name says otherwise.
 */
public final class Geo {
  /** IUGG mean Earth radius in metres. */
  public static final double EARTH_RADIUS_M = 6_371_008.8;
  /** The international nautical mile, exactly. */
  public static final double METERS_PER_NM = 1852.0;

  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private Geo() {}

  /** Great-circle distance in metres (haversine); crossing the antimeridian needs no care. */
  public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double sinDp = Math.sin((p2 - p1) / 2);
    double sinDl = Math.sin(Math.toRadians(lon2 - lon1) / 2);
    double a = sinDp * sinDp + Math.cos(p1) * Math.cos(p2) * sinDl * sinDl;
    // min() guards against rounding pushing a just above 1 for antipodal points.
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1.0, Math.sqrt(a)));
  }

  /** Great-circle distance in nautical miles. */
  public static double distanceNm(double lat1, double lon1, double lat2, double lon2) {
    return distanceMeters(lat1, lon1, lat2, lon2) / METERS_PER_NM;
  }

  /** Initial bearing (forward azimuth) from point 1 to point 2 in degrees [0, 360). */
  public static double initialBearing(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dl = Math.toRadians(lon2 - lon1);
    double y = Math.sin(dl) * Math.cos(p2);
    double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
    double deg = Math.toDegrees(Math.atan2(y, x));
    return deg < 0 ? deg + 360.0 : (deg >= 360.0 ? deg - 360.0 : deg);
  }

  /** The point reached from a start point after {@code distanceM} on the given initial bearing. */
  public static LatLon destination(double lat, double lon, double bearingDeg, double distanceM) {
    double p1 = Math.toRadians(lat);
    double th = Math.toRadians(bearingDeg);
    double d = distanceM / EARTH_RADIUS_M;
    double sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(th);
    double p2 = Math.asin(Math.max(-1.0, Math.min(1.0, sinP2)));
    double dl =
        Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2);
    return new LatLon(Math.toDegrees(p2), normalizeLon(lon + Math.toDegrees(dl)));
  }

  /**
   * Speed in knots needed to get from fix 1 to fix 2. Equal times give 0 for equal points and
   * positive infinity otherwise; the order of the fixes does not matter.
   */
  public static double impliedSpeedKnots(
      double lat1, double lon1, long t1Millis, double lat2, double lon2, long t2Millis) {
    double nm = distanceNm(lat1, lon1, lat2, lon2);
    long dt = Math.abs(t2Millis - t1Millis);
    if (dt == 0) {
      return nm == 0 ? 0.0 : Double.POSITIVE_INFINITY;
    }
    return nm / (dt / MILLIS_PER_HOUR);
  }

  /** Longitude wrapped into [-180, 180). */
  public static double normalizeLon(double lon) {
    if (lon >= -180.0 && lon < 180.0) {
      return lon;
    }
    double r = ((lon + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
    return r >= 180.0 ? r - 360.0 : r;
  }

  /** The signed smallest difference {@code lon - ref} in (-180, 180], for unwrapping near 180. */
  public static double lonDelta(double lon, double ref) {
    double d = normalizeLon(lon - ref);
    return d == -180.0 ? 180.0 : d;
  }
}
