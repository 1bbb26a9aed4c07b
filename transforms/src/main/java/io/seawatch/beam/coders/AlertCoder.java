package io.seawatch.beam.coders;

import io.seawatch.rules.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * Deterministic coder for {@link Alert}. Kind and status by ordinal (both enums are
 * append-only); details as {@link VesselEventCoder#encodeDetails} writes them.
 */
public final class AlertCoder extends AtomicCoder<Alert> {
  private static final long serialVersionUID = -3301838170146734113L;

  private static final AlertCoder INSTANCE = new AlertCoder();
  private static final Alert.Kind[] KINDS = Alert.Kind.values();
  private static final Alert.Status[] STATUSES = Alert.Status.values();

  private AlertCoder() {}

  public static AlertCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Alert a, OutputStream out) throws IOException {
    CoderIo.writeFixedLong(a.id(), out);
    VarInt.encode(a.kind().ordinal(), out);
    CoderIo.writeSignedLong(a.timeMillis(), out);
    CoderIo.writeSignedLong(a.endMillis(), out);
    CoderIo.writeSignedLong(a.decidedMillis(), out);
    CoderIo.writeSignedInt(a.mmsi(), out);
    CoderIo.writeDouble(a.lat(), out);
    CoderIo.writeDouble(a.lon(), out);
    CoderIo.writeFixedLong(a.eventId(), out);
    out.write(a.status().ordinal());
    VesselEventCoder.encodeDetails(a.details(), out);
  }

  @Override
  public Alert decode(InputStream in) throws IOException {
    long id = CoderIo.readFixedLong(in);
    int kind = VarInt.decodeInt(in);
    if (kind < 0 || kind >= KINDS.length) {
      throw new CoderException("unknown alert kind ordinal " + kind);
    }
    long time = CoderIo.readSignedLong(in);
    long end = CoderIo.readSignedLong(in);
    long decided = CoderIo.readSignedLong(in);
    int mmsi = CoderIo.readSignedInt(in);
    double lat = CoderIo.readDouble(in);
    double lon = CoderIo.readDouble(in);
    long eventId = CoderIo.readFixedLong(in);
    int status = in.read();
    if (status < 0 || status >= STATUSES.length) {
      throw new CoderException("unknown alert status ordinal " + status);
    }
    return new Alert(
        id, KINDS[kind], time, end, decided, mmsi, lat, lon, eventId, STATUSES[status],
        VesselEventCoder.decodeDetails(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
