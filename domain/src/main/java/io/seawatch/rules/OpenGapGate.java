package io.seawatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * End of input is not evidence of silence. An <em>open</em> GAP says "this vessel has been silent
 * for the threshold": it is only true once the input's own clock (the newest event time seen in
 * the input, any vessel, any source) has reached last-seen + threshold. A watermark can get there
 * without that evidence: a bounded run ends by moving it to infinity, which would open a gap for
 * every vessel. This gate holds open GAPs until the clock reaches their emission time and drops
 * those it never reaches.
 *
 * <p>One key for the whole input (the Beam layer feeds it one clock tick per bundle). Inputs in
 * event-time order: {@link #onClock} with input times, {@link #onGap} with the (classified) GAPs.
 * A closed GAP passes at once and supersedes its held open version (that one is dropped: the
 * closed row is the final one either way). Released open GAPs come out unchanged.
 *
 * <p>State: 8 bytes (clock) + per held open GAP 4 + 8 + 16 + source + 1; held GAPs are those
 * whose emission time the input has not reached, a handful in streaming (the watermark trails
 * the clock). Freed {@code vesselStateTtlMillis} after the last clock tick.
 */
public final class OpenGapGate {
  private final RuleConfig config;

  public OpenGapGate(RuleConfig config) {
    this.config = config;
  }

  /** The clock and the held open GAPs. */
  public static final class State {
    private static final int FORMAT = 1;
    long clockMillis = Long.MIN_VALUE;
    final List<VesselEvent> held = new ArrayList<>();

    public long clockMillis() {
      return clockMillis;
    }

    public int heldGaps() {
      return held.size();
    }

    public byte[] toBytes() {
      StateIO.Out o = new StateIO.Out(FORMAT).i64(clockMillis).i32(held.size());
      for (VesselEvent g : held) {
        Object source = g.details().get("source");
        Object stall = g.details().get("feed_stall");
        o.i32(g.mmsi())
            .i64(g.startMillis())
            .f64(g.lat())
            .f64(g.lon())
            .str(source == null ? "" : source.toString())
            .i8(stall == null ? 2 : (Boolean) stall ? 1 : 0);
      }
      return o.bytes();
    }

    public static State fromBytes(byte[] b) {
      StateIO.In in = new StateIO.In(b, FORMAT, "OpenGapGate.State");
      State s = new State();
      s.clockMillis = in.i64();
      int n = in.i32();
      if (n < 0 || n > b.length) {
        throw new IllegalArgumentException("OpenGapGate.State: corrupt state, count " + n);
      }
      for (int i = 0; i < n; i++) {
        int mmsi = in.i32();
        long start = in.i64();
        double lat = in.f64();
        double lon = in.f64();
        Map<String, Object> d = new TreeMap<>();
        d.put("source", in.str());
        int stall = in.i8();
        if (stall != 2) {
          d.put("feed_stall", stall == 1);
        }
        s.held.add(
            VesselEvent.of(VesselEvent.Kind.GAP, mmsi, 0, start, -1, lat, lon, "", d));
      }
      in.end();
      return s;
    }
  }

  /** The time at which an open GAP became true: last seen + threshold. */
  public long emissionTime(VesselEvent openGap) {
    return openGap.startMillis() + config.gapThresholdMillis();
  }

  /** The input has reached {@code timeMillis}: releases the open GAPs it proves. */
  public List<VesselEvent> onClock(State s, long timeMillis) {
    s.clockMillis = Math.max(s.clockMillis, timeMillis);
    List<VesselEvent> out = new ArrayList<>();
    s.held.removeIf(
        g -> {
          boolean due = emissionTime(g) <= s.clockMillis;
          if (due) {
            out.add(g);
          }
          return due;
        });
    return out;
  }

  /** A GAP from the vessel stage (after classification). */
  public List<VesselEvent> onGap(State s, VesselEvent gap) {
    if (gap.kind() != VesselEvent.Kind.GAP) {
      throw new IllegalArgumentException("not a GAP: " + gap.kind());
    }
    if (!gap.open()) {
      s.held.removeIf(g -> g.id() == gap.id());
      // The reappearing fix is itself evidence of the time.
      List<VesselEvent> out = new ArrayList<>(onClock(s, gap.endMillis()));
      out.add(gap);
      return out;
    }
    if (emissionTime(gap) <= s.clockMillis) {
      return List.of(gap);
    }
    s.held.removeIf(g -> g.id() == gap.id());
    s.held.add(gap);
    return List.of();
  }

  /** Cleanup: the whole state goes {@code vesselStateTtlMillis} after the last tick. */
  public long timerMillis(State s) {
    return s.clockMillis == Long.MIN_VALUE
        ? Long.MAX_VALUE
        : s.clockMillis + config.vesselStateTtlMillis();
  }

  /** Drops everything once expired (held GAPs the input never proved are never emitted). */
  public void onWatermark(State s, long watermarkMillis) {
    if (isExpired(s, watermarkMillis)) {
      s.held.clear();
    }
  }

  public boolean isExpired(State s, long watermarkMillis) {
    return s.clockMillis == Long.MIN_VALUE
        ? s.held.isEmpty()
        : watermarkMillis >= timerMillis(s);
  }
}
