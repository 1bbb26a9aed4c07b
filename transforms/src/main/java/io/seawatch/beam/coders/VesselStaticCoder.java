package io.seawatch.beam.coders;

import io.seawatch.model.VesselStatic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Deterministic coder for {@link VesselStatic}: mmsi, time, type, then a presence bitmask of the
 * eleven nullable fields followed by the present ones in declaration order.
 */
public final class VesselStaticCoder extends AtomicCoder<VesselStatic> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 3912130539323748622L;

  private static final VesselStaticCoder INSTANCE = new VesselStaticCoder();

  private VesselStaticCoder() {}

  public static VesselStaticCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(VesselStatic v, OutputStream out) throws IOException {
    VarInt.encode(v.mmsi(), out);
    VarInt.encode(v.timestampMillis(), out);
    VarInt.encode(v.type(), out);
    int bits = 0;
    Object[] fields = fields(v);
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] != null) {
        bits |= 1 << i;
      }
    }
    VarInt.encode(bits, out);
    for (Object f : fields) {
      if (f instanceof Integer i) {
        CoderIo.writeSignedInt(i, out);
      } else if (f instanceof String s) {
        CoderIo.writeString(s, out);
      } else if (f instanceof Double d) {
        CoderIo.writeDouble(d, out);
      }
    }
  }

  private static Object[] fields(VesselStatic v) {
    return new Object[] {
      v.imo(), v.callsign(), v.shipname(), v.shiptype(), v.toBow(), v.toStern(), v.toPort(),
      v.toStarboard(), v.draught(), v.destination(), v.eta()
    };
  }

  @Override
  public VesselStatic decode(InputStream in) throws IOException {
    int mmsi = VarInt.decodeInt(in);
    long ts = VarInt.decodeLong(in);
    int type = VarInt.decodeInt(in);
    int bits = VarInt.decodeInt(in);
    return new VesselStatic(
        mmsi,
        ts,
        type,
        (bits & 1) != 0 ? CoderIo.readSignedInt(in) : null,
        (bits & 1 << 1) != 0 ? CoderIo.readString(in) : null,
        (bits & 1 << 2) != 0 ? CoderIo.readString(in) : null,
        (bits & 1 << 3) != 0 ? CoderIo.readSignedInt(in) : null,
        (bits & 1 << 4) != 0 ? CoderIo.readSignedInt(in) : null,
        (bits & 1 << 5) != 0 ? CoderIo.readSignedInt(in) : null,
        (bits & 1 << 6) != 0 ? CoderIo.readSignedInt(in) : null,
        (bits & 1 << 7) != 0 ? CoderIo.readSignedInt(in) : null,
        (bits & 1 << 8) != 0 ? CoderIo.readDouble(in) : null,
        (bits & 1 << 9) != 0 ? CoderIo.readString(in) : null,
        (bits & 1 << 10) != 0 ? CoderIo.readString(in) : null);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
