package io.seawatch.beam.coders;

import io.seawatch.db.VesselStaticRow;
import io.seawatch.db.VesselStaticRow.Field;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Deterministic coder for the merged {@link VesselStaticRow} (the accumulator of
 * WriteVesselStatic): mmsi, presence bitmask, then per present field its time and value.
 */
public final class VesselStaticRowCoder extends AtomicCoder<VesselStaticRow> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = -5930415097229920664L;

  private static final VesselStaticRowCoder INSTANCE = new VesselStaticRowCoder();
  private static final Field[] FIELDS = Field.values();

  private VesselStaticRowCoder() {}

  public static VesselStaticRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(VesselStaticRow row, OutputStream out) throws IOException {
    VarInt.encode(row.mmsi(), out);
    int bits = 0;
    for (Field f : FIELDS) {
      if (row.has(f)) {
        bits |= 1 << f.ordinal();
      }
    }
    VarInt.encode(bits, out);
    for (Field f : FIELDS) {
      if (!row.has(f)) {
        continue;
      }
      VarInt.encode(row.timestampMillis(f), out);
      Object v = row.value(f);
      switch (f.kind()) {
        case INT -> CoderIo.writeSignedInt((Integer) v, out);
        case DOUBLE -> CoderIo.writeDouble((Double) v, out);
        case TEXT -> CoderIo.writeString((String) v, out);
      }
    }
  }

  @Override
  public VesselStaticRow decode(InputStream in) throws IOException {
    int mmsi = VarInt.decodeInt(in);
    int bits = VarInt.decodeInt(in);
    Object[] values = new Object[FIELDS.length];
    long[] times = new long[FIELDS.length];
    for (Field f : FIELDS) {
      int i = f.ordinal();
      if ((bits & 1 << i) == 0) {
        continue;
      }
      times[i] = VarInt.decodeLong(in);
      values[i] =
          switch (f.kind()) {
            case INT -> CoderIo.readSignedInt(in);
            case DOUBLE -> CoderIo.readDouble(in);
            case TEXT -> CoderIo.readString(in);
          };
    }
    return VesselStaticRow.of(mmsi, values, times);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
