package io.seawatch.beam.coders;

import static org.junit.Assert.assertEquals;

import io.seawatch.model.VesselPosition;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

public class VesselPositionCoderTest {
  private final VesselPositionCoder coder = VesselPositionCoder.of();

  static VesselPosition full() {
    return new VesselPosition(
        244_660_000, 1_700_000_000_123L, 1, 52.123456, 4.654321, 12.3, 271.5, 270, 0, true, 59,
        0x8000_0000_0000_0001L);
  }

  static VesselPosition notAvailable() {
    return new VesselPosition(
        2_442_000, 1_700_000_000_000L, 18, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1,
        false, 60, -1L);
  }

  @Test
  public void roundTripsFullAndNotAvailable() throws Exception {
    CoderChecks.roundTrips(coder, full());
    CoderChecks.roundTrips(coder, notAvailable());
  }

  @Test
  public void roundTripsExtremes() throws Exception {
    CoderChecks.roundTrips(
        coder,
        new VesselPosition(
            Integer.MAX_VALUE, Long.MIN_VALUE, 27, -90.0, -0.0, Double.MAX_VALUE,
            Double.MIN_VALUE, 359, 15, true, 63, 0L));
  }

  @Test
  public void everyNanEncodesAlike() throws Exception {
    double otherNan = Double.longBitsToDouble(0x7ff8_0000_0000_0abcL);
    VesselPosition a = notAvailable();
    VesselPosition b =
        new VesselPosition(
            a.mmsi(), a.timestampMillis(), a.type(), otherNan, otherNan, otherNan, otherNan,
            a.heading(), a.status(), a.accuracy(), a.second(), a.msgHash());
    org.apache.beam.sdk.testing.CoderProperties.coderDeterministic(coder, a, b);
  }

  @Test
  public void distinguishesZeroSigns() throws Exception {
    VesselPosition a = full();
    VesselPosition b =
        new VesselPosition(
            a.mmsi(), a.timestampMillis(), a.type(), a.lat(), a.lon(), -0.0, a.course(),
            a.heading(), a.status(), a.accuracy(), a.second(), a.msgHash());
    VesselPosition c =
        new VesselPosition(
            a.mmsi(), a.timestampMillis(), a.type(), a.lat(), a.lon(), 0.0, a.course(),
            a.heading(), a.status(), a.accuracy(), a.second(), a.msgHash());
    CoderChecks.distinguishes(coder, b, c);
  }

  @Test
  public void missingValuesCostNothing() throws Exception {
    // bits 1 + mmsi 4 + ts 6 + type 1 + 4 doubles 32 + heading 2 + status 1 + second 1 + hash 8
    // + source length 1 (no source)
    CoderChecks.hasSize(coder, full(), 57);
    // bits 1 + mmsi 4 (2442000 > 2^21) + ts 6 + type 1 + heading 1 + status 1 + second 1 + hash 8
    // + source length 1
    CoderChecks.hasSize(coder, notAvailable(), 24);
    // "rec1": length 1 + 4 bytes
    CoderChecks.hasSize(coder, full().withSource("rec1"), 61);
  }

  @Test
  public void theReceivingSourceSurvives() throws Exception {
    VesselPosition a = full().withSource("scn-stall");
    assertEquals(a, CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, a)));
    CoderChecks.distinguishes(coder, full().withSource("rec1"), full().withSource("rec2"));
  }
}
