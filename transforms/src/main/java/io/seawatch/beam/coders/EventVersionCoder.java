package io.seawatch.beam.coders;

import io.seawatch.beam.values.EventVersion;
import io.seawatch.rules.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/** Deterministic coder for {@link EventVersion}: the event, a status byte, the decided time. */
public final class EventVersionCoder extends AtomicCoder<EventVersion> {
  private static final long serialVersionUID = 7310449872161523205L;

  private static final EventVersionCoder INSTANCE = new EventVersionCoder();
  private static final Alert.Status[] STATUSES = Alert.Status.values();

  private EventVersionCoder() {}

  public static EventVersionCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(EventVersion v, OutputStream out) throws IOException {
    VesselEventCoder.of().encode(v.event(), out);
    out.write(v.status().ordinal());
    CoderIo.writeSignedLong(v.decidedMillis(), out);
  }

  @Override
  public EventVersion decode(InputStream in) throws IOException {
    var event = VesselEventCoder.of().decode(in);
    int status = in.read();
    if (status < 0 || status >= STATUSES.length) {
      throw new CoderException("unknown alert status ordinal " + status);
    }
    return new EventVersion(event, STATUSES[status], CoderIo.readSignedLong(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
