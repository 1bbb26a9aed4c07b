package io.seawatch.beam.coders;

import io.seawatch.model.RawLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** The line as UTF-8, then its origin. */
public final class RawLineCoder extends AtomicCoder<RawLine> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = -2580836185306700455L;

  private static final RawLineCoder INSTANCE = new RawLineCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final OriginCoder ORIGIN = OriginCoder.of();

  private RawLineCoder() {}

  public static RawLineCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawLine value, OutputStream out) throws IOException {
    STRING.encode(value.line(), out);
    ORIGIN.encode(value.origin(), out);
  }

  @Override
  public RawLine decode(InputStream in) throws IOException {
    String line = STRING.decode(in);
    return new RawLine(line, ORIGIN.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
