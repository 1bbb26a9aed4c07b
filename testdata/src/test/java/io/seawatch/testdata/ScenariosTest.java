package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ScenariosTest {

  @Test
  public void tinyFleetIsTheTenVesselTenMinuteFleet() throws Exception {
    GeneratedFleet tiny = Scenarios.tinyFleet();
    assertEquals("24502a47b466a18abb310c36ab47bf6ebbca6b66e3bb1cb8250158bc81e64846",
        FleetGeneratorTest.sha256(tiny.lines()));
    assertEquals(964, tiny.manifest().totalLines());
    assertEquals(943, tiny.manifest().decodedMessages());
  }

  @Test
  public void cleanTinyFleetHasTheSameMessagesAndNoCorruptLines() {
    FleetManifest clean = Scenarios.cleanTinyFleet().manifest();
    FleetManifest tiny = Scenarios.tinyFleet().manifest();
    assertEquals(0, clean.corruptLineCount());
    assertEquals(954, clean.totalLines());
    assertEquals(tiny.messagesByType(), clean.messagesByType());
    assertEquals(tiny.validLinesByStation(), clean.validLinesByStation());
  }

  @Test
  public void hostileInputIsAThousandLines() {
    GarbageSet g = Scenarios.hostileInput();
    assertEquals(1000, g.lines().size());
    assertEquals(858, g.manifest().rejectedLines());
    assertEquals(142, g.manifest().validLines());
  }
}
