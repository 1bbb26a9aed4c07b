package io.seawatch.rules;

import io.seawatch.geo.Geo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits one MMSI's fixes into segments of physically possible movement.
 *
 * <p>A fix continues the open segment it is compatible with (step shorter than {@code minJumpNm}
 * or implied speed at most {@code maxSpeedKnots}), the nearest one if several. A fix compatible
 * with none starts a new segment and, if there were open segments, emits a SPOOFED_JUMP: the jump
 * is isolated in its own segment and the original track carries on untouched when the next sane
 * fix arrives. Up to {@code maxOpenSegments} segments stay open, so two transmitters sharing one
 * MMSI produce two interleaved tracks instead of a zig-zag; beyond that the least recently updated
 * one is closed. A segment closes when it has had no fix for more than {@code segmentMaxGapMillis}.
 *
 * <p>Events: SEGMENT open when a segment starts (points 1), SEGMENT closed (same id) when it
 * closes, with {@code points}, {@code distance_m}, {@code end_lat}, {@code end_lon}; the event
 * position is the first fix. SPOOFED_JUMP is a point event at the offending fix.
 *
 * <p>Inputs must arrive in event-time order per MMSI; a fix older than the newest one seen is
 * ignored. Fixes without coordinates do not affect segments.
 */
public final class TrackSegmenter {
  private final RuleConfig config;

  public TrackSegmenter(RuleConfig config) {
    this.config = config;
  }

  /** One open segment. */
  public static final class Segment {
    long startMillis;
    double firstLat;
    double firstLon;
    long lastMillis;
    double lastLat;
    double lastLon;
    int points;
    double meters;

    public long startMillis() {
      return startMillis;
    }

    public long lastMillis() {
      return lastMillis;
    }

    public int points() {
      return points;
    }

    public double meters() {
      return meters;
    }

    /** The id of this segment, equal to the id of its SEGMENT events. */
    public long id(int mmsi) {
      return VesselEvent.idOf(VesselEvent.Kind.SEGMENT, mmsi, 0, startMillis, scope());
    }

    String scope() {
      // Two segments of one MMSI can start at the same millisecond (two transmitters).
      return firstLat + "," + firstLon;
    }
  }

  /**
   * Where the last fix went: its segment and the step from that segment's previous fix. Not part
   * of the serialized state - read it right after {@link #onPosition}.
   *
   * @param segmentId id of the segment that took the fix
   * @param segmentStartMillis its start
   * @param segmentMeters its length including this step
   * @param fromMillis time of the previous fix of the segment (= the fix time for a new one)
   * @param meters step length, 0 for a new segment
   */
  public record Step(
      long segmentId,
      long segmentStartMillis,
      double segmentMeters,
      long fromMillis,
      double meters) {}

  /** Per-MMSI state: at most {@code maxOpenSegments} segments, 14 + 60 bytes each. */
  public static final class State {
    private static final int FORMAT = 1;
    final int mmsi;
    long newestMillis = Long.MIN_VALUE;
    final List<Segment> segments = new ArrayList<>();
    transient Step lastStep;

    public State(int mmsi) {
      this.mmsi = mmsi;
    }

    public int mmsi() {
      return mmsi;
    }

    /** Open segments, oldest start first. */
    public List<Segment> segments() {
      return List.copyOf(segments);
    }

    /** The step taken by the last accepted fix, null if the last call accepted none. */
    public Step lastStep() {
      return lastStep;
    }

    public byte[] toBytes() {
      StateIO.Out o = new StateIO.Out(FORMAT).i32(mmsi).i64(newestMillis).i8(segments.size());
      for (Segment s : segments) {
        o.i64(s.startMillis).f64(s.firstLat).f64(s.firstLon);
        o.i64(s.lastMillis).f64(s.lastLat).f64(s.lastLon);
        o.i32(s.points).f64(s.meters);
      }
      return o.bytes();
    }

    public static State fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "TrackSegmenter.State");
      State s = new State(in.i32());
      s.newestMillis = in.i64();
      int n = in.i8();
      for (int i = 0; i < n; i++) {
        Segment g = new Segment();
        g.startMillis = in.i64();
        g.firstLat = in.f64();
        g.firstLon = in.f64();
        g.lastMillis = in.i64();
        g.lastLat = in.f64();
        g.lastLon = in.f64();
        g.points = in.i32();
        g.meters = in.f64();
        s.segments.add(g);
      }
      in.end();
      return s;
    }
  }

  public List<VesselEvent> onPosition(State s, Fix fix) {
    s.lastStep = null;
    List<VesselEvent> out = new ArrayList<>();
    long t = fix.timeMillis();
    if (!fix.hasCoordinates() || t < s.newestMillis) {
      return out;
    }
    s.newestMillis = t;
    closeInactive(s, t, out);
    double lat = fix.lat();
    double lon = fix.lon();
    Segment best = null;
    double bestM = Double.POSITIVE_INFINITY;
    Segment nearest = null;
    double nearestM = Double.POSITIVE_INFINITY;
    for (Segment g : s.segments) {
      double m = Geo.distanceMeters(g.lastLat, g.lastLon, lat, lon);
      if (m < nearestM) {
        nearest = g;
        nearestM = m;
      }
      boolean ok =
          m / Geo.METERS_PER_NM < config.minJumpNm()
              || Geo.impliedSpeedKnots(g.lastLat, g.lastLon, g.lastMillis, lat, lon, t)
                  <= config.maxSpeedKnots();
      if (ok && m < bestM) {
        best = g;
        bestM = m;
      }
    }
    if (best != null) {
      long from = best.lastMillis;
      best.lastMillis = t;
      best.lastLat = lat;
      best.lastLon = lon;
      best.points++;
      best.meters += bestM;
      s.lastStep = new Step(best.id(s.mmsi), best.startMillis, best.meters, from, bestM);
      return out;
    }
    if (nearest != null) {
      Map<String, Object> d = new TreeMap<>();
      d.put("from_lat", nearest.lastLat);
      d.put("from_lon", nearest.lastLon);
      d.put("from_millis", nearest.lastMillis);
      d.put("distance_nm", nearestM / Geo.METERS_PER_NM);
      d.put(
          "implied_speed_kn",
          Geo.impliedSpeedKnots(nearest.lastLat, nearest.lastLon, nearest.lastMillis, lat, lon, t));
      d.put("segment_id", nearest.id(s.mmsi));
      out.add(
          VesselEvent.of(VesselEvent.Kind.SPOOFED_JUMP, s.mmsi, 0, t, t, lat, lon, "", d));
    }
    if (s.segments.size() >= config.maxOpenSegments()) {
      Segment lru = s.segments.get(0);
      for (Segment g : s.segments) {
        if (g.lastMillis < lru.lastMillis) {
          lru = g;
        }
      }
      s.segments.remove(lru);
      out.add(segmentEvent(s.mmsi, lru, false));
    }
    Segment g = new Segment();
    g.startMillis = t;
    g.firstLat = lat;
    g.firstLon = lon;
    g.lastMillis = t;
    g.lastLat = lat;
    g.lastLon = lon;
    g.points = 1;
    s.segments.add(g);
    s.lastStep = new Step(g.id(s.mmsi), t, 0.0, t, 0.0);
    out.add(segmentEvent(s.mmsi, g, true));
    return out;
  }

  /** Closes segments idle for more than {@code segmentMaxGapMillis} at this watermark. */
  public List<VesselEvent> onWatermark(State s, long watermarkMillis) {
    List<VesselEvent> out = new ArrayList<>();
    closeInactive(s, watermarkMillis, out);
    return out;
  }

  /** The next watermark at which {@link #onWatermark} has work, Long.MAX_VALUE if none. */
  public long timerMillis(State s) {
    long min = Long.MAX_VALUE;
    for (Segment g : s.segments) {
      min = Math.min(min, g.lastMillis + config.segmentMaxGapMillis() + 1);
    }
    return min;
  }

  /** When the state can be dropped (after {@link #onWatermark} at that time: all closed). */
  public long expiryTime(State s) {
    long max = Long.MIN_VALUE;
    for (Segment g : s.segments) {
      max = Math.max(max, g.lastMillis + config.segmentMaxGapMillis() + 1);
    }
    return max;
  }

  /** True when the state holds nothing that {@link #onWatermark} at this time would not close. */
  public boolean isExpired(State s, long watermarkMillis) {
    return watermarkMillis >= expiryTime(s);
  }

  private void closeInactive(State s, long nowMillis, List<VesselEvent> out) {
    s.segments.removeIf(
        g -> {
          if (nowMillis - g.lastMillis > config.segmentMaxGapMillis()) {
            out.add(segmentEvent(s.mmsi, g, false));
            return true;
          }
          return false;
        });
  }

  private static VesselEvent segmentEvent(int mmsi, Segment g, boolean open) {
    Map<String, Object> d = new TreeMap<>();
    d.put("points", g.points);
    d.put("distance_m", g.meters);
    d.put("end_lat", g.lastLat);
    d.put("end_lon", g.lastLon);
    return VesselEvent.of(
        VesselEvent.Kind.SEGMENT,
        mmsi,
        0,
        g.startMillis,
        open ? -1 : g.lastMillis,
        g.firstLat,
        g.firstLon,
        g.scope(),
        d);
  }
}
