package io.seawatch.rules;

import io.seawatch.model.VesselPosition;
import io.seawatch.testdata.ScenarioReport;
import io.seawatch.testdata.ScenarioTrack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rule tests' view of {@link ScenarioTrack} (testdata): the same dead-reckoning builder, its
 * reports as {@link Fix}es with unrounded coordinates (the named scenarios go through NMEA
 * instead, see {@link ScenarioRuns}).
 */
final class TrackBuilder {
  private final ScenarioTrack track;

  private TrackBuilder(ScenarioTrack track) {
    this.track = track;
  }

  /** A vessel at a place and time; nothing reported yet. */
  static TrackBuilder vessel(int mmsi, String source, String isoTime, double lat, double lon) {
    return new TrackBuilder(ScenarioTrack.vessel(mmsi, source, isoTime, lat, lon));
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
    track.report(speedKnots);
    return this;
  }

  /** See {@link ScenarioTrack#sail}. */
  TrackBuilder sail(double course, double speedKnots, Duration duration, Duration interval) {
    track.sail(course, speedKnots, duration, interval);
    return this;
  }

  /** Time passes without reports. */
  TrackBuilder silence(Duration d) {
    track.silence(d);
    return this;
  }

  /** Moves without reporting (for placing the next report). */
  TrackBuilder moveTo(double newLat, double newLon) {
    track.moveTo(newLat, newLon);
    return this;
  }

  /** A report at {@code after} from now, at another place; the cursor does not move. */
  TrackBuilder spoof(Duration after, double spoofLat, double spoofLon, double speedKnots) {
    track.spoof(after, spoofLat, spoofLon, speedKnots);
    return this;
  }

  /** Drops the reports at exactly this time (to make room for a spoofed one). */
  TrackBuilder without(String isoTime) {
    track.without(isoTime);
    return this;
  }

  long time() {
    return track.time();
  }

  double lat() {
    return track.lat();
  }

  double lon() {
    return track.lon();
  }

  List<Fix> fixes() {
    List<Fix> out = new ArrayList<>();
    for (ScenarioReport r : track.reports()) {
      out.add(
          new Fix(
              position(r.mmsi(), r.timeMillis(), r.lat(), r.lon(), r.speedKnots()), r.source()));
    }
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

  /** One list, sorted as {@link #merge(List[])} does. */
  static List<Fix> merge(List<Fix> fixes) {
    List<Fix> all = new ArrayList<>(fixes);
    all.sort(Comparator.comparingLong(Fix::timeMillis).thenComparingInt(Fix::mmsi));
    return all;
  }
}
