package io.seawatch.ais;

/** Tiny JSON appender for the flat gpsd-style objects: fields are written in call order. */
final class Json {
  private final StringBuilder sb;

  Json(StringBuilder sb) {
    this.sb = sb;
  }

  private StringBuilder key(String name) {
    return sb.append(",\"").append(name).append("\":");
  }

  Json num(String name, long v) {
    key(name).append(v);
    return this;
  }

  Json bool(String name, boolean v) {
    key(name).append(v);
    return this;
  }

  Json nul(String name) {
    key(name).append("null");
    return this;
  }

  /** A double with up to {@code decimals} decimals, trailing zeros dropped (at least one kept). */
  Json dec(String name, double v, int decimals) {
    key(name);
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      sb.append("null");
    } else {
      appendDecimal(sb, v, decimals);
    }
    return this;
  }

  /** {@code raw / 10} exactly, e.g. 123 -> 12.3. */
  Json tenths(String name, int raw) {
    key(name);
    appendScaled(sb, raw, 10, 1);
    return this;
  }

  Json str(String name, String v) {
    key(name);
    if (v == null) {
      sb.append("null");
      return this;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
    return this;
  }

  static void appendDecimal(StringBuilder sb, double v, int decimals) {
    long pow = 1;
    for (int i = 0; i < decimals; i++) {
      pow *= 10;
    }
    long scaled = Math.round(v * pow);
    appendScaled(sb, scaled, pow, decimals);
  }

  /** {@code value / pow} where pow = 10^decimals, trailing zeros dropped but one decimal kept. */
  static void appendScaled(StringBuilder sb, long value, long pow, int decimals) {
    if (value < 0) {
      sb.append('-');
      value = -value;
    }
    sb.append(value / pow);
    long frac = value % pow;
    int digits = decimals;
    while (digits > 1 && frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
    sb.append('.');
    long p = 1;
    for (int i = 1; i < digits; i++) {
      p *= 10;
    }
    while (p > 1 && frac < p) {
      sb.append('0');
      p /= 10;
    }
    sb.append(frac);
  }
}
