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
  public void reportsMoveTheVesselAndMmsisCountUp() {
    String a = ChurnGenerator.line(0, 0, 0);
    String b = ChurnGenerator.line(0, 1, 60);
    String other = ChurnGenerator.line(1, 0, 0);
    assertTrue(!a.equals(b) && !a.equals(other));
    assertEquals(ChurnGenerator.line(7, 2, 5), ChurnGenerator.line(7, 2, 5));
  }
}
