package io.seawatch.beam.coders;

import io.seawatch.rules.DensityAggregator.DensityCount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/** Deterministic coder for a {@code density_hourly} row. */
public final class DensityCountCoder extends AtomicCoder<DensityCount> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = -5695291351402176494L;

  private static final DensityCountCoder INSTANCE = new DensityCountCoder();

  private DensityCountCoder() {}

  public static DensityCountCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(DensityCount c, OutputStream out) throws IOException {
    VarInt.encode(c.cellId(), out);
    CoderIo.writeSignedLong(c.hourStartMillis(), out);
    VarInt.encode(c.positions(), out);
    VarInt.encode(c.vessels(), out);
  }

  @Override
  public DensityCount decode(InputStream in) throws IOException {
    return new DensityCount(
        VarInt.decodeLong(in),
        CoderIo.readSignedLong(in),
        VarInt.decodeInt(in),
        VarInt.decodeInt(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
