package io.seawatch.ais;

import io.seawatch.model.VesselPosition;
import io.seawatch.model.VesselStatic;

/** Projections of decoded messages onto the pipeline's model records. */
public final class AisProjections {
  /** ITU "time stamp not available". */
  private static final int SECOND_NOT_AVAILABLE = 60;

  private AisProjections() {}

  /**
   * Position of types 1, 2, 3, 9, 18, 19 and 27, null for every other type. Not-available values
   * follow {@link VesselPosition}: NaN coordinates/speed/course, heading -1, status -1 (status is
   * carried by types 1-3 and 27). Type 27 has no time stamp: second is 60 ("not available").
   */
  public static VesselPosition toPosition(AisMessage m, long timestampMillis, long msgHash) {
    return toPosition(m, timestampMillis, msgHash, "");
  }

  /** {@link #toPosition(AisMessage, long, long)} received through {@code source} (tag block s:). */
  public static VesselPosition toPosition(
      AisMessage m, long timestampMillis, long msgHash, String source) {
    if (m instanceof PositionReportClassA a) {
      return new VesselPosition(a.mmsi(), timestampMillis, a.type(), a.lat(), a.lon(), a.speed(),
          a.course(), a.heading(), a.status(), a.accuracy(), a.second(), msgHash, source);
    }
    if (m instanceof PositionReportClassB b) {
      return new VesselPosition(b.mmsi(), timestampMillis, 18, b.lat(), b.lon(), b.speed(),
          b.course(), b.heading(), -1, b.accuracy(), b.second(), msgHash, source);
    }
    if (m instanceof ExtendedPositionReportClassB b) {
      return new VesselPosition(b.mmsi(), timestampMillis, 19, b.lat(), b.lon(), b.speed(),
          b.course(), b.heading(), -1, b.accuracy(), b.second(), msgHash, source);
    }
    if (m instanceof SarAircraftPositionReport s) {
      return new VesselPosition(s.mmsi(), timestampMillis, 9, s.lat(), s.lon(), s.speed(),
          s.course(), -1, -1, s.accuracy(), s.second(), msgHash, source);
    }
    if (m instanceof LongRangePositionReport l) {
      return new VesselPosition(l.mmsi(), timestampMillis, 27, l.lat(), l.lon(), l.speed(),
          l.course(), -1, l.status(), l.accuracy(), SECOND_NOT_AVAILABLE, msgHash, source);
    }
    return null;
  }

  /**
   * Static data of types 5, 19 and 24 (A or B), null for every other type. Fields the message does
   * not carry are null; so are "not available" values: IMO 0, ship type outside 1..99, empty
   * texts, draught 0, dimensions when all four are 0 (reference point not available), ETA without
   * month or day.
   */
  public static VesselStatic toStatic(AisMessage m, long timestampMillis) {
    if (m instanceof StaticAndVoyageData s) {
      int[] dim = {s.toBow(), s.toStern(), s.toPort(), s.toStarboard()};
      boolean dims = hasDims(dim);
      int draught = s.bits.u(294, 8);
      String eta = s.etaMonth() == 0 || s.etaDay() == 0 ? null : s.eta();
      return new VesselStatic(s.mmsi(), timestampMillis, 5, positive(s.imo()),
          text(s.callsign()), text(s.shipname()), shiptype(s.shiptype()),
          dims ? dim[0] : null, dims ? dim[1] : null, dims ? dim[2] : null, dims ? dim[3] : null,
          draught == 0 ? null : draught / 10.0, text(s.destination()), eta);
    }
    if (m instanceof ExtendedPositionReportClassB s) {
      int[] dim = {s.toBow(), s.toStern(), s.toPort(), s.toStarboard()};
      boolean dims = hasDims(dim);
      return new VesselStatic(s.mmsi(), timestampMillis, 19, null, null, text(s.shipname()),
          shiptype(s.shiptype()), dims ? dim[0] : null, dims ? dim[1] : null,
          dims ? dim[2] : null, dims ? dim[3] : null, null, null, null);
    }
    if (m instanceof StaticDataReport s) {
      if (s.isPartA()) {
        return new VesselStatic(s.mmsi(), timestampMillis, 24, null, null, text(s.shipname()),
            null, null, null, null, null, null, null, null);
      }
      int[] dim = {s.toBow(), s.toStern(), s.toPort(), s.toStarboard()};
      boolean dims = !s.isAuxiliary() && hasDims(dim);
      return new VesselStatic(s.mmsi(), timestampMillis, 24, null, text(s.callsign()), null,
          shiptype(s.shiptype()), dims ? dim[0] : null, dims ? dim[1] : null,
          dims ? dim[2] : null, dims ? dim[3] : null, null, null, null);
    }
    return null;
  }

  private static boolean hasDims(int[] dim) {
    return dim[0] > 0 || dim[1] > 0 || dim[2] > 0 || dim[3] > 0;
  }

  private static Integer positive(int v) {
    return v > 0 ? v : null;
  }

  private static Integer shiptype(int v) {
    return v >= 1 && v <= 99 ? v : null;
  }

  private static String text(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
