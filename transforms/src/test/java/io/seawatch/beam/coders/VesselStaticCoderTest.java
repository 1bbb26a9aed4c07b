package io.seawatch.beam.coders;

import io.seawatch.model.VesselStatic;
import org.junit.Test;

public class VesselStaticCoderTest {
  private final VesselStaticCoder coder = VesselStaticCoder.of();

  static VesselStatic type5() {
    return new VesselStatic(
        244_660_000, 1_700_000_000_000L, 5, 9_123_456, "PBAB", "NORTH STAR", 70, 100, 20, 10, 12,
        7.4, "ROTTERDAM", "05-17T14:30Z");
  }

  @Test
  public void roundTripsAllFieldsAndNoFields() throws Exception {
    CoderChecks.roundTrips(coder, type5());
    CoderChecks.roundTrips(
        coder,
        new VesselStatic(
            1, 2, 24, null, null, null, null, null, null, null, null, null, null, null));
  }

  @Test
  public void roundTripsEachFieldAloneIncludingNaN() throws Exception {
    CoderChecks.roundTrips(
        coder, new VesselStatic(1, 2, 19, null, null, "A\u0000B", 30, 1, 2, 3, 4, null, null, null));
    CoderChecks.roundTrips(
        coder,
        new VesselStatic(1, 2, 5, -7, "", null, null, null, null, null, null, Double.NaN, "", null));
  }

  @Test
  public void distinguishesNullFromEmpty() throws Exception {
    CoderChecks.distinguishes(
        coder,
        new VesselStatic(1, 2, 24, null, "", null, null, null, null, null, null, null, null, null),
        new VesselStatic(1, 2, 24, null, null, null, null, null, null, null, null, null, null, null));
  }
}
