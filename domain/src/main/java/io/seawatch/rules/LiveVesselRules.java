package io.seawatch.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-vessel rules applied in arrival order, for <em>provisional</em> events: the start of an
 * event as soon as the input that decides it is read, not an allowed lateness later.
 *
 * <p>The exact rules ({@link GapDetector}, {@link LoiteringDetector}, {@link GeofenceTracker},
 * {@link TrackSegmenter}) run here unchanged on the vessel's fixes as they come. When a vessel's
 * fixes arrive in event-time order (the common case) they see the same sequence as on the exact
 * path, so they decide the same events with the same ids, only earlier; a fix older than the
 * newest one applied is skipped ({@link #inOrder}) and the exact path corrects the outcome.
 * Between fixes, each rule's own timers up to the new fix's time fire first, as on the exact path.
 *
 * <p>Only what starts an alert comes out of {@link #onFix}: a GEOFENCE_ENTRY or GEOFENCE_EXIT, the
 * open LOITERING version, a SPOOFED_JUMP. Closing versions, segments and port visits are left to
 * the exact path. The open GAP is decided by the input's clock, not by a fix of the vessel: {@link
 * #gapDeadline} and {@link #openGap} say when and what.
 *
 * <p>State: the four rules' states (about 150 bytes for a vessel in no fence and one open
 * segment), expired {@link #expiryMillis} after the newest fix.
 */
public final class LiveVesselRules {
  private final RuleConfig config;
  private final GapDetector gaps;
  private final LoiteringDetector loitering;
  private final TrackSegmenter segments;

  public LiveVesselRules(RuleConfig config) {
    this.config = config;
    this.gaps = new GapDetector(config);
    this.loitering = new LoiteringDetector(config);
    this.segments = new TrackSegmenter(config);
  }

  /** One vessel's rule states. */
  public static final class State {
    private static final int FORMAT = 1;
    final int mmsi;
    long newestMillis = Long.MIN_VALUE;
    final GapDetector.State gap;
    final LoiteringDetector.State loitering;
    final GeofenceTracker.State fences;
    final TrackSegmenter.State track;

    public State(int mmsi) {
      this(
          mmsi,
          new GapDetector.State(mmsi),
          new LoiteringDetector.State(mmsi),
          new GeofenceTracker.State(mmsi),
          new TrackSegmenter.State(mmsi));
    }

    private State(
        int mmsi,
        GapDetector.State gap,
        LoiteringDetector.State loitering,
        GeofenceTracker.State fences,
        TrackSegmenter.State track) {
      this.mmsi = mmsi;
      this.gap = gap;
      this.loitering = loitering;
      this.fences = fences;
      this.track = track;
    }

    public int mmsi() {
      return mmsi;
    }

    /** Time of the newest fix applied, Long.MIN_VALUE before the first. */
    public long newestMillis() {
      return newestMillis;
    }

    public byte[] toBytes() {
      return new StateIO.Out(FORMAT)
          .i32(mmsi)
          .i64(newestMillis)
          .blob(gap.toBytes())
          .blob(loitering.toBytes())
          .blob(fences.toBytes())
          .blob(track.toBytes())
          .bytes();
    }

    public static State fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "LiveVesselRules.State");
      int mmsi = in.i32();
      long newest = in.i64();
      State s =
          new State(
              mmsi,
              GapDetector.State.fromBytes(in.blob()),
              LoiteringDetector.State.fromBytes(in.blob()),
              GeofenceTracker.State.fromBytes(in.blob()),
              TrackSegmenter.State.fromBytes(in.blob()));
      s.newestMillis = newest;
      in.end();
      return s;
    }
  }

  public State newState(int mmsi) {
    return new State(mmsi);
  }

  /** False for a fix older than the newest one applied: it is skipped. */
  public boolean inOrder(State s, Fix fix) {
    return fix.timeMillis() >= s.newestMillis;
  }

  /**
   * Applies one fix (skipped when not {@link #inOrder}) with the current geofences and returns the
   * alert-starting events it decides, in the order the rules make them.
   */
  public List<VesselEvent> onFix(State s, Fix fix, GeofenceTracker fences) {
    List<VesselEvent> out = new ArrayList<>();
    if (!inOrder(s, fix)) {
      return out;
    }
    long t = fix.timeMillis();
    fireTimersUpTo(s, t, fences, out);
    s.newestMillis = t;
    gaps.onPosition(s.gap, fix); // the closed GAP is the exact path's
    keepStarts(loitering.onPosition(s.loitering, fix), out);
    keepStarts(fences.onPosition(s.fences, fix), out);
    keepStarts(segments.onPosition(s.track, fix), out);
    return out;
  }

  /** When the vessel's silence becomes an open GAP, Long.MAX_VALUE before its first fix. */
  public long gapDeadline(State s) {
    return gaps.gapDeadline(s.gap);
  }

  /** The open GAP the vessel has once the input's clock reaches {@link #gapDeadline}. */
  public VesselEvent openGap(State s) {
    return gaps.openGap(s.gap);
  }

  /**
   * When the state may be dropped: once the vessel has been silent longer than every rule looks
   * back (segments, geofence timeout, loitering fix gap, gap threshold). Long.MIN_VALUE before the
   * first fix.
   */
  public long expiryMillis(State s) {
    if (s.newestMillis == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    long lookBack =
        Math.max(
            Math.max(config.segmentMaxGapMillis(), config.geofenceTimeoutMillis()),
            Math.max(config.loiterMaxFixGapMillis(), config.gapThresholdMillis()));
    return s.newestMillis + lookBack + 1;
  }

  private void fireTimersUpTo(State s, long t, GeofenceTracker fences, List<VesselEvent> out) {
    if (loitering.timerMillis(s.loitering) <= t) {
      keepStarts(loitering.onWatermark(s.loitering, loitering.timerMillis(s.loitering)), out);
    }
    if (fences.timerMillis(s.fences) <= t) {
      keepStarts(fences.onWatermark(s.fences, fences.timerMillis(s.fences)), out);
    }
    // Segments close one by one at their own times; closing events are not starts.
    for (long timer = segments.timerMillis(s.track); timer <= t; ) {
      segments.onWatermark(s.track, timer);
      long again = segments.timerMillis(s.track);
      if (again <= timer) {
        break;
      }
      timer = again;
    }
  }

  private static void keepStarts(List<VesselEvent> events, List<VesselEvent> out) {
    for (VesselEvent e : events) {
      if (isStart(e)) {
        out.add(e);
      }
    }
  }

  /** The versions that start an alert: open LOITERING, fence entries and exits, jumps. */
  static boolean isStart(VesselEvent e) {
    return switch (e.kind()) {
      case LOITERING -> e.open();
      case GEOFENCE_ENTRY, GEOFENCE_EXIT, SPOOFED_JUMP -> true;
      default -> false;
    };
  }
}
