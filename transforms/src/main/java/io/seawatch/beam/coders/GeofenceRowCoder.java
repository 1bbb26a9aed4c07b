package io.seawatch.beam.coders;

import io.seawatch.db.GeofenceRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for a {@link GeofenceRow}. */
public final class GeofenceRowCoder extends AtomicCoder<GeofenceRow> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = -564861253554129316L;

  private static final GeofenceRowCoder INSTANCE = new GeofenceRowCoder();

  private GeofenceRowCoder() {}

  public static GeofenceRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(GeofenceRow r, OutputStream out) throws IOException {
    CoderIo.writeString(r.id(), out);
    CoderIo.writeString(r.name(), out);
    CoderIo.writeString(r.kind(), out);
    CoderIo.writeString(r.polygon(), out);
  }

  @Override
  public GeofenceRow decode(InputStream in) throws IOException {
    return new GeofenceRow(
        CoderIo.readString(in), CoderIo.readString(in), CoderIo.readString(in),
        CoderIo.readString(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
