package io.seawatch.testdata;

import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class TrackTest {
  /**
   * Sailing 0.01 NM along any lane or ferry route, turning points and turnarounds included, moves
   * a vessel at most a little more than 0.01 NM: the lateral offset never jumps.
   */
  @Test
  public void positionsAreContinuousThroughTurnsAndTurnarounds() {
    for (List<List<NorthSea.Point>> routes : List.of(NorthSea.LANES, NorthSea.FERRIES)) {
      for (List<NorthSea.Point> route : routes) {
        Track track = new Track(route, 1.0);
        double step = 0.01;
        Track.Fix prev = track.at(0);
        for (double d = step; d <= 2 * track.lengthNm() + step; d += step) {
          Track.Fix f = track.at(d);
          double moved = NorthSea.distanceNm(prev.lat(), prev.lon(), f.lat(), f.lon());
          assertTrue(route + " at " + d + " NM moved " + moved + " NM", moved < step * 1.6);
          prev = f;
        }
      }
    }
  }
}
