package io.seawatch.beam.coders;

import io.seawatch.db.VesselStatsRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/** Deterministic coder for a {@link VesselStatsRow}. */
public final class VesselStatsRowCoder extends AtomicCoder<VesselStatsRow> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 7855621177139386691L;

  private static final VesselStatsRowCoder INSTANCE = new VesselStatsRowCoder();

  private VesselStatsRowCoder() {}

  public static VesselStatsRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(VesselStatsRow r, OutputStream out) throws IOException {
    CoderIo.writeSignedInt(r.mmsi(), out);
    CoderIo.writeSignedLong(r.asOfMillis(), out);
    CoderIo.writeDouble(r.lat(), out);
    CoderIo.writeDouble(r.lon(), out);
    CoderIo.writeDouble(r.distanceTodayNm(), out);
    CoderIo.writeDouble(r.distanceTotalNm(), out);
    CoderIo.writeFixedLong(r.currentSegment(), out);
    VarInt.encode(r.openEvents().size(), out);
    for (long id : r.openEvents()) {
      CoderIo.writeFixedLong(id, out);
    }
  }

  @Override
  public VesselStatsRow decode(InputStream in) throws IOException {
    int mmsi = CoderIo.readSignedInt(in);
    long asOf = CoderIo.readSignedLong(in);
    double lat = CoderIo.readDouble(in);
    double lon = CoderIo.readDouble(in);
    double today = CoderIo.readDouble(in);
    double total = CoderIo.readDouble(in);
    long segment = CoderIo.readFixedLong(in);
    int n = VarInt.decodeInt(in);
    List<Long> open = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      open.add(CoderIo.readFixedLong(in));
    }
    return new VesselStatsRow(mmsi, asOf, lat, lon, today, total, segment, open);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
