package io.seawatch.beam.coders;

import io.seawatch.db.VesselStaticRow;
import io.seawatch.model.VesselStatic;
import org.junit.Test;

public class VesselStaticRowCoderTest {
  private final VesselStaticRowCoder coder = VesselStaticRowCoder.of();

  @Test
  public void roundTripsMergedRows() throws Exception {
    VesselStaticRow a = VesselStaticRow.from(VesselStaticCoderTest.type5());
    VesselStaticRow b =
        VesselStaticRow.from(
            new VesselStatic(
                244_660_000, 1_700_000_100_000L, 24, null, null, "NEW NAME", null, null, null,
                null, null, null, null, null));
    CoderChecks.roundTrips(coder, a);
    CoderChecks.roundTrips(coder, a.merge(b));
    CoderChecks.distinguishes(coder, a, a.merge(b));
  }
}
