package io.seawatch.ais;

/** Type 9: standard SAR aircraft position report. */
public final class SarAircraftPositionReport extends AisMessage {
  SarAircraftPositionReport(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 9;
  }

  /** Altitude in metres (4094 = 4094 m or more), -1 when not available (4095). */
  public int alt() {
    int raw = bits.u(38, 12);
    return raw == 4095 ? -1 : raw;
  }

  /** Speed over ground in knots (1 knot steps, 1022 = 1022 or more), NaN when not available. */
  public double speed() {
    int raw = bits.u(50, 10);
    return raw == 1023 ? Double.NaN : raw;
  }

  public boolean accuracy() {
    return bits.b(60);
  }

  public double lon() {
    return lon4(bits.s(61, 28));
  }

  public double lat() {
    return lat4(bits.s(89, 27));
  }

  /** Course over ground in degrees, NaN when not available. */
  public double course() {
    return course10(bits.u(116, 12));
  }

  public int second() {
    return bits.u(128, 6);
  }

  public int regional() {
    return bits.u(134, 8);
  }

  public int dte() {
    return bits.u(142, 1);
  }

  public boolean assigned() {
    return bits.b(146);
  }

  public boolean raim() {
    return bits.b(147);
  }

  public int radio() {
    return bits.u(148, 20);
  }

  @Override
  void appendFields(Json j) {
    int alt = bits.u(38, 12);
    if (alt == 4095) {
      j.nul("alt");
    } else {
      j.num("alt", alt);
    }
    int speed = bits.u(50, 10);
    if (speed == 1023) {
      j.nul("speed");
    } else {
      j.num("speed", speed);
    }
    j.bool("accuracy", accuracy());
    latLon4(j, bits.s(61, 28), bits.s(89, 27));
    course10(j, "course", bits.u(116, 12));
    j.num("second", second()).num("regional", regional()).num("dte", dte());
    j.bool("assigned", assigned()).bool("raim", raim()).num("radio", radio());
  }
}
