package io.seawatch.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Running aggregates per vessel: distance today (UTC) and in total, the current segment, and the
 * open events of the vessel.
 *
 * <p>Distances come from {@link TrackSegmenter}: call {@link #onPosition} with the {@link
 * TrackSegmenter.Step} the segmenter produced for the same fix, so spoofed jumps never count and
 * the totals equal the sum of segment lengths. A step that spans midnight is split in proportion
 * to time. Feed every event the vessel's other rules emit to {@link #onEvent}: open events are
 * remembered (at most {@code maxOpenEvents}, oldest start dropped first) until their closing
 * version arrives.
 *
 * <p>State: 86 bytes plus 17 per open event; freed {@code vesselStateTtlMillis} after the
 * last fix (the totals are then gone - the database keeps the history).
 */
public final class VesselRunningStats {
  static final long DAY_MILLIS = 86_400_000L;

  private final RuleConfig config;

  public VesselRunningStats(RuleConfig config) {
    this.config = config;
  }

  /**
   * A read-out of the state.
   *
   * @param mmsi the vessel
   * @param lastSeenMillis newest fix, Long.MIN_VALUE if none
   * @param lat last known latitude, NaN if none
   * @param lon last known longitude, NaN if none
   * @param positions fixes counted
   * @param distanceTodayMeters distance on the UTC day of {@code asOfMillis}
   * @param distanceTotalMeters distance since the state was created
   * @param segmentId id of the segment of the newest fix with coordinates, 0 if none
   * @param segmentStartMillis its start, -1 if none
   * @param segmentMeters its length
   * @param openEventIds ids of the open events, oldest start first
   */
  public record Snapshot(
      int mmsi,
      long lastSeenMillis,
      double lat,
      double lon,
      long positions,
      double distanceTodayMeters,
      double distanceTotalMeters,
      long segmentId,
      long segmentStartMillis,
      double segmentMeters,
      List<Long> openEventIds) {}

  public static final class State {
    private static final int FORMAT = 1;
    final int mmsi;
    long lastSeenMillis = Long.MIN_VALUE;
    double lat = Double.NaN;
    double lon = Double.NaN;
    long positions;
    long day = Long.MIN_VALUE;
    double todayMeters;
    double totalMeters;
    long segmentId;
    long segmentStartMillis = -1;
    double segmentMeters;
    /** Open events: {id, startMillis, kind ordinal}, sorted by start then id. */
    final List<long[]> open = new ArrayList<>();

    public State(int mmsi) {
      this.mmsi = mmsi;
    }

    public byte[] toBytes() {
      StateIO.Out o =
          new StateIO.Out(FORMAT)
              .i32(mmsi)
              .i64(lastSeenMillis)
              .f64(lat)
              .f64(lon)
              .i64(positions)
              .i64(day)
              .f64(todayMeters)
              .f64(totalMeters)
              .i64(segmentId)
              .i64(segmentStartMillis)
              .f64(segmentMeters)
              .i8(open.size());
      for (long[] e : open) {
        o.i64(e[0]).i64(e[1]).i8((int) e[2]);
      }
      return o.bytes();
    }

    public static State fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "VesselRunningStats.State");
      State s = new State(in.i32());
      s.lastSeenMillis = in.i64();
      s.lat = in.f64();
      s.lon = in.f64();
      s.positions = in.i64();
      s.day = in.i64();
      s.todayMeters = in.f64();
      s.totalMeters = in.f64();
      s.segmentId = in.i64();
      s.segmentStartMillis = in.i64();
      s.segmentMeters = in.f64();
      int n = in.i8();
      for (int i = 0; i < n; i++) {
        s.open.add(new long[] {in.i64(), in.i64(), in.i8()});
      }
      in.end();
      return s;
    }
  }

  /**
   * Counts a fix. {@code step} is {@link TrackSegmenter.State#lastStep()} right after the
   * segmenter took the same fix (null when it did not take it: no coordinates or out of order).
   */
  public void onPosition(State s, Fix fix, TrackSegmenter.Step step) {
    long t = fix.timeMillis();
    if (t < s.lastSeenMillis) {
      return;
    }
    s.lastSeenMillis = t;
    s.positions++;
    if (fix.hasCoordinates()) {
      s.lat = fix.lat();
      s.lon = fix.lon();
    }
    long today = Math.floorDiv(t, DAY_MILLIS);
    if (today != s.day) {
      s.day = today;
      s.todayMeters = 0;
    }
    if (step == null) {
      return;
    }
    s.segmentId = step.segmentId();
    s.segmentStartMillis = step.segmentStartMillis();
    s.segmentMeters = step.segmentMeters();
    s.totalMeters += step.meters();
    long midnight = today * DAY_MILLIS;
    if (step.fromMillis() >= midnight) {
      s.todayMeters += step.meters();
    } else {
      s.todayMeters += step.meters() * (t - midnight) / (double) (t - step.fromMillis());
    }
  }

  /** Tracks open events of this vessel (as mmsi or otherMmsi); other vessels' are ignored. */
  public void onEvent(State s, VesselEvent e) {
    if (e.mmsi() != s.mmsi && e.otherMmsi() != s.mmsi) {
      return;
    }
    s.open.removeIf(x -> x[0] == e.id());
    if (!e.open()) {
      return;
    }
    long[] entry = {e.id(), e.startMillis(), e.kind().ordinal()};
    int at = 0;
    while (at < s.open.size()
        && (s.open.get(at)[1] < entry[1]
            || (s.open.get(at)[1] == entry[1] && s.open.get(at)[0] < entry[0]))) {
      at++;
    }
    s.open.add(at, entry);
    if (s.open.size() > config.maxOpenEvents()) {
      s.open.remove(0);
    }
  }

  public Snapshot snapshot(State s, long asOfMillis) {
    List<Long> ids = new ArrayList<>();
    for (long[] e : s.open) {
      ids.add(e[0]);
    }
    boolean sameDay = Math.floorDiv(asOfMillis, DAY_MILLIS) == s.day;
    return new Snapshot(
        s.mmsi,
        s.lastSeenMillis,
        s.lat,
        s.lon,
        s.positions,
        sameDay ? s.todayMeters : 0.0,
        s.totalMeters,
        s.segmentId,
        s.segmentStartMillis,
        s.segmentMeters,
        List.copyOf(ids));
  }

  /** Nothing to do on time passing; present so every rule has the same shape. */
  public List<VesselEvent> onWatermark(State s, long watermarkMillis) {
    return List.of();
  }

  public long timerMillis(State s) {
    return expiryTime(s);
  }

  public long expiryTime(State s) {
    return s.lastSeenMillis == Long.MIN_VALUE
        ? Long.MIN_VALUE
        : s.lastSeenMillis + config.vesselStateTtlMillis();
  }

  public boolean isExpired(State s, long watermarkMillis) {
    return watermarkMillis >= expiryTime(s);
  }
}
