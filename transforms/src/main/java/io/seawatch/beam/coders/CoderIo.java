package io.seawatch.beam.coders;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * Primitive encodings shared by the Seawatch coders. Every encoding is self-delimiting, so the
 * coders need no outer/nested context distinction.
 */
final class CoderIo {
  private CoderIo() {}

  /** Zig-zag varint: small negative values (-1 for "not available") take one byte. */
  static void writeSignedInt(int v, OutputStream out) throws IOException {
    VarInt.encode((v << 1) ^ (v >> 31), out);
  }

  static int readSignedInt(InputStream in) throws IOException {
    int z = VarInt.decodeInt(in);
    return (z >>> 1) ^ -(z & 1);
  }

  /** Zig-zag varint of a long: -1 ("none") takes one byte. */
  static void writeSignedLong(long v, OutputStream out) throws IOException {
    VarInt.encode((v << 1) ^ (v >> 63), out);
  }

  static long readSignedLong(InputStream in) throws IOException {
    long z = VarInt.decodeLong(in);
    return (z >>> 1) ^ -(z & 1);
  }

  /**
   * Doubles as the canonical bits of {@link Double#doubleToLongBits}: every NaN encodes alike, so
   * the encoding is deterministic and agrees with {@code Double.equals} (and record equality).
   */
  static void writeDouble(double v, OutputStream out) throws IOException {
    writeFixedLong(Double.doubleToLongBits(v), out);
  }

  static double readDouble(InputStream in) throws IOException {
    return Double.longBitsToDouble(readFixedLong(in));
  }

  /** Eight bytes big-endian: for hashes, where a varint would average nine or ten bytes. */
  static void writeFixedLong(long v, OutputStream out) throws IOException {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    out.write(b);
  }

  static long readFixedLong(InputStream in) throws IOException {
    byte[] b = readFully(in, 8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  /**
   * Varint length of the UTF-8 bytes, then the bytes. Like Beam's StringUtf8Coder, an unpaired
   * surrogate does not survive (Java's encoder writes '?').
   */
  static void writeString(String s, OutputStream out) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    VarInt.encode(b.length, out);
    out.write(b);
  }

  static String readString(InputStream in) throws IOException {
    int n = VarInt.decodeInt(in);
    if (n < 0) {
      throw new CoderException("negative string length " + n);
    }
    return new String(readFully(in, n), StandardCharsets.UTF_8);
  }

  private static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    int off = 0;
    while (off < n) {
      int r = in.read(b, off, n - off);
      if (r < 0) {
        throw new EOFException("expected " + n + " bytes, got " + off);
      }
      off += r;
    }
    return b;
  }
}
