package io.seawatch.beam.coders;

import io.seawatch.model.MessageCount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/** Deterministic coder for {@link MessageCount}: three varints. */
public final class MessageCountCoder extends AtomicCoder<MessageCount> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = -6190936050377270759L;

  private static final MessageCountCoder INSTANCE = new MessageCountCoder();

  private MessageCountCoder() {}

  public static MessageCountCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(MessageCount value, OutputStream out) throws IOException {
    VarInt.encode(value.minuteStartMillis(), out);
    VarInt.encode(value.type(), out);
    VarInt.encode(value.count(), out);
  }

  @Override
  public MessageCount decode(InputStream in) throws IOException {
    long minute = VarInt.decodeLong(in);
    int type = VarInt.decodeInt(in);
    long count = VarInt.decodeLong(in);
    return new MessageCount(minute, type, count);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
