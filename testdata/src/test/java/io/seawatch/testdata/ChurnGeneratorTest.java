package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class ChurnGeneratorTest {
  private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");

  private static List<String> lines(ChurnGenerator g) {
    List<String> out = new ArrayList<>();
    g.generate(out::add);
    return out;
  }

  @Test
  public void vesselsArriveReportAndGoSilentInEventTimeOrder() {
    // 5 vessels, 2 new per second, 3 reports 60 s apart, 2 minutes of heartbeat afterwards.
    ChurnGenerator g = new ChurnGenerator(5, 2, 3, Duration.ofSeconds(60), START,
        Duration.ofMinutes(2));
    List<String> lines = lines(g);
    assertEquals(17, g.lines());
    assertEquals(17, lines.size());
    assertEquals(5, g.activeVessels()); // all of them: fewer vessels than 2/s x 2 x 60 s
    // The benchmark's shape: 1,000,000 MMSIs, 20 new per second, 3 reports 10 min apart.
    ChurnGenerator big = new ChurnGenerator(1_000_000, 20, 3, Duration.ofMinutes(10), START,
        Duration.ofHours(1));
    assertEquals(24_000, big.activeVessels());
    assertEquals(3_000_060, big.lines());
    long t0 = START.getEpochSecond();
    // Seconds 0, 1, 2: first reports (2, 2, 1 vessels); 60-62 second reports; 120-122 third.
    List<Long> seconds = new ArrayList<>();
    for (String line : lines) {
      assertTrue(line, Nmea.checksumsValid(line));
      int c = line.indexOf("c:");
      seconds.add(Long.parseLong(line.substring(c + 2, line.indexOf('*'))) - t0);
    }
    assertEquals(List.of(0L, 0L, 1L, 1L, 2L, 60L, 60L, 61L, 61L, 62L, 120L, 120L, 121L, 121L,
        122L, 182L, 242L), seconds);
    // The first vessel's three reports are the same MMSI; the heartbeat is another.
    assertEquals(lines.get(0).substring(lines.get(0).indexOf('!')),
        ChurnGenerator.line(0, 0, 0));
    assertTrue(lines.get(5).endsWith(ChurnGenerator.line(0, 1, 60)));
    assertTrue(lines.get(16).endsWith(ChurnGenerator.line(-1, 0, 242)));
  }

  @Test
  public void countsVesselsArrivedAndHoldingState() {
    // 5 vessels, 2 new per second (seconds 0, 1, 2), 3 reports 60 s apart: the last reports at
    // 120, 121, 122 s.
    ChurnGenerator g = new ChurnGenerator(5, 2, 3, Duration.ofSeconds(60), START,
        Duration.ofMinutes(2));
    assertEquals(3, g.arrivalSeconds());
    assertEquals(Duration.ofSeconds(120), g.reportSpan());
    assertEquals(0, g.arrivedBy(START.minusMillis(1)));
    assertEquals(2, g.arrivedBy(START));
    assertEquals(2, g.arrivedBy(START.plusMillis(999)));
    assertEquals(4, g.arrivedBy(START.plusSeconds(1)));
    assertEquals(5, g.arrivedBy(START.plusSeconds(2)));
    assertEquals(5, g.arrivedBy(START.plusSeconds(3600)));
    Duration hold = Duration.ofSeconds(30);
    assertEquals(0, g.holdingState(START.minusSeconds(1), hold));
    assertEquals(2, g.holdingState(START, hold));
    assertEquals(5, g.holdingState(START.plusSeconds(149), hold));
    // Second 0's vessels: last report 120 s + 30 s hold = 150 s, no longer held at 150 s.
    assertEquals(3, g.holdingState(START.plusSeconds(150), hold));
    assertEquals(1, g.holdingState(START.plusMillis(151_500), hold));
    assertEquals(0, g.holdingState(START.plusSeconds(152), hold));
    // The benchmark's shape: 5 new per second, one report each, held 31 h 6 min after it.
    ChurnGenerator big = new ChurnGenerator(1_000_000, 5, 1, Duration.ofMinutes(10), START,
        Duration.ofHours(30));
    Duration held = Duration.ofMinutes(31 * 60 + 6);
    assertEquals(200_000, big.arrivalSeconds());
    assertEquals(559_800, big.holdingState(START.plusSeconds(150_000), held));
    assertEquals(750_005, big.arrivedBy(START.plusSeconds(150_000)));
    // Before steady state every arrival is held; after the last arrival the count drains.
    assertEquals(100_005, big.holdingState(START.plusSeconds(20_000), held));
    assertEquals(1_000_000, big.arrivedBy(START.plusSeconds(250_000)));
    assertEquals(5 * (200_000 - (250_000 - 111_960 + 1)),
        big.holdingState(START.plusSeconds(250_000), held));
    assertEquals(0, big.holdingState(START.plusSeconds(200_000 + 111_960), held));
  }

  @Test
  public void startPointsAreAOneMinuteGridOver51To58NAnd0To8E() {
    // AIS units: 1/10,000 minute. Vessel 0 at 51 N 0 E, the next one 1' north, vessel 420 1'
    // east; the grid has 420 x 480 points, so vessel 201,599 is the north-east corner.
    PositionReportA first = ChurnGenerator.report(0, 0, 0);
    assertEquals(51 * 60 * 10_000, first.lat());
    assertEquals(0, first.lon());
    assertEquals((51 * 60 + 1) * 10_000, ChurnGenerator.report(1, 0, 0).lat());
    assertEquals(0, ChurnGenerator.report(1, 0, 0).lon());
    assertEquals(51 * 60 * 10_000, ChurnGenerator.report(420, 0, 0).lat());
    assertEquals(10_000, ChurnGenerator.report(420, 0, 0).lon());
    assertEquals((51 * 60 + 419) * 10_000, ChurnGenerator.report(201_599, 0, 0).lat());
    assertEquals(479 * 10_000, ChurnGenerator.report(201_599, 0, 0).lon());
    assertEquals(first.lat(), ChurnGenerator.report(201_600, 0, 0).lat());
    assertEquals(first.lon(), ChurnGenerator.report(201_600, 0, 0).lon());
    // Each report moves 0.1' east.
    assertEquals(2 * 1_000, ChurnGenerator.report(0, 2, 1200).lon());
    assertEquals(10_000 + 1_000, ChurnGenerator.report(420, 1, 600).lon());
  }

  @Test
  public void reportsMoveTheVesselAndMmsisCountUp() {
    String a = ChurnGenerator.line(0, 0, 0);
    String b = ChurnGenerator.line(0, 1, 60);
    String other = ChurnGenerator.line(1, 0, 0);
    assertTrue(!a.equals(b) && !a.equals(other));
    assertEquals(ChurnGenerator.line(7, 2, 5), ChurnGenerator.line(7, 2, 5));
  }
}
