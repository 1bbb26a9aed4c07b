package io.seawatch.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Geofence entries and exits with hysteresis, dwell time, and port visits.
 *
 * <p>Per vessel and fence: {@code geofenceConfirmFixes} consecutive fixes inside confirm an entry,
 * dated at the first of them; as many consecutive fixes outside confirm the exit, dated at the
 * first outside fix. A single stray fix across the boundary therefore changes nothing. Dwell =
 * exit time - entry time. Inside a fence, a vessel is stopped from its first fix below {@code
 * portStopSpeedKnots} to its next fix at or above it (or to the exit); fixes without speed do not
 * change that. When a vessel leaves a fence of kind "port" after being stopped there for at least
 * {@code portMinStopMillis} in total, a PORT_VISIT (entry to exit) follows the exit.
 *
 * <p>Events (point events unless said): GEOFENCE_ENTRY at the entry fix; GEOFENCE_EXIT at the
 * first outside fix (at its position) with {@code dwell_s}; PORT_VISIT from entry to exit at the
 * position of the first stop, with {@code dwell_s}, {@code stop_s}. All carry {@code geofence}, {@code name},
 * {@code geofence_kind}, and the fence id is part of the event id. A vessel silent for {@code
 * geofenceTimeoutMillis} inside a fence is exited at its last fix ({@code timeout=true}).
 *
 * <p>State: 14 bytes plus one membership (85 bytes + the fence id) per fence the vessel is in or
 * entering, at most {@link #MAX_MEMBERSHIPS}; empty (droppable) when the vessel is in no fence. Fixes must come in
 * event-time order per vessel; older ones and ones without coordinates are ignored. Fence lookup
 * is a linear scan with a bounding-box check, fine for some hundred fences.
 */
public final class GeofenceTracker {
  /** Fences a vessel can be in at once; further overlapping fences are ignored for it. */
  public static final int MAX_MEMBERSHIPS = 8;

  private final RuleConfig config;
  private final List<Geofence> fences;
  private final Map<String, Geofence> byId = new TreeMap<>();

  public GeofenceTracker(RuleConfig config, List<Geofence> fences) {
    this.config = config;
    List<Geofence> sorted = new ArrayList<>(fences);
    sorted.sort(Comparator.comparing(Geofence::id));
    for (Geofence f : sorted) {
      if (byId.put(f.id(), f) != null) {
        throw new IllegalArgumentException("duplicate geofence id " + f.id());
      }
    }
    this.fences = List.copyOf(sorted);
  }

  /** The vessel's relation to one fence. */
  static final class Membership {
    String fenceId;
    boolean confirmed;
    int insideCount;
    int outsideCount;
    long entryMillis;
    double entryLat;
    double entryLon;
    long firstOutMillis = -1;
    double firstOutLat = Double.NaN;
    double firstOutLon = Double.NaN;
    long stopStartMillis = -1;
    long stoppedMillis;
    double stopLat = Double.NaN;
    double stopLon = Double.NaN;
  }

  /** Per-vessel state: memberships in fence-id order. */
  public static final class State {
    private static final int FORMAT = 1;
    final int mmsi;
    long newestMillis = Long.MIN_VALUE;
    final List<Membership> memberships = new ArrayList<>();

    public State(int mmsi) {
      this.mmsi = mmsi;
    }

    /** Ids of the fences the vessel is confirmed inside. */
    public List<String> insideFences() {
      List<String> ids = new ArrayList<>();
      for (Membership m : memberships) {
        if (m.confirmed) {
          ids.add(m.fenceId);
        }
      }
      return ids;
    }

    public byte[] toBytes() {
      StateIO.Out o = new StateIO.Out(FORMAT).i32(mmsi).i64(newestMillis).i8(memberships.size());
      for (Membership m : memberships) {
        o.str(m.fenceId).bool(m.confirmed).i8(m.insideCount).i8(m.outsideCount);
        o.i64(m.entryMillis).f64(m.entryLat).f64(m.entryLon).i64(m.firstOutMillis);
        o.f64(m.firstOutLat).f64(m.firstOutLon);
        o.i64(m.stopStartMillis).i64(m.stoppedMillis).f64(m.stopLat).f64(m.stopLon);
      }
      return o.bytes();
    }

    public static State fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "GeofenceTracker.State");
      State s = new State(in.i32());
      s.newestMillis = in.i64();
      int n = in.i8();
      if (n > MAX_MEMBERSHIPS) {
        throw new IllegalArgumentException("GeofenceTracker.State: corrupt state, count " + n);
      }
      for (int i = 0; i < n; i++) {
        Membership m = new Membership();
        m.fenceId = in.str();
        m.confirmed = in.bool();
        m.insideCount = in.i8();
        m.outsideCount = in.i8();
        m.entryMillis = in.i64();
        m.entryLat = in.f64();
        m.entryLon = in.f64();
        m.firstOutMillis = in.i64();
        m.firstOutLat = in.f64();
        m.firstOutLon = in.f64();
        m.stopStartMillis = in.i64();
        m.stoppedMillis = in.i64();
        m.stopLat = in.f64();
        m.stopLon = in.f64();
        s.memberships.add(m);
      }
      in.end();
      return s;
    }
  }

  public List<VesselEvent> onPosition(State s, Fix fix) {
    List<VesselEvent> out = new ArrayList<>();
    long t = fix.timeMillis();
    if (!fix.hasCoordinates() || t < s.newestMillis) {
      return out;
    }
    s.newestMillis = t;
    Set<String> inside = new HashSet<>();
    for (Geofence f : fences) {
      if (f.polygon().contains(fix.lat(), fix.lon())) {
        inside.add(f.id());
      }
    }
    int confirm = config.geofenceConfirmFixes();
    List<Membership> done = new ArrayList<>();
    for (Membership m : s.memberships) {
      Geofence f = byId.get(m.fenceId);
      if (f == null) {
        done.add(m); // the fence was removed from the configuration
        continue;
      }
      if (inside.remove(m.fenceId)) {
        m.outsideCount = 0;
        m.firstOutMillis = -1;
        m.firstOutLat = Double.NaN;
        m.firstOutLon = Double.NaN;
        trackStop(m, fix);
        if (!m.confirmed && ++m.insideCount >= confirm) {
          m.confirmed = true;
          out.add(entry(s.mmsi, f, m));
        }
      } else if (!m.confirmed) {
        done.add(m); // never confirmed: no event
      } else {
        if (m.outsideCount == 0) {
          m.firstOutMillis = t;
          m.firstOutLat = fix.lat();
          m.firstOutLon = fix.lon();
        }
        if (++m.outsideCount >= confirm) {
          exit(s.mmsi, f, m, m.firstOutMillis, false, out);
          done.add(m);
        }
      }
    }
    s.memberships.removeAll(done);
    for (Geofence f : fences) {
      if (inside.contains(f.id()) && s.memberships.size() < MAX_MEMBERSHIPS) {
        Membership m = new Membership();
        m.fenceId = f.id();
        m.insideCount = 1;
        m.entryMillis = t;
        m.entryLat = fix.lat();
        m.entryLon = fix.lon();
        trackStop(m, fix);
        if (confirm == 1) {
          m.confirmed = true;
          out.add(entry(s.mmsi, f, m));
        }
        s.memberships.add(m);
      }
    }
    s.memberships.sort(Comparator.comparing(m -> m.fenceId));
    return out;
  }

  /**
   * Exits every fence of a vessel silent for {@code geofenceTimeoutMillis}: at its first outside
   * fix if an exit was pending, else at its last fix (position unknown, NaN).
   */
  public List<VesselEvent> onWatermark(State s, long watermarkMillis) {
    List<VesselEvent> out = new ArrayList<>();
    if (s.memberships.isEmpty()
        || watermarkMillis - s.newestMillis < config.geofenceTimeoutMillis()) {
      return out;
    }
    for (Membership m : s.memberships) {
      Geofence f = byId.get(m.fenceId);
      if (m.confirmed && f != null) {
        exit(s.mmsi, f, m, m.firstOutMillis != -1 ? m.firstOutMillis : s.newestMillis, true, out);
      }
    }
    s.memberships.clear();
    return out;
  }

  public long timerMillis(State s) {
    return s.memberships.isEmpty()
        ? Long.MAX_VALUE
        : s.newestMillis + config.geofenceTimeoutMillis();
  }

  public long expiryTime(State s) {
    return s.memberships.isEmpty() ? Long.MIN_VALUE : timerMillis(s);
  }

  public boolean isExpired(State s, long watermarkMillis) {
    return watermarkMillis >= expiryTime(s);
  }

  private void trackStop(Membership m, Fix fix) {
    double v = fix.speed();
    if (Double.isNaN(v)) {
      return;
    }
    if (v < config.portStopSpeedKnots()) {
      if (m.stopStartMillis == -1) {
        m.stopStartMillis = fix.timeMillis();
        if (Double.isNaN(m.stopLat)) {
          m.stopLat = fix.lat();
          m.stopLon = fix.lon();
        }
      }
    } else if (m.stopStartMillis != -1) {
      m.stoppedMillis += fix.timeMillis() - m.stopStartMillis;
      m.stopStartMillis = -1;
    }
  }

  private static VesselEvent entry(int mmsi, Geofence f, Membership m) {
    return VesselEvent.of(
        VesselEvent.Kind.GEOFENCE_ENTRY,
        mmsi,
        0,
        m.entryMillis,
        m.entryMillis,
        m.entryLat,
        m.entryLon,
        f.id(),
        fenceDetails(f));
  }

  private void exit(
      int mmsi, Geofence f, Membership m, long exitMillis, boolean timeout, List<VesselEvent> out) {
    if (m.stopStartMillis != -1) {
      m.stoppedMillis += Math.max(0, exitMillis - m.stopStartMillis);
      m.stopStartMillis = -1;
    }
    long dwell = exitMillis - m.entryMillis;
    Map<String, Object> d = fenceDetails(f);
    d.put("dwell_s", dwell / 1000);
    if (timeout) {
      d.put("timeout", true);
    }
    out.add(
        VesselEvent.of(
            VesselEvent.Kind.GEOFENCE_EXIT,
            mmsi,
            0,
            exitMillis,
            exitMillis,
            m.firstOutLat,
            m.firstOutLon,
            f.id(),
            d));
    if (f.isPort() && m.stoppedMillis >= config.portMinStopMillis()) {
      Map<String, Object> v = fenceDetails(f);
      v.put("dwell_s", dwell / 1000);
      v.put("stop_s", m.stoppedMillis / 1000);
      if (timeout) {
        v.put("timeout", true);
      }
      out.add(
          VesselEvent.of(
              VesselEvent.Kind.PORT_VISIT,
              mmsi,
              0,
              m.entryMillis,
              exitMillis,
              m.stopLat,
              m.stopLon,
              f.id(),
              v));
    }
  }

  private static Map<String, Object> fenceDetails(Geofence f) {
    Map<String, Object> d = new TreeMap<>();
    d.put("geofence", f.id());
    d.put("name", f.name());
    d.put("geofence_kind", f.kind());
    return d;
  }
}
