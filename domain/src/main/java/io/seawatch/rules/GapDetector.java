package io.seawatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Going dark: a silence of at least {@code gapThresholdMillis} between consecutive fixes of one
 * vessel is a GAP, with the last position before it.
 *
 * <p>Two keyed stages (the Beam layer runs them as two stateful DoFns):
 *
 * <ol>
 *   <li>Per vessel ({@link State}): {@link #onWatermark} emits an <em>open</em> GAP once the
 *       watermark reaches last-seen + threshold; {@link #onPosition} emits the closed GAP (same
 *       id: kind, mmsi and start = last-seen) when the vessel reappears, whether or not the open
 *       one was emitted. Any report counts as a sign of life, with or without coordinates.
 *   <li>Per receiving source ({@link SourceState}): {@link #onSourceFix} sees every fix of the
 *       source and records the source's own silences; {@link #classify} then sets {@code
 *       feed_stall} on each GAP of a vessel last heard through that source. The Beam layer must
 *       pass every GAP through {@code classify} before it is written, with all fixes of the source
 *       up to the GAP's emission time already applied (event-time order, GAP timestamped at its
 *       emission watermark).
 * </ol>
 *
 * <p>A gap that starts at T is a feed stall when the source stopped delivering anything within
 * {@code feedStallWindowMillis} after T and stayed silent at least until T + threshold: the
 * vessel would not have looked dark had the source been working. A vessel stopping alone while
 * its source keeps delivering others is a plain gap.
 *
 * <p>GAP details: {@code duration_s} (closed only), {@code source}, {@code end_lat}/{@code
 * end_lon} (closed, when the reappearing fix has coordinates), {@code feed_stall} (after
 * classify). The per-vessel state is freed {@code vesselStateTtlMillis} after the last fix; a gap
 * still open then stays open for good.
 */
public final class GapDetector implements PositionRule<GapDetector.State> {
  private final RuleConfig config;

  public GapDetector(RuleConfig config) {
    this.config = config;
  }

  /** Per-vessel state: last sign of life and whether its open gap was emitted. */
  public static final class State {
    private static final int FORMAT = 1;
    final int mmsi;
    long lastSeenMillis = Long.MIN_VALUE;
    double lastLat = Double.NaN;
    double lastLon = Double.NaN;
    String lastSource = "";
    boolean openEmitted;

    public State(int mmsi) {
      this.mmsi = mmsi;
    }

    public long lastSeenMillis() {
      return lastSeenMillis;
    }

    public byte[] toBytes() {
      return new StateIO.Out(FORMAT)
          .i32(mmsi)
          .i64(lastSeenMillis)
          .f64(lastLat)
          .f64(lastLon)
          .str(lastSource)
          .bool(openEmitted)
          .bytes();
    }

    public static State fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "GapDetector.State");
      State s = new State(in.i32());
      s.lastSeenMillis = in.i64();
      s.lastLat = in.f64();
      s.lastLon = in.f64();
      s.lastSource = in.str();
      s.openEmitted = in.bool();
      in.end();
      return s;
    }
  }

  /** Per-source state: the newest fix and the last few long silences of the source. */
  public static final class SourceState {
    private static final int FORMAT = 1;
    /** Silences remembered per source; older ones are dropped first. */
    static final int MAX_SILENCES = 16;

    final String source;
    long lastFixMillis = Long.MIN_VALUE;
    /** Pairs start,end of past silences, oldest first. */
    final List<long[]> silences = new ArrayList<>();

    public SourceState(String source) {
      this.source = source == null ? "" : source;
    }

    public String source() {
      return source;
    }

    public long lastFixMillis() {
      return lastFixMillis;
    }

    public byte[] toBytes() {
      StateIO.Out o = new StateIO.Out(FORMAT).str(source).i64(lastFixMillis).i8(silences.size());
      for (long[] s : silences) {
        o.i64(s[0]).i64(s[1]);
      }
      return o.bytes();
    }

    public static SourceState fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "GapDetector.SourceState");
      SourceState s = new SourceState(in.str());
      s.lastFixMillis = in.i64();
      int n = in.i8();
      if (n > MAX_SILENCES) {
        throw new IllegalArgumentException("GapDetector.SourceState: corrupt state, count " + n);
      }
      for (int i = 0; i < n; i++) {
        s.silences.add(new long[] {in.i64(), in.i64()});
      }
      in.end();
      return s;
    }
  }

  // ---- per vessel ----

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
    if (t < s.lastSeenMillis) {
      return out;
    }
    if (s.lastSeenMillis != Long.MIN_VALUE && t - s.lastSeenMillis >= config.gapThresholdMillis()) {
      Map<String, Object> d = baseDetails(s);
      d.put("duration_s", (t - s.lastSeenMillis) / 1000);
      if (fix.hasCoordinates()) {
        d.put("end_lat", fix.lat());
        d.put("end_lon", fix.lon());
      }
      out.add(gap(s, t, d));
    }
    s.lastSeenMillis = t;
    if (fix.hasCoordinates()) {
      s.lastLat = fix.lat();
      s.lastLon = fix.lon();
    }
    s.lastSource = fix.source();
    s.openEmitted = false;
    return out;
  }

  /** Emits the open GAP once the watermark reaches last-seen + threshold. */
  @Override
  public List<VesselEvent> onWatermark(State s, long watermarkMillis) {
    List<VesselEvent> out = new ArrayList<>();
    if (s.lastSeenMillis != Long.MIN_VALUE
        && !s.openEmitted
        && watermarkMillis - s.lastSeenMillis >= config.gapThresholdMillis()) {
      s.openEmitted = true;
      out.add(gap(s, -1, baseDetails(s)));
    }
    return out;
  }

  /**
   * The open GAP this vessel has once silent for the threshold (what {@link #onWatermark} emits
   * then), without changing the state; null before the first fix.
   */
  public VesselEvent openGap(State s) {
    return s.lastSeenMillis == Long.MIN_VALUE ? null : gap(s, -1, baseDetails(s));
  }

  /** When the vessel's silence becomes a GAP: last seen + threshold, Long.MAX_VALUE if unseen. */
  public long gapDeadline(State s) {
    return s.lastSeenMillis == Long.MIN_VALUE
        ? Long.MAX_VALUE
        : s.lastSeenMillis + config.gapThresholdMillis();
  }

  @Override
  public long timerMillis(State s) {
    if (s.lastSeenMillis == Long.MIN_VALUE) {
      return Long.MAX_VALUE;
    }
    return s.openEmitted ? expiryTime(s) : s.lastSeenMillis + config.gapThresholdMillis();
  }

  public long expiryTime(State s) {
    return s.lastSeenMillis == Long.MIN_VALUE
        ? Long.MIN_VALUE
        : s.lastSeenMillis + config.vesselStateTtlMillis();
  }

  @Override
  public boolean isExpired(State s, long watermarkMillis) {
    return watermarkMillis >= expiryTime(s);
  }

  private Map<String, Object> baseDetails(State s) {
    Map<String, Object> d = new TreeMap<>();
    d.put("source", s.lastSource);
    return d;
  }

  private static VesselEvent gap(State s, long endMillis, Map<String, Object> d) {
    return VesselEvent.of(
        VesselEvent.Kind.GAP, s.mmsi, 0, s.lastSeenMillis, endMillis, s.lastLat, s.lastLon, "", d);
  }

  // ---- per source ----

  /** Records the source's activity; every fix received through the source goes here. */
  public void onSourceFix(SourceState s, Fix fix) {
    long t = fix.timeMillis();
    if (t < s.lastFixMillis) {
      return;
    }
    if (s.lastFixMillis != Long.MIN_VALUE && t - s.lastFixMillis >= minSilence()) {
      if (s.silences.size() == SourceState.MAX_SILENCES) {
        s.silences.remove(0);
      }
      s.silences.add(new long[] {s.lastFixMillis, t});
    }
    s.lastFixMillis = t;
  }

  /** The GAP with {@code feed_stall} set (see the class comment for the precondition). */
  public VesselEvent classify(SourceState s, VesselEvent gap) {
    if (gap.kind() != VesselEvent.Kind.GAP) {
      throw new IllegalArgumentException("not a GAP: " + gap.kind());
    }
    long from = gap.startMillis();
    long latestStart = from + config.feedStallWindowMillis();
    long mustLast = from + config.gapThresholdMillis();
    boolean stall = false;
    for (long[] silence : s.silences) {
      stall |= silence[0] >= from && silence[0] <= latestStart && silence[1] >= mustLast;
    }
    // The ongoing silence: by the precondition the source has delivered nothing between its last
    // fix and the GAP's emission, which is at or after from + threshold for open and closed GAPs.
    stall |= s.lastFixMillis >= from && s.lastFixMillis <= latestStart;
    return gap.withDetail("feed_stall", stall);
  }

  /** Drops silences older than the vessel-state TTL (no vessel state can refer to them). */
  public void onSourceWatermark(SourceState s, long watermarkMillis) {
    s.silences.removeIf(x -> x[1] < watermarkMillis - config.vesselStateTtlMillis());
  }

  public long sourceExpiryTime(SourceState s) {
    return s.lastFixMillis == Long.MIN_VALUE
        ? Long.MIN_VALUE
        : s.lastFixMillis + config.vesselStateTtlMillis();
  }

  public boolean isSourceExpired(SourceState s, long watermarkMillis) {
    return watermarkMillis >= sourceExpiryTime(s);
  }

  private long minSilence() {
    return config.gapThresholdMillis() - config.feedStallWindowMillis();
  }
}
