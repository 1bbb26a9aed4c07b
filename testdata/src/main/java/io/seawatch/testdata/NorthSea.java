package io.seawatch.testdata;

import java.util.List;

/**
 * The synthetic world: receiving stations, shipping lanes, ferry routes, anchorages, fishing
 * grounds, marinas and aids to navigation in the North Sea and English Channel (lat 49..58, lon
 * -5..9). Coordinates are approximate and only need to be plausible.
 */
final class NorthSea {
  private NorthSea() {}

  /** A point in degrees. */
  record Point(double lat, double lon) {}

  /** A receiving station; {@code groups} stations tag multipart messages with g: groups. */
  record Station(String id, Point at, boolean groups, boolean satellite) {}

  /** A fixed transmitter (base station or aid to navigation). */
  record Fixed(String name, int mmsi, int aidType, Point at) {}

  /** VHF range of a coastal station, nautical miles. */
  static final double COASTAL_RANGE_NM = 40.0;

  static final Station SATELLITE = new Station("sat-1", new Point(0, 0), false, true);

  static final List<Station> COASTAL_STATIONS = List.of(
      station("plymouth", 50.35, -4.15, false),
      station("cherbourg", 49.65, -1.62, false),
      station("solent", 50.75, -1.25, false),
      station("lehavre", 49.50, 0.10, false),
      station("dover", 51.12, 1.32, false),
      station("harwich", 51.95, 1.28, false),
      station("ostend", 51.23, 2.92, false),
      station("hoek", 51.98, 4.12, true),
      station("ijmuiden", 52.46, 4.58, true),
      station("denhelder", 52.96, 4.76, false),
      station("terschelling", 53.38, 5.22, false),
      station("borkum", 53.58, 6.67, false),
      station("helgoland", 54.18, 7.89, true),
      station("esbjerg", 55.47, 8.44, true),
      station("humber", 53.60, 0.15, false),
      station("whitby", 54.48, -0.62, false),
      station("tyne", 55.00, -1.42, false),
      station("aberdeen", 57.15, -2.08, false));

  /** Long routes for cargo ships and tankers (ships ping-pong along them). */
  static final List<List<Point>> LANES = List.of(
      path(50.30, -4.15, 49.95, -3.00, 49.88, -2.40, 50.15, -1.00, 50.50, 0.30, 51.00, 1.45,
          51.35, 2.20, 51.40, 2.55, 51.75, 3.30, 52.00, 3.90, 51.98, 4.08),
      path(52.00, 3.90, 52.55, 4.20, 53.05, 4.35, 53.50, 4.80, 53.75, 5.90, 53.95, 7.00,
          54.00, 7.60, 53.92, 8.30, 53.87, 8.70),
      path(49.48, 0.08, 49.70, 0.00, 50.30, 0.60, 51.00, 1.45, 51.40, 1.70, 51.93, 1.38),
      path(53.60, 0.20, 53.45, 1.20, 53.20, 2.60, 52.75, 3.80, 52.47, 4.55),
      path(57.14, -2.05, 56.50, -1.80, 55.80, -1.30, 55.00, -1.10, 54.30, -0.20, 53.60, 0.20),
      path(55.45, 8.35, 55.30, 7.80, 54.70, 7.40, 54.10, 7.70, 53.92, 8.30),
      path(52.00, 3.90, 53.00, 3.30, 54.50, 2.00, 55.80, 0.00, 57.14, -2.05),
      path(55.45, 8.35, 55.20, 6.50, 54.60, 3.50, 54.00, 1.30, 53.60, 0.20),
      path(51.50, 1.10, 51.45, 1.70, 51.40, 2.60, 51.35, 3.18));

  /** Ferry routes for passenger ships. */
  static final List<List<Point>> FERRIES = List.of(
      path(51.11, 1.34, 51.04, 1.60, 50.97, 1.83),
      path(51.98, 4.10, 51.97, 3.20, 51.95, 1.50, 51.94, 1.30),
      path(50.78, -1.10, 50.30, -0.60, 49.50, 0.05),
      path(55.00, -1.43, 54.20, 1.50, 53.00, 4.00, 52.47, 4.55));

  static final List<Point> PORTS = List.of(
      new Point(51.95, 4.05), new Point(53.87, 8.70), new Point(51.93, 1.33),
      new Point(49.48, 0.10), new Point(55.47, 8.42), new Point(53.62, 0.10),
      new Point(57.14, -2.07), new Point(51.33, 3.20));

  static final List<Point> ANCHORAGES = List.of(
      new Point(52.05, 3.80), new Point(51.25, 1.48), new Point(53.95, 8.05),
      new Point(49.55, -0.05), new Point(53.55, 0.40), new Point(55.42, 8.10));

  static final List<Point> FISHING_GROUNDS = List.of(
      new Point(54.70, 2.20), new Point(56.00, 7.30), new Point(52.30, 3.00),
      new Point(50.10, -1.50), new Point(52.60, 3.40), new Point(53.80, 4.50));

  /** Marinas and small harbours: home of class B vessels and harbour craft. */
  static final List<Point> MARINAS = List.of(
      new Point(50.75, -1.30), new Point(52.10, 4.25), new Point(52.96, 4.78),
      new Point(53.87, 8.68), new Point(55.45, 8.40), new Point(51.24, 2.92),
      new Point(51.12, 1.32), new Point(50.80, -0.10), new Point(52.47, 1.75),
      new Point(53.17, 5.40));

  /** Base stations next to receiving stations: MMSI 00MIDxxxx. */
  static final List<Fixed> BASE_STATIONS = List.of(
      new Fixed("hoek", 2442000, 0, new Point(51.98, 4.12)),
      new Fixed("dover", 2320001, 0, new Point(51.12, 1.32)),
      new Fixed("helgoland", 2111240, 0, new Point(54.18, 7.89)),
      new Fixed("esbjerg", 2190047, 0, new Point(55.47, 8.44)),
      new Fixed("humber", 2320002, 0, new Point(53.60, 0.15)));

  /** Aids to navigation: MMSI 99MIDxxxx, aid type per ITU (29 safe water, 31 light vessel...). */
  static final List<Fixed> AIDS = List.of(
      new Fixed("MAAS CENTER", 992446001, 29, new Point(52.01, 3.88)),
      new Fixed("WEST HINDER", 992051001, 31, new Point(51.39, 2.44)),
      new Fixed("SANDETTIE", 992271001, 31, new Point(51.15, 1.80)),
      new Fixed("VARNE", 992351001, 31, new Point(51.02, 1.40)),
      new Fixed("IJMUIDEN APPROACH", 992446002, 29, new Point(52.47, 4.33)),
      new Fixed("TEXEL TSS SOUTH", 992446003, 22, new Point(52.95, 4.40)),
      new Fixed("ELBE 1", 992111001, 31, new Point(54.00, 8.11)),
      new Fixed("GRADYB", 992191001, 29, new Point(55.43, 8.20)),
      new Fixed("HUMBER APPROACH", 992351002, 29, new Point(53.64, 0.35)),
      new Fixed("BORKUMRIFF", 992111002, 20, new Point(53.75, 6.35)));

  /** Distance in nautical miles (equirectangular: fine at these distances). */
  static double distanceNm(double lat1, double lon1, double lat2, double lon2) {
    double dy = (lat2 - lat1) * 60.0;
    double dx = (lon2 - lon1) * 60.0 * StrictMath.cos(StrictMath.toRadians((lat1 + lat2) / 2));
    return StrictMath.sqrt(dx * dx + dy * dy);
  }

  /** Initial bearing in degrees from point 1 to point 2 (same approximation). */
  static double bearing(double lat1, double lon1, double lat2, double lon2) {
    double dy = lat2 - lat1;
    double dx = (lon2 - lon1) * StrictMath.cos(StrictMath.toRadians((lat1 + lat2) / 2));
    double b = StrictMath.toDegrees(StrictMath.atan2(dx, dy));
    return b < 0 ? b + 360 : b;
  }

  /** The nearest coastal station within range, or null. */
  static Station coastalStation(double lat, double lon) {
    Station best = null;
    double bestD = COASTAL_RANGE_NM;
    for (Station s : COASTAL_STATIONS) {
      double d = distanceNm(lat, lon, s.at().lat(), s.at().lon());
      if (d <= bestD) {
        best = s;
        bestD = d;
      }
    }
    return best;
  }

  private static Station station(String id, double lat, double lon, boolean groups) {
    return new Station(id, new Point(lat, lon), groups, false);
  }

  private static List<Point> path(double... latLon) {
    Point[] p = new Point[latLon.length / 2];
    for (int i = 0; i < p.length; i++) {
      p[i] = new Point(latLon[2 * i], latLon[2 * i + 1]);
    }
    return List.of(p);
  }
}
