package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class GarbageGeneratorTest {

  @Test
  public void producesExactlyNLinesAndSaysSo() {
    GarbageSet g = new GarbageGenerator(7).generate(1000);
    assertEquals(1000, g.lines().size());
    GarbageManifest m = g.manifest();
    assertEquals(1000, m.lines());
    assertEquals(858, m.rejectedLines());
    assertEquals(142, m.validLines());
    assertEquals(72L, (long) m.linesByKind().get(GarbageKind.RANDOM_BYTES));
    assertEquals(71L, (long) m.linesByKind().get(GarbageKind.MOTION_NOT_AVAILABLE));
    assertEquals(1000, m.linesByKind().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(List.of(1), List.copyOf(m.validMessagesByType().keySet()));
    assertEquals(142L, (long) m.validMessagesByType().get(1));
  }

  @Test
  public void sameSeedSameLinesOtherSeedOtherLines() throws Exception {
    assertEquals(new GarbageGenerator(7).generate(200).lines(),
        new GarbageGenerator(7).generate(200).lines());
    assertFalse(new GarbageGenerator(7).generate(200).lines()
        .equals(new GarbageGenerator(8).generate(200).lines()));
    assertEquals("cb2be7b5ef90474f7f7e3bc4790e9fbbfcfa0847a58b85415a90016feeb0b75b",
        FleetGeneratorTest.sha256(new GarbageGenerator(7).generate(200).lines()));
  }

  @Test
  public void everyKindLooksAsAdvertised() {
    List<String> lines = new GarbageGenerator(1).generate(14).lines();
    assertEquals(14, lines.size());
    assertTrue(lines.contains("\\"));
    assertTrue(lines.contains("!"));
    assertEquals(1, lines.stream().filter(l -> l.length() > 10_000).count());
    assertEquals(1, lines.stream().filter(l -> l.contains("!AIVDM,1,1,,A,,0*")).count());
    assertEquals(1, lines.stream().filter(l -> l.startsWith("\\") && l.endsWith("\\")
        && l.length() > 1).count());
    assertEquals(1, lines.stream().filter(l -> l.contains("!AIVDM,2,1,")).count());
    assertEquals(1, lines.stream().filter(l -> l.contains("!AIVDM,2,2,")).count());
    // valid-but-absurd lines, the checksum-correct rejects, and the checksum-broken ones
    long checksumOk = lines.stream().filter(Nmea::checksumsValid).count();
    // position n/a, motion n/a, lat 95, type 0, empty payload, 10 kB, two orphans
    assertEquals(8, checksumOk);
  }

  @Test
  public void validLinesCarryTheSentinels() {
    List<String> lines = new GarbageGenerator(1).generate(14).lines();
    PositionReportA na = new PositionReportA(1, 0, 244100012, 15, -128, 1023, false,
        AisUnits.LON_NOT_AVAILABLE, AisUnits.LAT_NOT_AVAILABLE, 3600, 511, 60, 0, false, 0);
    String sentence = new NmeaWriter().sentences(na.encode(), 'A').get(0);
    assertEquals(1, lines.stream().filter(l -> l.endsWith(sentence)).count());
  }
}
