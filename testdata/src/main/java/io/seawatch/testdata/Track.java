package io.seawatch.testdata;

import io.seawatch.testdata.NorthSea.Point;
import java.util.List;

/**
 * A polyline a vessel travels back and forth along at constant speed, with a lateral offset to
 * starboard (so opposing traffic keeps apart, as in a traffic separation scheme). The offset
 * tapers to zero within {@link #TAPER_NM} of every vertex and end: a vessel rounds a turning point
 * instead of jumping to the other side of the lane when its course flips (an offset applied at
 * full width flipped by 2 x offset, up to 2 NM, between two reports seconds apart, which the
 * track segmenter rightly called impossible jumps).
 */
final class Track {
  /** Position and course at one moment; {@code turning} within 1 nm of a course change. */
  record Fix(double lat, double lon, double course, boolean turning) {}

  /** Distance from a course change (vertex or end) within which a vessel counts as turning. */
  private static final double TURN_NM = 1.0;
  /** Distance from a vertex over which the lateral offset grows from 0 to its full width. */
  static final double TAPER_NM = 2.0;

  private final Point[] points;
  private final double[] cumulative;
  private final double length;
  private final double offsetNm;

  Track(List<Point> points, double offsetNm) {
    this.points = points.toArray(new Point[0]);
    this.cumulative = new double[this.points.length];
    for (int i = 1; i < this.points.length; i++) {
      cumulative[i] = cumulative[i - 1] + NorthSea.distanceNm(this.points[i - 1].lat(),
          this.points[i - 1].lon(), this.points[i].lat(), this.points[i].lon());
    }
    this.length = cumulative[cumulative.length - 1];
    this.offsetNm = offsetNm;
  }

  double lengthNm() {
    return length;
  }

  /** The fix after travelling {@code distanceNm} from the start, turning round at each end. */
  Fix at(double distanceNm) {
    double u = distanceNm % (2 * length);
    if (u < 0) {
      u += 2 * length;
    }
    boolean back = u > length;
    double s = back ? 2 * length - u : u;
    int i = 1;
    while (i < points.length - 1 && cumulative[i] < s) {
      i++;
    }
    Point a = points[i - 1];
    Point b = points[i];
    double seg = cumulative[i] - cumulative[i - 1];
    double f = seg <= 0 ? 0 : (s - cumulative[i - 1]) / seg;
    double lat = a.lat() + (b.lat() - a.lat()) * f;
    double lon = a.lon() + (b.lon() - a.lon()) * f;
    double course = NorthSea.bearing(a.lat(), a.lon(), b.lat(), b.lon());
    if (back) {
      course = (course + 180) % 360;
    }
    double fromVertex = Math.min(s - cumulative[i - 1], cumulative[i] - s);
    double offset = offsetNm * Math.min(1.0, Math.max(0.0, fromVertex) / TAPER_NM);
    double side = StrictMath.toRadians(course + 90);
    lat += offset * StrictMath.cos(side) / 60.0;
    lon += offset * StrictMath.sin(side) / (60.0 * StrictMath.cos(StrictMath.toRadians(lat)));
    boolean turning = Math.abs(s - cumulative[i - 1]) < TURN_NM
        || Math.abs(cumulative[i] - s) < TURN_NM;
    return new Fix(lat, lon, course, turning);
  }
}
