package io.seawatch.ais;

import java.util.Arrays;

/**
 * The de-armored bits of one AIS payload, packed big-endian into longs so that any field of up to
 * 57 bits is one or two shifts away. Bits past {@link #length()} read as zero, which gives the
 * lenient handling of short messages (gpsd's behaviour) for free.
 */
final class Bits {
  /** ITU six-bit ASCII, index = six-bit value. */
  private static final char[] SIXBIT_ASCII =
      "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?".toCharArray();

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long[] words;
  private final int length;

  private Bits(long[] words, int length) {
    this.words = words;
    this.length = length;
  }

  /** Six-bit value by character ('0'..'W' and '`'..'w'), -1 elsewhere: one load per character. */
  private static final byte[] SIXBIT = new byte[128];

  static {
    Arrays.fill(SIXBIT, (byte) -1);
    for (char c = '0'; c <= 'W'; c++) {
      SIXBIT[c] = (byte) (c - '0');
    }
    for (char c = '`'; c <= 'w'; c++) {
      SIXBIT[c] = (byte) (c - '8');
    }
  }

  /** Six-bit value of one armored payload character, or -1 when it is not a valid one. */
  static int dearmor(char c) {
    return c < 128 ? SIXBIT[c] : -1;
  }

  static Bits of(String payload, int fillBits) throws AisException {
    return of(payload, 0, payload.length(), fillBits);
  }

  /** De-armors {@code s[from, to)}; the last {@code fillBits} bits are dropped. */
  static Bits of(CharSequence s, int from, int to, int fillBits) throws AisException {
    if (fillBits < 0 || fillBits > 5) {
      throw new AisException("fill bits out of range: " + fillBits);
    }
    int chars = to - from;
    int length = chars * 6 - fillBits;
    if (length <= 0) {
      throw new AisException("empty payload");
    }
    // One spare word so that two-word reads never index past the end.
    long[] words = new long[((chars * 6) >>> 6) + 2];
    long acc = 0;
    int accBits = 0;
    int w = 0;
    for (int i = from; i < to; i++) {
      int v = dearmor(s.charAt(i));
      if (v < 0) {
        throw new AisException("illegal 6-bit character '" + s.charAt(i) + "'");
      }
      if (accBits <= 58) {
        acc = (acc << 6) | v;
        accBits += 6;
        if (accBits == 64) {
          words[w++] = acc;
          acc = 0;
          accBits = 0;
        }
      } else {
        int take = 64 - accBits; // 2 or 4 bits complete this word
        int rest = 6 - take;
        words[w++] = (acc << take) | (v >>> rest);
        acc = v & ((1 << rest) - 1);
        accBits = rest;
      }
    }
    if (accBits > 0) {
      words[w] = acc << (64 - accBits);
    }
    // Clear the fill bits: bits past the end must read as zero.
    int lastWord = (length - 1) >>> 6;
    int used = length & 63;
    if (used != 0) {
      words[lastWord] &= -1L << (64 - used);
    }
    for (int i = lastWord + 1; i < words.length; i++) {
      words[i] = 0;
    }
    return new Bits(words, length);
  }

  /** Number of payload bits. */
  int length() {
    return length;
  }

  /** Unsigned field of {@code len} (1..57) bits at bit {@code start}; zero past the end. */
  long bits(int start, int len) {
    if (start >= length) {
      return 0;
    }
    int w = start >>> 6;
    int off = start & 63;
    long v = words[w] << off;
    if (off + len > 64) {
      v |= words[w + 1] >>> (64 - off);
    }
    return v >>> (64 - len);
  }

  int u(int start, int len) {
    return (int) bits(start, len);
  }

  /** Two's-complement signed field. */
  int s(int start, int len) {
    long v = bits(start, len);
    return (int) ((v << (64 - len)) >> (64 - len));
  }

  boolean b(int start) {
    return bits(start, 1) != 0;
  }

  /**
   * Six-bit text of {@code len / 6} characters: stops at the first {@code @} (padding), then
   * trailing spaces are trimmed, as gpsd does. Characters past the end of a short payload are
   * treated as padding.
   */
  String text(int start, int len) {
    int n = Math.min(len, Math.max(0, length - start)) / 6;
    char[] out = new char[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      char c = SIXBIT_ASCII[u(start + 6 * i, 6)];
      if (c == '@') {
        break;
      }
      out[count++] = c;
    }
    while (count > 0 && out[count - 1] == ' ') {
      count--;
    }
    return new String(out, 0, count);
  }

  /** Text from {@code start} to the end of the payload. */
  String textToEnd(int start) {
    return text(start, Math.max(0, length - start));
  }

  /** Six-bit text without stopping at {@code @} or trimming (for name extensions). */
  String rawText(int start, int chars) {
    char[] out = new char[chars];
    for (int i = 0; i < chars; i++) {
      out[i] = SIXBIT_ASCII[u(start + 6 * i, 6)];
    }
    return new String(out);
  }

  /**
   * {@code len} bits from {@code start} as hex, left-aligned: the last byte is padded with zero
   * bits (gpsd's "data" convention).
   */
  String hex(int start, int len) {
    if (len <= 0) {
      return "";
    }
    int bytes = (len + 7) >>> 3;
    char[] out = new char[bytes * 2];
    for (int i = 0; i < bytes; i++) {
      int bitsLeft = len - 8 * i;
      int v = bitsLeft >= 8 ? u(start + 8 * i, 8) : u(start + 8 * i, bitsLeft) << (8 - bitsLeft);
      out[2 * i] = HEX[v >>> 4];
      out[2 * i + 1] = HEX[v & 15];
    }
    return new String(out);
  }

  /** 64-bit FNV-1a style mix over the payload bits and their count: a stable content hash. */
  long hash() {
    long h = 0xcbf29ce484222325L ^ length;
    int n = (length + 63) >>> 6;
    for (int i = 0; i < n; i++) {
      h ^= words[i];
      h *= 0x100000001b3L;
      h ^= h >>> 29;
    }
    return h;
  }
}
