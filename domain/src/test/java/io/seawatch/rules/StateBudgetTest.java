package io.seawatch.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/**
 * The per-vessel state budget (<= 1 KB): one typical vessel, busy in every rule at once - one
 * open segment, a gap state, a running loitering episode, inside one port, stats with two open
 * events, its latest fix in 9 encounter cells and one pair.
 */
public class StateBudgetTest {
  @Test
  public void aTypicalActiveVesselNeedsExactly766Bytes() {
    RuleConfig config = RuleConfig.defaults();
    int mmsi = 219_000_123;
    List<Fix> call = GeofenceTrackerTest.ferryCall();

    TrackSegmenter seg = new TrackSegmenter(config);
    TrackSegmenter.State segState = new TrackSegmenter.State(mmsi);
    GapDetector gap = new GapDetector(config);
    GapDetector.State gapState = new GapDetector.State(mmsi);
    LoiteringDetector loiter = new LoiteringDetector(config);
    LoiteringDetector.State loiterState = new LoiteringDetector.State(mmsi);
    GeofenceTracker fences = new GeofenceTracker(config, List.of(GeofenceTrackerTest.PORT));
    GeofenceTracker.State fenceState = new GeofenceTracker.State(mmsi);
    VesselRunningStats stats = new VesselRunningStats(config);
    VesselRunningStats.State statsState = new VesselRunningStats.State(mmsi);
    for (Fix f : call.subList(0, 6)) {
      seg.onPosition(segState, f).forEach(e -> stats.onEvent(statsState, e));
      stats.onPosition(statsState, f, segState.lastStep());
      gap.onPosition(gapState, f);
      loiter.onPosition(loiterState, f);
      fences.onPosition(fenceState, f);
    }
    stats.onEvent(
        statsState, VesselEvent.of(VesselEvent.Kind.LOITERING, mmsi, 0, 1, -1, 0, 0, "", null));
    assertTrue(loiterState.inEpisode());

    int segment = segState.toBytes().length;
    int gapBytes = gapState.toBytes().length;
    int loitering = loiterState.toBytes().length;
    int geofence = fenceState.toBytes().length;
    int running = statsState.toBytes().length;
    int cells = 9 * 32; // its entry in each of 9 cells (the cell header is shared)
    int pair = new EncounterDetector.PairState(mmsi, 1).toBytes().length;
    assertEquals(74, segment);
    assertEquals(36, gapBytes);
    assertEquals(66, loitering);
    assertEquals(104, geofence);
    assertEquals(120, running);
    assertEquals(78, pair);
    assertEquals(766, segment + gapBytes + loitering + geofence + running + cells + pair);
  }
}
