package io.seawatch.testdata;

/** Conversions from physical units to the raw ITU-R M.1371 field values, and their sentinels. */
public final class AisUnits {
  /** Longitude "not available" (181 degrees) in 1/10000 minute. */
  public static final int LON_NOT_AVAILABLE = 181 * 600_000;
  /** Latitude "not available" (91 degrees) in 1/10000 minute. */
  public static final int LAT_NOT_AVAILABLE = 91 * 600_000;
  /** Speed over ground "not available". */
  public static final int SOG_NOT_AVAILABLE = 1023;
  /** Course over ground "not available" (360 degrees). */
  public static final int COG_NOT_AVAILABLE = 3600;
  /** True heading "not available". */
  public static final int HEADING_NOT_AVAILABLE = 511;
  /** Rate of turn "no turn information available". */
  public static final int ROT_NOT_AVAILABLE = -128;

  private AisUnits() {}

  /** Degrees to 1/10000 minute (types 1-4, 18, 19, 21). */
  public static int lonLat(double degrees) {
    return (int) Math.round(degrees * 600_000.0);
  }

  /** Degrees to 1/10 minute (type 27). */
  public static int lonLatTenthMinute(double degrees) {
    return (int) Math.round(degrees * 600.0);
  }

  /** Knots to 1/10 knot, 1022 meaning "102.2 knots or more". */
  public static int sog(double knots) {
    return (int) Math.min(1022, Math.max(0, Math.round(knots * 10.0)));
  }

  /** Degrees to 1/10 degree in [0, 3599]. */
  public static int cog(double degrees) {
    int v = (int) Math.round(normalize(degrees) * 10.0);
    return v >= 3600 ? v - 3600 : v;
  }

  /** Degrees to whole degrees in [0, 359]. */
  public static int heading(double degrees) {
    int v = (int) Math.round(normalize(degrees));
    return v >= 360 ? v - 360 : v;
  }

  /**
   * Rate of turn in degrees per minute to the ITU value: 4.733 * sqrt(|rot|), signed, rounded and
   * limited to +-126 (+-127 would mean "turning faster than 5 deg per 30 s, no turn indicator").
   */
  public static int rot(double degreesPerMinute) {
    double v = 4.733 * StrictMath.sqrt(Math.abs(degreesPerMinute));
    int r = (int) Math.min(126, Math.round(v));
    return degreesPerMinute < 0 ? -r : r;
  }

  private static double normalize(double degrees) {
    double d = degrees % 360.0;
    return d < 0 ? d + 360.0 : d;
  }
}
