package io.seawatch.ais;

/** Types 1, 2 and 3: Class A position report (scheduled, assigned, on interrogation). */
public final class PositionReportClassA extends AisMessage {
  PositionReportClassA(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return bits.u(0, 6);
  }

  /** Navigation status 0..15 (15 = not defined). */
  public int status() {
    return bits.u(38, 4);
  }

  /** Raw rate of turn -128..127 (-128 not available, +-127 turning fast without indicator). */
  public int turnRaw() {
    return bits.s(42, 8);
  }

  /**
   * Rate of turn in degrees per minute, signed (right positive): (raw / 4.733)^2; NaN when not
   * available (-128); +-Infinity for +-127 (more than 5 degrees per 30 s, no turn indicator).
   */
  public double turn() {
    int raw = turnRaw();
    if (raw == -128) {
      return Double.NaN;
    }
    if (raw == 127) {
      return Double.POSITIVE_INFINITY;
    }
    if (raw == -127) {
      return Double.NEGATIVE_INFINITY;
    }
    double r = raw / 4.733;
    return raw < 0 ? -r * r : r * r;
  }

  /** Speed over ground in knots, NaN when not available (102.2 means 102.2 or more). */
  public double speed() {
    return speed10(bits.u(50, 10));
  }

  /** Position accuracy: true = high (under 10 m). */
  public boolean accuracy() {
    return bits.b(60);
  }

  /** Longitude in degrees, NaN when not available (181). */
  public double lon() {
    return lon4(bits.s(61, 28));
  }

  /** Latitude in degrees, NaN when not available (91). */
  public double lat() {
    return lat4(bits.s(89, 27));
  }

  /** Course over ground in degrees, NaN when not available (3600 or invalid). */
  public double course() {
    return course10(bits.u(116, 12));
  }

  /** True heading 0..359, -1 when not available (511). */
  public int heading() {
    return heading(bits.u(128, 9));
  }

  /** UTC second 0..59; 60 not available, 61 manual, 62 estimated, 63 inoperative. */
  public int second() {
    return bits.u(137, 6);
  }

  /** Manoeuvre indicator: 0 not available, 1 no special, 2 special manoeuvre. */
  public int maneuver() {
    return bits.u(143, 2);
  }

  public boolean raim() {
    return bits.b(148);
  }

  /** Radio status (SOTDMA/ITDMA communication state), 19 bits. */
  public int radio() {
    return bits.u(149, 19);
  }

  @Override
  void appendFields(Json j) {
    j.num("status", status());
    int turn = turnRaw();
    if (turn == -128) {
      j.nul("turn");
    } else if (turn == -127) {
      j.str("turn", "fastleft");
    } else if (turn == 127) {
      j.str("turn", "fastright");
    } else {
      j.num("turn", Math.round(turn()));
    }
    speed10(j, "speed", bits.u(50, 10));
    j.bool("accuracy", accuracy());
    latLon4(j, bits.s(61, 28), bits.s(89, 27));
    course10(j, "course", bits.u(116, 12));
    heading(j, bits.u(128, 9));
    j.num("second", second()).num("maneuver", maneuver()).bool("raim", raim());
    j.num("radio", radio());
  }
}
