package io.seawatch.beam.coders;

import io.seawatch.model.VesselPosition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Deterministic coder for {@link VesselPosition}. A presence bitmask marks which of lat, lon, speed
 * and course are available (not NaN) and carries the accuracy flag; NaN values are not written and
 * decode as {@link Double#NaN}. The receiving source ends the record (UTF-8, length first). A position with everything available takes about 50 bytes.
 */
public final class VesselPositionCoder extends AtomicCoder<VesselPosition> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 5850248512372534625L;

  private static final VesselPositionCoder INSTANCE = new VesselPositionCoder();

  private static final int LAT = 1;
  private static final int LON = 1 << 1;
  private static final int SPEED = 1 << 2;
  private static final int COURSE = 1 << 3;
  private static final int ACCURACY = 1 << 4;

  private VesselPositionCoder() {}

  public static VesselPositionCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(VesselPosition v, OutputStream out) throws IOException {
    int bits =
        (Double.isNaN(v.lat()) ? 0 : LAT)
            | (Double.isNaN(v.lon()) ? 0 : LON)
            | (Double.isNaN(v.speed()) ? 0 : SPEED)
            | (Double.isNaN(v.course()) ? 0 : COURSE)
            | (v.accuracy() ? ACCURACY : 0);
    out.write(bits);
    VarInt.encode(v.mmsi(), out);
    VarInt.encode(v.timestampMillis(), out);
    VarInt.encode(v.type(), out);
    if ((bits & LAT) != 0) {
      CoderIo.writeDouble(v.lat(), out);
    }
    if ((bits & LON) != 0) {
      CoderIo.writeDouble(v.lon(), out);
    }
    if ((bits & SPEED) != 0) {
      CoderIo.writeDouble(v.speed(), out);
    }
    if ((bits & COURSE) != 0) {
      CoderIo.writeDouble(v.course(), out);
    }
    CoderIo.writeSignedInt(v.heading(), out);
    CoderIo.writeSignedInt(v.status(), out);
    CoderIo.writeSignedInt(v.second(), out);
    CoderIo.writeFixedLong(v.msgHash(), out);
    CoderIo.writeString(v.source(), out);
  }

  @Override
  public VesselPosition decode(InputStream in) throws IOException {
    int bits = in.read();
    if (bits < 0) {
      throw new java.io.EOFException("VesselPosition: end of stream");
    }
    int mmsi = VarInt.decodeInt(in);
    long ts = VarInt.decodeLong(in);
    int type = VarInt.decodeInt(in);
    double lat = (bits & LAT) != 0 ? CoderIo.readDouble(in) : Double.NaN;
    double lon = (bits & LON) != 0 ? CoderIo.readDouble(in) : Double.NaN;
    double speed = (bits & SPEED) != 0 ? CoderIo.readDouble(in) : Double.NaN;
    double course = (bits & COURSE) != 0 ? CoderIo.readDouble(in) : Double.NaN;
    int heading = CoderIo.readSignedInt(in);
    int status = CoderIo.readSignedInt(in);
    int second = CoderIo.readSignedInt(in);
    long hash = CoderIo.readFixedLong(in);
    String source = CoderIo.readString(in);
    return new VesselPosition(
        mmsi, ts, type, lat, lon, speed, course, heading, status, (bits & ACCURACY) != 0, second,
        hash, source);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
