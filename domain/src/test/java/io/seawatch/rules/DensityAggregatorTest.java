package io.seawatch.rules;

import static io.seawatch.rules.TrackBuilder.millis;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import io.seawatch.geo.GridCell;
import io.seawatch.rules.DensityAggregator.DensityCount;
import java.util.List;
import org.junit.Test;

public class DensityAggregatorTest {
  private final DensityAggregator rule = new DensityAggregator();
  private static final long CELL = GridCell.idOf(54.05, 10.05);

  private static Fix at(int mmsi, String time, double lat, double lon) {
    return Fix.of(TrackBuilder.position(mmsi, millis("2024-09-01T" + time + "Z"), lat, lon, 5));
  }

  @Test
  public void countsPositionsAndDistinctVesselsPerHour() {
    DensityAggregator.State s = new DensityAggregator.State(CELL);
    List<Fix> fixes =
        List.of(
            at(3, "10:00:00", 54.01, 10.01),
            at(1, "10:10:00", 54.02, 10.02),
            at(3, "10:20:00", 54.03, 10.03),
            at(2, "10:59:59.999", 54.09, 10.09),
            at(3, "11:00:00", 54.00, 10.00),
            at(9, "11:30:00", 54.10, 10.05), // next cell north: not counted here
            at(7, "11:30:00", Double.NaN, Double.NaN));
    for (Fix f : fixes) {
      assertEquals(List.of(), rule.onPosition(s, f));
      s = DensityAggregator.State.fromBytes(s.toBytes());
    }
    assertEquals(millis("2024-09-01T11:00:00Z"), rule.timerMillis(s));
    assertEquals(List.of(), rule.onWatermark(s, millis("2024-09-01T10:59:59.999Z")));
    assertEquals(
        List.of(new DensityCount(CELL, millis("2024-09-01T10:00:00Z"), 4, 3)),
        rule.onWatermark(s, millis("2024-09-01T11:00:00Z")));
    // A straggler for the emitted hour is ignored (the Beam layer dead-letters late data).
    rule.onPosition(s, at(5, "10:30:00", 54.01, 10.01));
    assertEquals(
        List.of(new DensityCount(CELL, millis("2024-09-01T11:00:00Z"), 1, 1)),
        rule.onWatermark(s, millis("2024-09-01T15:00:00Z")));
    assertEquals(true, rule.isExpired(s, millis("2024-09-01T15:00:00Z")));
  }

  @Test
  public void stateSizeIsFourBytesPerDistinctVessel() {
    DensityAggregator.State s = new DensityAggregator.State(CELL);
    for (int i = 0; i < 10; i++) {
      rule.onPosition(s, at(100 + i % 5, "10:0" + i + ":00", 54.01, 10.01));
    }
    byte[] b = s.toBytes();
    assertEquals(21 + 16 + 5 * 4, b.length);
    assertArrayEquals(b, DensityAggregator.State.fromBytes(b).toBytes());
  }
}
