package io.seawatch.rules;

import io.seawatch.geo.GridCell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hourly density per 0.1 degree cell ({@code density_hourly}): positions and distinct vessels.
 *
 * <p>Keyed by {@link GridCell} id ({@link #cellOf(Fix)}). Each open hour keeps a position count and
 * an exact sorted set of MMSIs (4 bytes per distinct vessel). When the watermark passes the end of
 * an hour, {@link #onWatermark} emits its {@link DensityCount} once and forgets it; a fix for an
 * hour already emitted is ignored (late data is the Beam layer's business). The state is empty,
 * and droppable, once every hour is emitted. Fixes without coordinates have no cell.
 */
public final class DensityAggregator {
  static final long HOUR_MILLIS = 3_600_000L;

  /**
   * One row of {@code density_hourly}.
   *
   * @param cellId the {@link GridCell} id
   * @param hourStartMillis start of the UTC hour
   * @param positions fixes in the cell during the hour
   * @param vessels distinct MMSIs among them
   */
  public record DensityCount(long cellId, long hourStartMillis, int positions, int vessels) {
    /** The end of the hour: when the count is final, and its event time. */
    public long hourEndMillis() {
      return hourStartMillis + HOUR_MILLIS;
    }
  }

  /** The cell a fix counts in, or -1 without coordinates. */
  public static long cellOf(Fix fix) {
    return fix.hasCoordinates() ? GridCell.idOf(fix.lat(), fix.lon()) : -1;
  }

  /** Open hours of one cell. */
  public static final class State {
    private static final int FORMAT = 1;
    /** Bounds the distinct set of one cell-hour (the world fleet is below 500k). */
    static final int MAX_VESSELS = 1_000_000;

    final long cellId;
    /** Hours before this are emitted. */
    long emittedBeforeMillis = Long.MIN_VALUE;
    final TreeMap<Long, Bucket> hours = new TreeMap<>();

    public State(long cellId) {
      this.cellId = cellId;
    }

    public byte[] toBytes() {
      StateIO.Out o = new StateIO.Out(FORMAT).i64(cellId).i64(emittedBeforeMillis);
      o.i32(hours.size());
      for (Map.Entry<Long, Bucket> e : hours.entrySet()) {
        Bucket b = e.getValue();
        o.i64(e.getKey()).i32(b.positions).i32(b.size);
        for (int i = 0; i < b.size; i++) {
          o.i32(b.mmsis[i]);
        }
      }
      return o.bytes();
    }

    public static State fromBytes(byte[] data) {
      StateIO.In in = new StateIO.In(data, FORMAT, "DensityAggregator.State");
      State s = new State(in.i64());
      s.emittedBeforeMillis = in.i64();
      int n = in.count(10_000);
      for (int i = 0; i < n; i++) {
        long hour = in.i64();
        Bucket b = new Bucket();
        b.positions = in.i32();
        b.size = in.count(MAX_VESSELS);
        b.mmsis = new int[Math.max(4, b.size)];
        for (int j = 0; j < b.size; j++) {
          b.mmsis[j] = in.i32();
        }
        s.hours.put(hour, b);
      }
      in.end();
      return s;
    }
  }

  static final class Bucket {
    int positions;
    int size;
    int[] mmsis = new int[4];

    void add(int mmsi) {
      positions++;
      int i = Arrays.binarySearch(mmsis, 0, size, mmsi);
      if (i >= 0) {
        return;
      }
      int at = -i - 1;
      if (size == mmsis.length) {
        mmsis = Arrays.copyOf(mmsis, size * 2);
      }
      System.arraycopy(mmsis, at, mmsis, at + 1, size - at);
      mmsis[at] = mmsi;
      size++;
    }
  }

  /** Counts the fix; emits nothing (hours are emitted by the watermark). */
  public List<DensityCount> onPosition(State s, Fix fix) {
    if (!fix.hasCoordinates() || cellOf(fix) != s.cellId) {
      return List.of();
    }
    long hour = Math.floorDiv(fix.timeMillis(), HOUR_MILLIS) * HOUR_MILLIS;
    if (hour < s.emittedBeforeMillis) {
      return List.of();
    }
    s.hours.computeIfAbsent(hour, h -> new Bucket()).add(fix.mmsi());
    return List.of();
  }

  /** Emits, in hour order, every hour that ended at or before the watermark. */
  public List<DensityCount> onWatermark(State s, long watermarkMillis) {
    List<DensityCount> out = new ArrayList<>();
    Iterator<Map.Entry<Long, Bucket>> it = s.hours.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Bucket> e = it.next();
      long end = e.getKey() + HOUR_MILLIS;
      if (end > watermarkMillis) {
        break;
      }
      out.add(new DensityCount(s.cellId, e.getKey(), e.getValue().positions, e.getValue().size));
      s.emittedBeforeMillis = Math.max(s.emittedBeforeMillis, end);
      it.remove();
    }
    return out;
  }

  /** Whether the hour of {@code timeMillis} has been emitted for this cell (a fix for it is late). */
  public boolean isEmitted(State s, long timeMillis) {
    return Math.floorDiv(timeMillis, HOUR_MILLIS) * HOUR_MILLIS < s.emittedBeforeMillis;
  }

  /** The end of the newest emitted hour, Long.MIN_VALUE before any. */
  public long emittedBeforeMillis(State s) {
    return s.emittedBeforeMillis;
  }

  public long timerMillis(State s) {
    return s.hours.isEmpty() ? Long.MAX_VALUE : s.hours.firstKey() + HOUR_MILLIS;
  }

  public long expiryTime(State s) {
    return s.hours.isEmpty() ? Long.MIN_VALUE : s.hours.lastKey() + HOUR_MILLIS;
  }

  public boolean isExpired(State s, long watermarkMillis) {
    return watermarkMillis >= expiryTime(s);
  }
}
