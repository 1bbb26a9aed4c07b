package io.seawatch.rules;

import io.seawatch.geo.Geo;
import io.seawatch.geo.GridCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encounters: two vessels within {@code encounterMaxDistanceMeters} of each other for at least
 * {@code encounterMinDurationMillis}, mostly slow. Nothing resets at midnight.
 *
 * <p>Two keyed stages:
 *
 * <ol>
 *   <li>Per grid cell ({@link CellState}, key = {@link GridCell} id): the Beam layer sends each fix
 *       to every cell of {@link #routeCells(Fix)} (its own cell and any other within the encounter
 *       distance). The cell keeps the latest fix of every vessel that reached it. When a fix
 *       arrives in its <em>own</em> cell it is compared with the latest fix of every other vessel
 *       there (at most {@code encounterMaxFixAgeMillis} old); each pair within the distance gives
 *       one {@link Proximity}. Since a fix has one own cell, each observation is made once.
 *   <li>Per pair ({@link PairState}, key = {@link Proximity#pairKey()}, lower MMSI first): the
 *       observations form episodes that end after {@code encounterMaxGapMillis} without one.
 * </ol>
 *
 * <p>An episode is an ENCOUNTER when it lasts at least the minimum duration and more than half of
 * its observations with both speeds known have the faster vessel below {@code
 * encounterMaxSpeedKnots} (that is, the median of the faster vessel's speed is below it). Event:
 * ENCOUNTER with mmsi = lower, otherMmsi = higher, first to last observation, at the centroid of
 * the observation midpoints; details {@code observations}, {@code min_distance_m}, {@code
 * mean_distance_m}, {@code slow_fraction}, {@code duration_s}. Emitted open once it qualifies
 * during the episode, closed (same id) when it ends; an episode that was emitted open is always
 * closed, even if it no longer qualifies.
 *
 * <p>Both stages need their inputs in event-time order per key, ties broken by MMSI.
 */
public final class EncounterDetector {
  private final RuleConfig config;

  public EncounterDetector(RuleConfig config) {
    this.config = config;
  }

  /**
   * One "A and B were this close at this time" observation.
   *
   * @param mmsi the lower MMSI
   * @param otherMmsi the higher MMSI
   * @param timeMillis time of the newer of the two fixes
   * @param lat midpoint latitude
   * @param lon midpoint longitude
   * @param distanceMeters distance between the two fixes
   * @param speedKnots speed of {@code mmsi}, NaN if unknown
   * @param otherSpeedKnots speed of {@code otherMmsi}, NaN if unknown
   */
  public record Proximity(
      int mmsi,
      int otherMmsi,
      long timeMillis,
      double lat,
      double lon,
      double distanceMeters,
      double speedKnots,
      double otherSpeedKnots) {
    /** The pair key: lower MMSI in the high 32 bits. */
    public long pairKey() {
      return pairKey(mmsi, otherMmsi);
    }

    public static long pairKey(int a, int b) {
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      return ((long) lo << 32) | (hi & 0xffffffffL);
    }
  }

  /** The cells a fix must be sent to; empty without coordinates. */
  public long[] routeCells(Fix fix) {
    if (!fix.hasCoordinates()) {
      return new long[0];
    }
    return GridCell.cellsWithin(fix.lat(), fix.lon(), config.encounterMaxDistanceMeters());
  }

  // ---- stage 1: cells ----

  /** Latest fix per vessel seen by a cell, 32 bytes per vessel. */
  public static final class CellState {
    private static final int FORMAT = 1;
    /** Safety bound on vessels per cell (a 3x3 km harbour cell holds a few hundred). */
    static final int MAX_VESSELS = 100_000;

    final long cellId;
    /** mmsi -> {time, lat, lon, speed} as doubles; sorted for deterministic output order. */
    final TreeMap<Integer, double[]> latest = new TreeMap<>();

    public CellState(long cellId) {
      this.cellId = cellId;
    }

    public int vessels() {
      return latest.size();
    }

    public byte[] toBytes() {
      StateIO.Out o = new StateIO.Out(FORMAT).i64(cellId).i32(latest.size());
      for (Map.Entry<Integer, double[]> e : latest.entrySet()) {
        double[] v = e.getValue();
        o.i32(e.getKey()).i64((long) v[0]).f64(v[1]).f64(v[2]);
        o.i32(Float.floatToIntBits((float) v[3]));
      }
      return o.bytes();
    }

    public static CellState fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "EncounterDetector.CellState");
      CellState s = new CellState(in.i64());
      int n = in.count(MAX_VESSELS);
      for (int i = 0; i < n; i++) {
        int mmsi = in.i32();
        s.latest.put(
            mmsi,
            new double[] {in.i64(), in.f64(), in.f64(), Float.intBitsToFloat(in.i32())});
      }
      in.end();
      return s;
    }
  }

  /** Records the fix in the cell and returns the proximities it makes there. */
  public List<Proximity> onPosition(CellState s, Fix fix) {
    List<Proximity> out = new ArrayList<>();
    long t = fix.timeMillis();
    if (!fix.hasCoordinates()) {
      return out;
    }
    double[] mine = s.latest.get(fix.mmsi());
    if (mine != null && t < (long) mine[0]) {
      return out; // older than what we have for this vessel
    }
    prune(s, t);
    if (GridCell.idOf(fix.lat(), fix.lon()) == s.cellId) {
      for (Map.Entry<Integer, double[]> e : s.latest.entrySet()) {
        int other = e.getKey();
        double[] v = e.getValue();
        if (other == fix.mmsi() || (long) v[0] > t) {
          continue;
        }
        double m = Geo.distanceMeters(fix.lat(), fix.lon(), v[1], v[2]);
        if (m <= config.encounterMaxDistanceMeters()) {
          double midLat = (fix.lat() + v[1]) / 2;
          double midLon = Geo.normalizeLon(fix.lon() + Geo.lonDelta(v[2], fix.lon()) / 2);
          boolean lower = fix.mmsi() < other;
          // Speeds go through float in state; use float for both so the result does not
          // depend on which side was stored.
          double mySpeed = (float) fix.speed();
          out.add(
              new Proximity(
                  lower ? fix.mmsi() : other,
                  lower ? other : fix.mmsi(),
                  t,
                  midLat,
                  midLon,
                  m,
                  lower ? mySpeed : v[3],
                  lower ? v[3] : mySpeed));
        }
      }
    }
    s.latest.put(fix.mmsi(), new double[] {t, fix.lat(), fix.lon(), (float) fix.speed()});
    return out;
  }

  /** Forgets fixes too old to be compared any more. */
  public void onWatermark(CellState s, long watermarkMillis) {
    prune(s, watermarkMillis);
  }

  public long timerMillis(CellState s) {
    long min = Long.MAX_VALUE;
    for (double[] v : s.latest.values()) {
      min = Math.min(min, (long) v[0] + config.encounterMaxFixAgeMillis() + 1);
    }
    return min;
  }

  public long expiryTime(CellState s) {
    long max = Long.MIN_VALUE;
    for (double[] v : s.latest.values()) {
      max = Math.max(max, (long) v[0] + config.encounterMaxFixAgeMillis() + 1);
    }
    return max;
  }

  public boolean isExpired(CellState s, long watermarkMillis) {
    return watermarkMillis >= expiryTime(s);
  }

  private void prune(CellState s, long nowMillis) {
    s.latest.values().removeIf(v -> nowMillis - (long) v[0] > config.encounterMaxFixAgeMillis());
  }

  // ---- stage 2: pairs ----

  /** Running sums of one pair's current proximity episode, 78 bytes. */
  public static final class PairState {
    private static final int FORMAT = 1;
    final int mmsi;
    final int otherMmsi;
    long startMillis = -1;
    long lastMillis = -1;
    int observations;
    int known;
    int slow;
    double refLon;
    double sumLat;
    double sumDLon;
    double sumDistance;
    double minDistance = Double.POSITIVE_INFINITY;
    boolean openEmitted;

    public PairState(int mmsi, int otherMmsi) {
      this.mmsi = Math.min(mmsi, otherMmsi);
      this.otherMmsi = Math.max(mmsi, otherMmsi);
    }

    public boolean inEpisode() {
      return startMillis != -1;
    }

    public byte[] toBytes() {
      return new StateIO.Out(FORMAT)
          .i32(mmsi)
          .i32(otherMmsi)
          .i64(startMillis)
          .i64(lastMillis)
          .i32(observations)
          .i32(known)
          .i32(slow)
          .f64(refLon)
          .f64(sumLat)
          .f64(sumDLon)
          .f64(sumDistance)
          .f64(minDistance)
          .bool(openEmitted)
          .bytes();
    }

    public static PairState fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "EncounterDetector.PairState");
      PairState s = new PairState(in.i32(), in.i32());
      s.startMillis = in.i64();
      s.lastMillis = in.i64();
      s.observations = in.i32();
      s.known = in.i32();
      s.slow = in.i32();
      s.refLon = in.f64();
      s.sumLat = in.f64();
      s.sumDLon = in.f64();
      s.sumDistance = in.f64();
      s.minDistance = in.f64();
      s.openEmitted = in.bool();
      in.end();
      return s;
    }
  }

  public List<VesselEvent> onProximity(PairState s, Proximity p) {
    List<VesselEvent> out = new ArrayList<>();
    long t = p.timeMillis();
    if (p.mmsi() != s.mmsi || p.otherMmsi() != s.otherMmsi) {
      throw new IllegalArgumentException("proximity of another pair");
    }
    if (t < s.lastMillis) {
      return out;
    }
    if (s.inEpisode() && t - s.lastMillis > config.encounterMaxGapMillis()) {
      end(s, out);
    }
    if (!s.inEpisode()) {
      s.startMillis = t;
      s.refLon = p.lon();
    }
    s.lastMillis = t;
    s.observations++;
    s.sumLat += p.lat();
    s.sumDLon += Geo.lonDelta(p.lon(), s.refLon);
    s.sumDistance += p.distanceMeters();
    s.minDistance = Math.min(s.minDistance, p.distanceMeters());
    if (!Double.isNaN(p.speedKnots()) && !Double.isNaN(p.otherSpeedKnots())) {
      s.known++;
      if (Math.max(p.speedKnots(), p.otherSpeedKnots()) < config.encounterMaxSpeedKnots()) {
        s.slow++;
      }
    }
    if (!s.openEmitted && qualifies(s)) {
      s.openEmitted = true;
      out.add(event(s, -1));
    }
    return out;
  }

  public List<VesselEvent> onWatermark(PairState s, long watermarkMillis) {
    List<VesselEvent> out = new ArrayList<>();
    if (s.inEpisode() && watermarkMillis - s.lastMillis > config.encounterMaxGapMillis()) {
      end(s, out);
    }
    return out;
  }

  public long timerMillis(PairState s) {
    return s.inEpisode() ? s.lastMillis + config.encounterMaxGapMillis() + 1 : Long.MAX_VALUE;
  }

  public long expiryTime(PairState s) {
    return s.inEpisode() ? timerMillis(s) : Long.MIN_VALUE;
  }

  public boolean isExpired(PairState s, long watermarkMillis) {
    return watermarkMillis >= expiryTime(s);
  }

  private boolean qualifies(PairState s) {
    return s.lastMillis - s.startMillis >= config.encounterMinDurationMillis()
        && 2 * s.slow > s.known;
  }

  private void end(PairState s, List<VesselEvent> out) {
    if (s.openEmitted || qualifies(s)) {
      out.add(event(s, s.lastMillis));
    }
    PairState empty = new PairState(s.mmsi, s.otherMmsi);
    s.startMillis = empty.startMillis;
    s.lastMillis = empty.lastMillis;
    s.observations = 0;
    s.known = 0;
    s.slow = 0;
    s.refLon = 0;
    s.sumLat = 0;
    s.sumDLon = 0;
    s.sumDistance = 0;
    s.minDistance = empty.minDistance;
    s.openEmitted = false;
  }

  private static VesselEvent event(PairState s, long endMillis) {
    Map<String, Object> d = new TreeMap<>();
    d.put("observations", s.observations);
    d.put("min_distance_m", s.minDistance);
    d.put("mean_distance_m", s.sumDistance / s.observations);
    d.put("slow_fraction", s.known == 0 ? 0.0 : (double) s.slow / s.known);
    d.put("duration_s", (s.lastMillis - s.startMillis) / 1000);
    return VesselEvent.of(
        VesselEvent.Kind.ENCOUNTER,
        s.mmsi,
        s.otherMmsi,
        s.startMillis,
        endMillis,
        s.sumLat / s.observations,
        Geo.normalizeLon(s.refLon + s.sumDLon / s.observations),
        "",
        d);
  }
}
