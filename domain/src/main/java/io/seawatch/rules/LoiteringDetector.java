package io.seawatch.rules;

import io.seawatch.geo.Geo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loitering: reported speed over ground below {@code loiterMaxSpeedKnots} for at least {@code
 * loiterMinDurationMillis}. An episode runs from its first slow fix to its last slow fix; it ends
 * at the first fix at or above the limit, or when the vessel is silent for more than {@code
 * loiterMaxFixGapMillis} (the watermark passing that point, or the next fix arriving later).
 *
 * <p>Events: LOITERING open once the episode reaches the minimum duration, then LOITERING closed
 * with the same id when it ends. Position = centroid of the slow fixes (unwrapped across the
 * antimeridian); details {@code mean_speed_kn} (arithmetic mean of the reported speeds), {@code
 * points}, {@code duration_s}. Episodes shorter than the minimum emit nothing.
 *
 * <p>State: running sums only (no point list), 66 bytes; empty between episodes, so it can be
 * dropped as soon as no episode is running. Fixes without coordinates or speed are ignored; fixes
 * older than the newest one seen are ignored (event-time order per vessel is the caller's job).
 */
public final class LoiteringDetector implements PositionRule<LoiteringDetector.State> {
  private final RuleConfig config;

  public LoiteringDetector(RuleConfig config) {
    this.config = config;
  }

  /** Per-vessel running sums of the current slow episode. */
  public static final class State {
    private static final int FORMAT = 1;
    final int mmsi;
    long newestMillis = Long.MIN_VALUE;
    long startMillis = -1;
    long lastMillis = -1;
    int points;
    double refLon;
    double sumLat;
    double sumDLon;
    double sumSpeed;
    boolean openEmitted;

    public State(int mmsi) {
      this.mmsi = mmsi;
    }

    /** True while a slow episode is running. */
    public boolean inEpisode() {
      return startMillis != -1;
    }

    public byte[] toBytes() {
      return new StateIO.Out(FORMAT)
          .i32(mmsi)
          .i64(newestMillis)
          .i64(startMillis)
          .i64(lastMillis)
          .i32(points)
          .f64(refLon)
          .f64(sumLat)
          .f64(sumDLon)
          .f64(sumSpeed)
          .bool(openEmitted)
          .bytes();
    }

    public static State fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "LoiteringDetector.State");
      State s = new State(in.i32());
      s.newestMillis = in.i64();
      s.startMillis = in.i64();
      s.lastMillis = in.i64();
      s.points = in.i32();
      s.refLon = in.f64();
      s.sumLat = in.f64();
      s.sumDLon = in.f64();
      s.sumSpeed = in.f64();
      s.openEmitted = in.bool();
      in.end();
      return s;
    }
  }

  @Override
  public State newState(int mmsi) {
    return new State(mmsi);
  }

  @Override
  public State fromBytes(byte[] bytes) {
    return State.fromBytes(bytes);
  }

  @Override
  public byte[] toBytes(State s) {
    return s.toBytes();
  }

  @Override
  public List<VesselEvent> onPosition(State s, Fix fix) {
    List<VesselEvent> out = new ArrayList<>();
    long t = fix.timeMillis();
    if (!fix.hasCoordinates() || Double.isNaN(fix.speed()) || t < s.newestMillis) {
      return out;
    }
    s.newestMillis = t;
    if (s.inEpisode() && t - s.lastMillis > config.loiterMaxFixGapMillis()) {
      end(s, out);
    }
    if (fix.speed() >= config.loiterMaxSpeedKnots()) {
      if (s.inEpisode()) {
        end(s, out);
      }
      return out;
    }
    if (!s.inEpisode()) {
      s.startMillis = t;
      s.refLon = fix.lon();
    }
    s.lastMillis = t;
    s.points++;
    s.sumLat += fix.lat();
    s.sumDLon += Geo.lonDelta(fix.lon(), s.refLon);
    s.sumSpeed += fix.speed();
    if (!s.openEmitted && s.lastMillis - s.startMillis >= config.loiterMinDurationMillis()) {
      s.openEmitted = true;
      out.add(event(s, -1));
    }
    return out;
  }

  /** Ends an episode whose vessel has been silent for more than the allowed fix gap. */
  @Override
  public List<VesselEvent> onWatermark(State s, long watermarkMillis) {
    List<VesselEvent> out = new ArrayList<>();
    if (s.inEpisode() && watermarkMillis - s.lastMillis > config.loiterMaxFixGapMillis()) {
      end(s, out);
    }
    return out;
  }

  @Override
  public long timerMillis(State s) {
    return s.inEpisode() ? s.lastMillis + config.loiterMaxFixGapMillis() + 1 : Long.MAX_VALUE;
  }

  public long expiryTime(State s) {
    return s.inEpisode() ? timerMillis(s) : Long.MIN_VALUE;
  }

  @Override
  public boolean isExpired(State s, long watermarkMillis) {
    return watermarkMillis >= expiryTime(s);
  }

  private void end(State s, List<VesselEvent> out) {
    if (s.lastMillis - s.startMillis >= config.loiterMinDurationMillis()) {
      out.add(event(s, s.lastMillis));
    }
    s.startMillis = -1;
    s.lastMillis = -1;
    s.points = 0;
    s.refLon = 0;
    s.sumLat = 0;
    s.sumDLon = 0;
    s.sumSpeed = 0;
    s.openEmitted = false;
  }

  private static VesselEvent event(State s, long endMillis) {
    Map<String, Object> d = new TreeMap<>();
    d.put("mean_speed_kn", s.sumSpeed / s.points);
    d.put("points", s.points);
    d.put("duration_s", (s.lastMillis - s.startMillis) / 1000);
    return VesselEvent.of(
        VesselEvent.Kind.LOITERING,
        s.mmsi,
        0,
        s.startMillis,
        endMillis,
        s.sumLat / s.points,
        Geo.normalizeLon(s.refLon + s.sumDLon / s.points),
        "",
        d);
  }
}
