package io.seawatch.beam.coders;

import io.seawatch.beam.values.FenceFix;
import io.seawatch.db.GeofenceRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/** Deterministic coder for {@link FenceFix}: the fix, then the fences containing it. */
public final class FenceFixCoder extends AtomicCoder<FenceFix> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 2634238764525446798L;

  private static final FenceFixCoder INSTANCE = new FenceFixCoder();

  private FenceFixCoder() {}

  public static FenceFixCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(FenceFix v, OutputStream out) throws IOException {
    FixCoder.of().encode(v.fix(), out);
    VarInt.encode(v.inside().size(), out);
    for (GeofenceRow r : v.inside()) {
      GeofenceRowCoder.of().encode(r, out);
    }
  }

  @Override
  public FenceFix decode(InputStream in) throws IOException {
    var fix = FixCoder.of().decode(in);
    int n = VarInt.decodeInt(in);
    List<GeofenceRow> inside = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      inside.add(GeofenceRowCoder.of().decode(in));
    }
    return new FenceFix(fix, inside);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
