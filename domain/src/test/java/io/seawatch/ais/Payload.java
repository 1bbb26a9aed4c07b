package io.seawatch.ais;

/**
 * Test-only AIS payload encoder: appends fields bit by bit and armors them, so tests can build
 * exact edge cases (not-available values, unknown types, truncation) independently of the decoder.
 */
final class Payload {
  private final StringBuilder bits = new StringBuilder();

  static Payload type(int type) {
    return new Payload().u(type, 6);
  }

  /** Common header: type, repeat, mmsi. */
  static Payload header(int type, int repeat, int mmsi) {
    return type(type).u(repeat, 2).u(mmsi, 30);
  }

  Payload u(long value, int len) {
    for (int i = len - 1; i >= 0; i--) {
      bits.append(((value >>> i) & 1) != 0 ? '1' : '0');
    }
    return this;
  }

  Payload s(long value, int len) {
    return u(value & ((1L << len) - 1), len);
  }

  Payload b(boolean v) {
    return u(v ? 1 : 0, 1);
  }

  /** Six-bit text padded with '@' to {@code chars} characters. */
  Payload text(String t, int chars) {
    String table = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";
    for (int i = 0; i < chars; i++) {
      u(i < t.length() ? table.indexOf(t.charAt(i)) : 0, 6);
    }
    return this;
  }

  /** Zero bits up to {@code total} bits. */
  Payload padTo(int total) {
    while (bits.length() < total) {
      bits.append('0');
    }
    return this;
  }

  int length() {
    return bits.length();
  }

  /** Fill bits needed to complete the last character. */
  int fill() {
    return (6 - bits.length() % 6) % 6;
  }

  String armored() {
    StringBuilder out = new StringBuilder();
    String b = bits + "00000".substring(0, fill());
    for (int i = 0; i < b.length(); i += 6) {
      int v = Integer.parseInt(b.substring(i, i + 6), 2);
      out.append((char) (v < 40 ? v + 48 : v + 56));
    }
    return out.toString();
  }

  AisMessage decode() throws AisException {
    return AisDecoder.decode(armored(), fill());
  }

  /** {@code !body*hh} with the right checksum. */
  static String sentence(String body) {
    return "!" + body + "*" + checksum(body);
  }

  static String checksum(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum ^= body.charAt(i);
    }
    return String.format("%02X", sum);
  }
}
