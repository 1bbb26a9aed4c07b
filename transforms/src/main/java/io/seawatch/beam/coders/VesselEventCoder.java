package io.seawatch.beam.coders;

import io.seawatch.rules.VesselEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * Deterministic coder for {@link VesselEvent}. The kind is encoded by its ordinal (the enum is
 * append-only); details are written in key order with a type byte per value.
 */
public final class VesselEventCoder extends AtomicCoder<VesselEvent> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 2249417748882798772L;

  private static final VesselEventCoder INSTANCE = new VesselEventCoder();
  private static final VesselEvent.Kind[] KINDS = VesselEvent.Kind.values();

  private VesselEventCoder() {}

  public static VesselEventCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(VesselEvent e, OutputStream out) throws IOException {
    CoderIo.writeFixedLong(e.id(), out);
    VarInt.encode(e.kind().ordinal(), out);
    CoderIo.writeSignedInt(e.mmsi(), out);
    CoderIo.writeSignedInt(e.otherMmsi(), out);
    CoderIo.writeSignedLong(e.startMillis(), out);
    CoderIo.writeSignedLong(e.endMillis(), out);
    CoderIo.writeDouble(e.lat(), out);
    CoderIo.writeDouble(e.lon(), out);
    encodeDetails(e.details(), out);
  }

  /** A detail map: its size, then each key (in order) with a type byte and its value. */
  static void encodeDetails(Map<String, Object> details, OutputStream out) throws IOException {
    VarInt.encode(details.size(), out);
    for (Map.Entry<String, Object> d : details.entrySet()) {
      CoderIo.writeString(d.getKey(), out);
      Object v = d.getValue();
      if (v instanceof String s) {
        out.write('S');
        CoderIo.writeString(s, out);
      } else if (v instanceof Long l) {
        out.write('L');
        CoderIo.writeSignedLong(l, out);
      } else if (v instanceof Double x) {
        out.write('D');
        CoderIo.writeDouble(x, out);
      } else if (v instanceof Boolean b) {
        out.write(b ? 'T' : 'F');
      } else {
        throw new CoderException("unexpected detail value " + v);
      }
    }
  }

  @Override
  public VesselEvent decode(InputStream in) throws IOException {
    long id = CoderIo.readFixedLong(in);
    int kind = VarInt.decodeInt(in);
    if (kind < 0 || kind >= KINDS.length) {
      throw new CoderException("unknown event kind ordinal " + kind);
    }
    int mmsi = CoderIo.readSignedInt(in);
    int other = CoderIo.readSignedInt(in);
    long start = CoderIo.readSignedLong(in);
    long end = CoderIo.readSignedLong(in);
    double lat = CoderIo.readDouble(in);
    double lon = CoderIo.readDouble(in);
    Map<String, Object> details = decodeDetails(in);
    return new VesselEvent(
        id, KINDS[kind], mmsi, other, start, end, lat, lon, end == -1, details);
  }

  /** A detail map as {@link #encodeDetails} writes it. */
  static Map<String, Object> decodeDetails(InputStream in) throws IOException {
    int n = VarInt.decodeInt(in);
    Map<String, Object> details = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String key = CoderIo.readString(in);
      int type = in.read();
      switch (type) {
        case 'S' -> details.put(key, CoderIo.readString(in));
        case 'L' -> details.put(key, CoderIo.readSignedLong(in));
        case 'D' -> details.put(key, CoderIo.readDouble(in));
        case 'T' -> details.put(key, true);
        case 'F' -> details.put(key, false);
        default -> throw new CoderException("unknown detail type " + type);
      }
    }
    return details;
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
