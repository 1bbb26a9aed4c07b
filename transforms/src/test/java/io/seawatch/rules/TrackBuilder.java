package io.seawatch.rules;

import io.seawatch.geo.Geo;
import io.seawatch.geo.LatLon;
import io.seawatch.model.VesselPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a named vessel's fixes by dead reckoning: a cursor (time, position) that sails, drifts,
 * falls silent or reports spoofed positions. Movement is along great circles via {@link
 * Geo#destination}, so steps along a meridian add up exactly. Candidate for testdata/ once that
 * module is rewritten (it needs VesselPosition, so testdata would need the model, or a mirror).
 */
final class TrackBuilder {
  private final int mmsi;
  private final String source;
  private long t;
  private double lat;
  private double lon;
  private final List<Fix> fixes = new ArrayList<>();

  private TrackBuilder(int mmsi, String source, long t, double lat, double lon) {
    this.mmsi = mmsi;
    this.source = source;
    this.t = t;
    this.lat = lat;
    this.lon = lon;
  }

  /** A vessel at a place and time; nothing reported yet. */
  static TrackBuilder vessel(int mmsi, String source, String isoTime, double lat, double lon) {
    return new TrackBuilder(mmsi, source, millis(isoTime), lat, lon);
  }

  static long millis(String isoTime) {
    return Instant.parse(isoTime).toEpochMilli();
  }

  static VesselPosition position(int mmsi, long t, double lat, double lon, double speed) {
    return new VesselPosition(
        mmsi, t, 1, lat, lon, speed, Double.NaN, -1, 0, false, (int) ((t / 1000) % 60), 0L);
  }

  /** Reports the current position with this speed. */
  TrackBuilder report(double speedKnots) {
    fixes.add(new Fix(position(mmsi, t, lat, lon, speedKnots), source));
    return this;
  }

  /**
   * Moves on {@code course} at {@code speedKnots} for {@code duration}, reporting every {@code
   * interval} (not at the start, at the end when the duration is a multiple of the interval).
   */
  TrackBuilder sail(double course, double speedKnots, Duration duration, Duration interval) {
    long steps = duration.toMillis() / interval.toMillis();
    double stepM = speedKnots * Geo.METERS_PER_NM * interval.toMillis() / 3_600_000.0;
    for (long i = 0; i < steps; i++) {
      LatLon p = Geo.destination(lat, lon, course, stepM);
      lat = p.lat();
      lon = p.lon();
      t += interval.toMillis();
      report(speedKnots);
    }
    return this;
  }

  /** Time passes without reports. */
  TrackBuilder silence(Duration d) {
    t += d.toMillis();
    return this;
  }

  /** Moves without reporting (for placing the next report). */
  TrackBuilder moveTo(double newLat, double newLon) {
    lat = newLat;
    lon = newLon;
    return this;
  }

  /** A report at {@code after} from now, at another place; the cursor does not move. */
  TrackBuilder spoof(Duration after, double spoofLat, double spoofLon, double speedKnots) {
    fixes.add(
        new Fix(position(mmsi, t + after.toMillis(), spoofLat, spoofLon, speedKnots), source));
    return this;
  }

  /** Drops the reports at exactly this time (to make room for a spoofed one). */
  TrackBuilder without(String isoTime) {
    long x = millis(isoTime);
    fixes.removeIf(f -> f.timeMillis() == x);
    return this;
  }

  long time() {
    return t;
  }

  double lat() {
    return lat;
  }

  double lon() {
    return lon;
  }

  List<Fix> fixes() {
    List<Fix> out = new ArrayList<>(fixes);
    out.sort(Comparator.comparingLong(Fix::timeMillis));
    return out;
  }

  /** All fixes of several vessels in the order the Beam layer delivers them: time, then MMSI. */
  @SafeVarargs
  static List<Fix> merge(List<Fix>... tracks) {
    List<Fix> all = new ArrayList<>();
    for (List<Fix> t : tracks) {
      all.addAll(t);
    }
    all.sort(Comparator.comparingLong(Fix::timeMillis).thenComparingInt(Fix::mmsi));
    return all;
  }
}
