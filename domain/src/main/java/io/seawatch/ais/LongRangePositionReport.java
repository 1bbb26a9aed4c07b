package io.seawatch.ais;

/** Type 27: long-range (satellite) position report, coarse units. */
public final class LongRangePositionReport extends AisMessage {
  LongRangePositionReport(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 27;
  }

  public boolean accuracy() {
    return bits.b(38);
  }

  public boolean raim() {
    return bits.b(39);
  }

  /** Navigation status 0..15. */
  public int status() {
    return bits.u(40, 4);
  }

  /** Longitude in degrees (1/10 minute), NaN when not available. */
  public double lon() {
    return lon1(bits.s(44, 18));
  }

  /** Latitude in degrees (1/10 minute), NaN when not available. */
  public double lat() {
    return lat1(bits.s(62, 17));
  }

  /** Speed over ground in whole knots, NaN when not available (63). */
  public double speed() {
    int raw = bits.u(79, 6);
    return raw == 63 ? Double.NaN : raw;
  }

  /** Course over ground in whole degrees, NaN when not available (511). */
  public double course() {
    int raw = bits.u(85, 9);
    return raw >= 360 ? Double.NaN : raw;
  }

  /** GNSS position status: false = current GNSS position, true = not GNSS position. */
  public boolean gnss() {
    return bits.b(94);
  }

  @Override
  void appendFields(Json j) {
    j.num("status", status()).bool("accuracy", accuracy());
    j.dec("lon", lon(), 6).dec("lat", lat(), 6);
    int speed = bits.u(79, 6);
    if (speed == 63) {
      j.nul("speed");
    } else {
      j.num("speed", speed);
    }
    int course = bits.u(85, 9);
    if (course >= 360) {
      j.nul("course");
    } else {
      j.num("course", course);
    }
    j.bool("raim", raim()).bool("gnss", gnss());
  }
}
