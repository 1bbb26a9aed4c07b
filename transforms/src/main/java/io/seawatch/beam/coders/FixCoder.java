package io.seawatch.beam.coders;

import io.seawatch.rules.Fix;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link Fix}: the position, then the source name. */
public final class FixCoder extends AtomicCoder<Fix> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 1063037432156316356L;

  private static final FixCoder INSTANCE = new FixCoder();

  private FixCoder() {}

  public static FixCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Fix value, OutputStream out) throws IOException {
    VesselPositionCoder.of().encode(value.position(), out);
    CoderIo.writeString(value.source(), out);
  }

  @Override
  public Fix decode(InputStream in) throws IOException {
    return new Fix(VesselPositionCoder.of().decode(in), CoderIo.readString(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
