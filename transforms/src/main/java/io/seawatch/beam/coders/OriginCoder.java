package io.seawatch.beam.coders;

import io.seawatch.model.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/** Deterministic coder for {@link Origin}: stream, zig-zag partition (-1 for files), offset. */
public final class OriginCoder extends AtomicCoder<Origin> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 2238783407660828962L;

  private static final OriginCoder INSTANCE = new OriginCoder();

  private OriginCoder() {}

  public static OriginCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Origin value, OutputStream out) throws IOException {
    CoderIo.writeString(value.stream(), out);
    CoderIo.writeSignedInt(value.partition(), out);
    VarInt.encode(value.offset(), out);
  }

  @Override
  public Origin decode(InputStream in) throws IOException {
    String stream = CoderIo.readString(in);
    int partition = CoderIo.readSignedInt(in);
    long offset = VarInt.decodeLong(in);
    return Origin.of(stream, partition, offset);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
