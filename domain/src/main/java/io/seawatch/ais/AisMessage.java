package io.seawatch.ais;

/**
 * A decoded AIS message. Subclasses are thin typed views over the de-armored payload bits: each
 * accessor extracts its field with a shift and a mask when called, so decoding costs one bit-array
 * and one object whatever the layout.
 *
 * <p>Not-available conventions of the accessors (documented per field): coordinates, speed, course
 * and rate of turn are {@link Double#NaN}; heading and other small integers -1; text fields are
 * returned trimmed ({@code @} padding and trailing spaces removed, empty string when blank).
 */
public abstract class AisMessage {
  final Bits bits;

  AisMessage(Bits bits) {
    this.bits = bits;
  }

  /** AIS message type 1..27. */
  public abstract int type();

  /** Repeat indicator 0..3. */
  public int repeat() {
    return bits.u(6, 2);
  }

  public int mmsi() {
    return bits.u(8, 30);
  }

  /** Payload length in bits (fill bits excluded). */
  public int bitLength() {
    return bits.length();
  }

  /** The whole payload as left-aligned hex. */
  public String payloadHex() {
    return bits.hex(0, bits.length());
  }

  /**
   * Stable 64-bit hash of the payload bits: the same transmission received twice gives the same
   * value, which is what a {@code msgHash} needs (combine with the event time).
   */
  public long payloadHash() {
    return bits.hash();
  }

  /** Writes this message's fields after the common header (gpsd order and names). */
  abstract void appendFields(Json json);

  @Override
  public String toString() {
    return AisJson.toJson(this);
  }

  // ---- scaling shared by the layouts -------------------------------------------------------

  /** 1/10000 minute lat/lon (types 1-4, 9, 11, 18, 19, 21): 91 / 181 degrees are "not available". */
  static double lat4(int raw) {
    return raw == 91 * 600_000 ? Double.NaN : raw / 600_000.0;
  }

  static double lon4(int raw) {
    return raw == 181 * 600_000 ? Double.NaN : raw / 600_000.0;
  }

  /** 1/10 minute lat/lon (types 17, 22, 23, 27). */
  static double lat1(int raw) {
    return raw == 91 * 600 ? Double.NaN : raw / 600.0;
  }

  static double lon1(int raw) {
    return raw == 181 * 600 ? Double.NaN : raw / 600.0;
  }

  /** Speed in 1/10 knot, 1023 = not available (1022 = 102.2 knots or more). */
  static double speed10(int raw) {
    return raw == 1023 ? Double.NaN : raw / 10.0;
  }

  /** Course in 1/10 degree, 3600 = not available. */
  static double course10(int raw) {
    return raw >= 3600 ? Double.NaN : raw / 10.0;
  }

  /** Heading 0..359, 511 = not available. */
  static int heading(int raw) {
    return raw == 511 ? -1 : raw;
  }

  static void latLon4(Json j, int rawLon, int rawLat) {
    double lon = lon4(rawLon);
    double lat = lat4(rawLat);
    j.dec("lon", lon, 6).dec("lat", lat, 6);
  }

  static void speed10(Json j, String name, int raw) {
    if (raw == 1023) {
      j.nul(name);
    } else {
      j.tenths(name, raw);
    }
  }

  static void course10(Json j, String name, int raw) {
    if (raw >= 3600) {
      j.nul(name);
    } else {
      j.tenths(name, raw);
    }
  }

  static void heading(Json j, int raw) {
    if (raw == 511) {
      j.nul("heading");
    } else {
      j.num("heading", raw);
    }
  }

  /** gpsd's "MM-DDTHH:MMZ" partial timestamp. */
  static String eta(int month, int day, int hour, int minute) {
    char[] c = new char[12];
    two(c, 0, month);
    c[2] = '-';
    two(c, 3, day);
    c[5] = 'T';
    two(c, 6, hour);
    c[8] = ':';
    two(c, 9, minute);
    c[11] = 'Z';
    return new String(c);
  }

  static void two(char[] c, int at, int v) {
    c[at] = (char) ('0' + (v / 10) % 10);
    c[at + 1] = (char) ('0' + v % 10);
  }
}
