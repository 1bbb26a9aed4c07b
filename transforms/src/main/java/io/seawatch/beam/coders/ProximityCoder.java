package io.seawatch.beam.coders;

import io.seawatch.rules.EncounterDetector.Proximity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for an encounter {@link Proximity} observation. */
public final class ProximityCoder extends AtomicCoder<Proximity> {
  // Coders are Java-serialized into Flink savepoints: a fixed id keeps old savepoints readable
  // when a signature changes (the value is the one the class had before it was pinned).
  private static final long serialVersionUID = 6086068360982580527L;

  private static final ProximityCoder INSTANCE = new ProximityCoder();

  private ProximityCoder() {}

  public static ProximityCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Proximity p, OutputStream out) throws IOException {
    CoderIo.writeSignedInt(p.mmsi(), out);
    CoderIo.writeSignedInt(p.otherMmsi(), out);
    CoderIo.writeSignedLong(p.timeMillis(), out);
    CoderIo.writeDouble(p.lat(), out);
    CoderIo.writeDouble(p.lon(), out);
    CoderIo.writeDouble(p.distanceMeters(), out);
    CoderIo.writeDouble(p.speedKnots(), out);
    CoderIo.writeDouble(p.otherSpeedKnots(), out);
  }

  @Override
  public Proximity decode(InputStream in) throws IOException {
    return new Proximity(
        CoderIo.readSignedInt(in),
        CoderIo.readSignedInt(in),
        CoderIo.readSignedLong(in),
        CoderIo.readDouble(in),
        CoderIo.readDouble(in),
        CoderIo.readDouble(in),
        CoderIo.readDouble(in),
        CoderIo.readDouble(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
