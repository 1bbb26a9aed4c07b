package io.seawatch.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Byte helpers for the state classes: a version byte, then fixed-width big-endian fields. */
final class StateIO {
  private StateIO() {}

  static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    Out(int format) {
      i8(format);
    }

    Out i8(int v) {
      try {
        out.writeByte(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out bool(boolean v) {
      return i8(v ? 1 : 0);
    }

    Out i32(int v) {
      try {
        out.writeInt(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out i64(long v) {
      try {
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out f64(double v) {
      try {
        out.writeDouble(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** Modified UTF-8 with a 2-byte length. */
    Out str(String v) {
      try {
        out.writeUTF(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A nested state: 4-byte length, then the bytes. */
    Out blob(byte[] v) {
      i32(v.length);
      try {
        out.write(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  static final class In {
    private final DataInputStream in;
    private final String what;

    In(byte[] data, int format, String what) {
      this.in = new DataInputStream(new ByteArrayInputStream(data));
      this.what = what;
      int f = i8();
      if (f != format) {
        throw new IllegalArgumentException(what + ": unknown state format " + f);
      }
    }

    int i8() {
      try {
        return in.readUnsignedByte();
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    boolean bool() {
      return i8() != 0;
    }

    int i32() {
      try {
        return in.readInt();
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    long i64() {
      try {
        return in.readLong();
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    double f64() {
      try {
        return in.readDouble();
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    String str() {
      try {
        return in.readUTF();
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    /** A nested state written by {@link Out#blob}. */
    byte[] blob() {
      int n = i32();
      try {
        if (n < 0 || n > in.available()) {
          throw new IllegalArgumentException(what + ": corrupt state, length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    /** Count prefix for a bounded collection. */
    int count(int max) {
      int n = i32();
      if (n < 0 || n > max) {
        throw new IllegalArgumentException(what + ": corrupt state, count " + n);
      }
      return n;
    }

    void end() {
      try {
        if (in.available() != 0) {
          throw new IllegalArgumentException(what + ": corrupt state, trailing bytes");
        }
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    private IllegalArgumentException corrupt(IOException e) {
      return new IllegalArgumentException(what + ": corrupt state (" + e + ")", e);
    }
  }
}
