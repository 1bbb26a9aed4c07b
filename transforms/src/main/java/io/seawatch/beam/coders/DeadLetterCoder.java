package io.seawatch.beam.coders;

import io.seawatch.model.DeadLetter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * Deterministic coder for {@link DeadLetter}. The stage is encoded by its ordinal: new stages must
 * be appended to {@link DeadLetter.Stage}, never inserted (persisted state would decode wrongly).
 */
public final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 3935043130558670259L;

  private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
  private static final DeadLetter.Stage[] STAGES = DeadLetter.Stage.values();

  private DeadLetterCoder() {}

  public static DeadLetterCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(DeadLetter value, OutputStream out) throws IOException {
    CoderIo.writeString(value.payload(), out);
    VarInt.encode(value.stage().ordinal(), out);
    CoderIo.writeString(value.reason(), out);
    OriginCoder.of().encode(value.origin(), out);
    VarInt.encode(value.eventTimeMillis(), out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    String payload = CoderIo.readString(in);
    int stage = VarInt.decodeInt(in);
    if (stage < 0 || stage >= STAGES.length) {
      throw new CoderException("unknown dead letter stage ordinal " + stage);
    }
    String reason = CoderIo.readString(in);
    var origin = OriginCoder.of().decode(in);
    long eventTime = VarInt.decodeLong(in);
    return new DeadLetter(payload, STAGES[stage], reason, origin, eventTime);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
