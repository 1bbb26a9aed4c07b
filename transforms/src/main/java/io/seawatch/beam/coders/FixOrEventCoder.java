package io.seawatch.beam.coders;

import io.seawatch.beam.values.FixOrEvent;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/** Deterministic coder for {@link FixOrEvent}: a tag byte (F or E), then the value. */
public final class FixOrEventCoder extends AtomicCoder<FixOrEvent> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 1040909044063882848L;

  private static final FixOrEventCoder INSTANCE = new FixOrEventCoder();

  private FixOrEventCoder() {}

  public static FixOrEventCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(FixOrEvent v, OutputStream out) throws IOException {
    if (v.isFix()) {
      out.write('F');
      FixCoder.of().encode(v.fix(), out);
    } else {
      out.write('E');
      VesselEventCoder.of().encode(v.event(), out);
    }
  }

  @Override
  public FixOrEvent decode(InputStream in) throws IOException {
    int tag = in.read();
    switch (tag) {
      case 'F':
        return FixOrEvent.of(FixCoder.of().decode(in));
      case 'E':
        return FixOrEvent.of(VesselEventCoder.of().decode(in));
      case -1:
        throw new EOFException("FixOrEvent: end of stream");
      default:
        throw new CoderException("FixOrEvent: unknown tag " + tag);
    }
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
