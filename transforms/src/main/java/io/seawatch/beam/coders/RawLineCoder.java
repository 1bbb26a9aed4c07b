package io.seawatch.beam.coders;

import io.seawatch.model.Origin;
import io.seawatch.model.RawLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Line, stream, partition (zig-zag free: -1 encodes as a 5-byte varint, rare), offset. */
public final class RawLineCoder extends AtomicCoder<RawLine> {
  private static final RawLineCoder INSTANCE = new RawLineCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private RawLineCoder() {}

  public static RawLineCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawLine value, OutputStream out) throws IOException {
    STRING.encode(value.line(), out);
    STRING.encode(value.origin().stream(), out);
    INT.encode(value.origin().partition(), out);
    LONG.encode(value.origin().offset(), out);
  }

  @Override
  public RawLine decode(InputStream in) throws IOException {
    String line = STRING.decode(in);
    String stream = STRING.decode(in);
    int partition = INT.decode(in);
    long offset = LONG.decode(in);
    return new RawLine(line, Origin.of(stream, partition, offset));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
