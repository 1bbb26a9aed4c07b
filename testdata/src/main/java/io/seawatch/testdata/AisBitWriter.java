package io.seawatch.testdata;

import java.util.Arrays;
import java.util.Locale;

/**
 * Builds an AIS message bit by bit (ITU-R M.1371, most significant bit first) and armors it into
 * the 6-bit payload alphabet of NMEA 0183 {@code !AIVDM} sentences.
 *
 * <p>Written independently of the Seawatch decoder on purpose: the two are tested against each
 * other and against published sentences.
 */
public final class AisBitWriter {
  /** The AIS 6-bit text alphabet: index = 6-bit value. */
  public static final String SIXBIT_TEXT =
      "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

  private boolean[] bits = new boolean[168];
  private int length;

  /** Appends {@code value} as an unsigned integer of {@code width} bits. */
  public AisBitWriter unsigned(int width, long value) {
    checkWidth(width);
    if (value < 0 || (width < 63 && value >= (1L << width))) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " unsigned bits");
    }
    return put(width, value);
  }

  /** Appends {@code value} as a two's complement integer of {@code width} bits. */
  public AisBitWriter signed(int width, long value) {
    checkWidth(width);
    long min = -(1L << (width - 1));
    long max = (1L << (width - 1)) - 1;
    if (value < min || value > max) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " signed bits");
    }
    return put(width, value);
  }

  /** Appends one bit. */
  public AisBitWriter flag(boolean value) {
    return put(1, value ? 1 : 0);
  }

  /**
   * Appends {@code text} as {@code chars} 6-bit characters, padded with '@' (the AIS "no
   * character"). Lower case is sent as upper case; characters outside the alphabet are rejected.
   */
  public AisBitWriter text(int chars, String text) {
    String s = text.toUpperCase(Locale.ROOT);
    if (s.length() > chars) {
      throw new IllegalArgumentException("'" + text + "' is longer than " + chars + " characters");
    }
    for (int i = 0; i < chars; i++) {
      char c = i < s.length() ? s.charAt(i) : '@';
      int v = SIXBIT_TEXT.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("'" + c + "' is not in the AIS 6-bit alphabet");
      }
      put(6, v);
    }
    return this;
  }

  /** Appends zero bits up to the next multiple of {@code boundary} bits. */
  public AisBitWriter padTo(int boundary) {
    while (length % boundary != 0) {
      put(1, 0);
    }
    return this;
  }

  /** Bits written so far. */
  public int length() {
    return length;
  }

  /** Armors the bits: six bits per character, the last one completed with fill bits. */
  public AisPayload toPayload() {
    int chars = (length + 5) / 6;
    StringBuilder sb = new StringBuilder(chars);
    for (int c = 0; c < chars; c++) {
      int v = 0;
      for (int i = 0; i < 6; i++) {
        int bit = c * 6 + i;
        v = (v << 1) | (bit < length && bits[bit] ? 1 : 0);
      }
      sb.append(armor(v));
    }
    return new AisPayload(sb.toString(), chars * 6 - length);
  }

  /** The payload character for a 6-bit value: 0..39 map to '0'..'W', 40..63 to '`'..'w'. */
  public static char armor(int sixBits) {
    if (sixBits < 0 || sixBits > 63) {
      throw new IllegalArgumentException("not a 6-bit value: " + sixBits);
    }
    return (char) (sixBits < 40 ? sixBits + 48 : sixBits + 56);
  }

  private AisBitWriter put(int width, long value) {
    if (length + width > bits.length) {
      bits = Arrays.copyOf(bits, Math.max(bits.length * 2, length + width));
    }
    for (int i = width - 1; i >= 0; i--) {
      bits[length++] = ((value >>> i) & 1L) != 0;
    }
    return this;
  }

  private static void checkWidth(int width) {
    if (width < 1 || width > 62) {
      throw new IllegalArgumentException("field width must be 1..62: " + width);
    }
  }
}
