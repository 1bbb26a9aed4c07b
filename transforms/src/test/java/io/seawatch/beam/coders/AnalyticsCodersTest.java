package io.seawatch.beam.coders;

import static org.junit.Assert.assertThrows;

import io.seawatch.beam.values.FenceFix;
import io.seawatch.beam.values.FixOrEvent;
import io.seawatch.db.GeofenceRow;
import io.seawatch.db.VesselStatsRow;
import io.seawatch.model.VesselPosition;
import io.seawatch.rules.DensityAggregator.DensityCount;
import io.seawatch.rules.EncounterDetector.Proximity;
import io.seawatch.rules.Fix;
import io.seawatch.rules.VesselEvent;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

public class AnalyticsCodersTest {
  static final Fix FIX =
      new Fix(
          new VesselPosition(
              257_000_001, 1_717_200_000_000L, 1, 57.0, 11.0, 10.0, Double.NaN, -1, 0, true, 7,
              -5L),
          "rec1");
  static final VesselEvent OPEN =
      VesselEvent.of(VesselEvent.Kind.GAP, 1, 0, 100, -1, Double.NaN, Double.NaN, "",
          Map.of("source", "", "feed_stall", true));
  static final VesselEvent CLOSED =
      VesselEvent.of(VesselEvent.Kind.ENCOUNTER, 1, 2, -100, 200, 1.5, -2.5, "",
          Map.of("observations", 3L, "slow_fraction", 0.5, "note", "x\u00e9"));
  static final GeofenceRow FENCE = new GeofenceRow("DKKEL", "Kelby", "port", "10 54, 11 54, 11 55");

  @Test
  public void roundTrip() throws Exception {
    CoderChecks.roundTrips(FixCoder.of(), FIX);
    CoderChecks.roundTrips(FixCoder.of(), Fix.of(FIX.position()));
    CoderChecks.roundTrips(VesselEventCoder.of(), OPEN);
    CoderChecks.roundTrips(VesselEventCoder.of(), CLOSED);
    CoderChecks.roundTrips(
        ProximityCoder.of(), new Proximity(1, 2, 3, 4.5, -5.5, 300.0, Double.NaN, 0.5));
    CoderChecks.roundTrips(DensityCountCoder.of(), new DensityCount(5_185_900L, 0L, 4, 3));
    CoderChecks.roundTrips(GeofenceRowCoder.of(), FENCE);
    CoderChecks.roundTrips(
        VesselStatsRowCoder.of(),
        new VesselStatsRow(1, 2, 3.0, 4.0, 5.5, 6.5, -7L, List.of(8L, -9L)));
    CoderChecks.roundTrips(FixOrEventCoder.of(), FixOrEvent.of(FIX));
    CoderChecks.roundTrips(FixOrEventCoder.of(), FixOrEvent.of(CLOSED));
    CoderChecks.roundTrips(FenceFixCoder.of(), new FenceFix(FIX, List.of(FENCE)));
    CoderChecks.roundTrips(FenceFixCoder.of(), new FenceFix(FIX, List.of()));
  }

  @Test
  public void distinguishesOpenFromClosedAndRejectsUnknownTags() throws Exception {
    VesselEvent closedGap =
        VesselEvent.of(VesselEvent.Kind.GAP, 1, 0, 100, 300, Double.NaN, Double.NaN, "",
            Map.of("source", "", "feed_stall", true));
    CoderChecks.distinguishes(VesselEventCoder.of(), OPEN, closedGap);
    assertThrows(
        CoderException.class,
        () -> CoderUtils.decodeFromByteArray(FixOrEventCoder.of(), new byte[] {'X'}));
  }
}
