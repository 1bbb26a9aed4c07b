package io.seawatch.testdata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a named vessel's reports by dead reckoning: a cursor (time, position) that sails, drifts,
 * falls silent or reports spoofed positions. Movement is along great circles on the mean sphere
 * (the formula of {@code io.seawatch.geo.Geo#destination}, so steps along a meridian add up
 * exactly as the rules measure them).
 */
public final class ScenarioTrack {
  /** Mean earth radius, as the rules use it. */
  static final double EARTH_RADIUS_M = 6_371_008.8;
  static final double METERS_PER_NM = 1852.0;

  private final int mmsi;
  private final String source;
  private long t;
  private double lat;
  private double lon;
  private final List<ScenarioReport> reports = new ArrayList<>();

  private ScenarioTrack(int mmsi, String source, long t, double lat, double lon) {
    this.mmsi = mmsi;
    this.source = source;
    this.t = t;
    this.lat = lat;
    this.lon = lon;
  }

  /** A vessel at a place and time; nothing reported yet. */
  public static ScenarioTrack vessel(int mmsi, String source, String isoTime, double lat,
      double lon) {
    return new ScenarioTrack(mmsi, source, millis(isoTime), lat, lon);
  }

  public static long millis(String isoTime) {
    return Instant.parse(isoTime).toEpochMilli();
  }

  /** Reports the current position with this speed (course not available). */
  public ScenarioTrack report(double speedKnots) {
    reports.add(new ScenarioReport(mmsi, t, lat, lon, speedKnots, Double.NaN, source));
    return this;
  }

  /**
   * Moves on {@code course} at {@code speedKnots} for {@code duration}, reporting every {@code
   * interval} (not at the start, at the end when the duration is a multiple of the interval).
   */
  public ScenarioTrack sail(double course, double speedKnots, Duration duration,
      Duration interval) {
    long steps = duration.toMillis() / interval.toMillis();
    double stepM = speedKnots * METERS_PER_NM * interval.toMillis() / 3_600_000.0;
    for (long i = 0; i < steps; i++) {
      double[] p = destination(lat, lon, course, stepM);
      lat = p[0];
      lon = p[1];
      t += interval.toMillis();
      reports.add(new ScenarioReport(mmsi, t, lat, lon, speedKnots, course, source));
    }
    return this;
  }

  /** Moves on {@code course} at {@code speedKnots} for {@code duration} without reporting. */
  public ScenarioTrack sailSilently(double course, double speedKnots, Duration duration) {
    double[] p = destination(lat, lon, course,
        speedKnots * METERS_PER_NM * duration.toMillis() / 3_600_000.0);
    lat = p[0];
    lon = p[1];
    t += duration.toMillis();
    return this;
  }

  /** Time passes without reports, the vessel stays where it is. */
  public ScenarioTrack silence(Duration d) {
    t += d.toMillis();
    return this;
  }

  /** Moves without reporting (for placing the next report). */
  public ScenarioTrack moveTo(double newLat, double newLon) {
    lat = newLat;
    lon = newLon;
    return this;
  }

  /** A report at {@code after} from now, at another place; the cursor does not move. */
  public ScenarioTrack spoof(Duration after, double spoofLat, double spoofLon,
      double speedKnots) {
    reports.add(new ScenarioReport(mmsi, t + after.toMillis(), spoofLat, spoofLon, speedKnots,
        Double.NaN, source));
    return this;
  }

  /** Drops the reports at exactly this time (to make room for a spoofed one). */
  public ScenarioTrack without(String isoTime) {
    long x = millis(isoTime);
    reports.removeIf(r -> r.timeMillis() == x);
    return this;
  }

  public long time() {
    return t;
  }

  public double lat() {
    return lat;
  }

  public double lon() {
    return lon;
  }

  /** The reports so far, in time order. */
  public List<ScenarioReport> reports() {
    List<ScenarioReport> out = new ArrayList<>(reports);
    out.sort(Comparator.comparingLong(ScenarioReport::timeMillis));
    return out;
  }

  /** Reports of several vessels in the order the rules take them: time, then MMSI. */
  @SafeVarargs
  public static List<ScenarioReport> merge(List<ScenarioReport>... tracks) {
    List<ScenarioReport> all = new ArrayList<>();
    for (List<ScenarioReport> t : tracks) {
      all.addAll(t);
    }
    all.sort(Comparator.comparingLong(ScenarioReport::timeMillis)
        .thenComparingInt(ScenarioReport::mmsi));
    return all;
  }

  /** The point {@code distanceM} from a start on an initial bearing: {lat, lon} in degrees. */
  public static double[] destination(double lat, double lon, double bearingDeg,
      double distanceM) {
    double p1 = Math.toRadians(lat);
    double th = Math.toRadians(bearingDeg);
    double d = distanceM / EARTH_RADIUS_M;
    double sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(th);
    double p2 = Math.asin(Math.max(-1.0, Math.min(1.0, sinP2)));
    double dl =
        Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2);
    double lon2 = lon + Math.toDegrees(dl);
    if (lon2 < -180.0 || lon2 >= 180.0) {
      lon2 = ((lon2 + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
    }
    return new double[] {Math.toDegrees(p2), lon2};
  }
}
