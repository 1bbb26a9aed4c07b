package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ScenariosTest {

  @Test
  public void tinyFleetIsTheTenVesselTenMinuteFleet() throws Exception {
    GeneratedFleet tiny = Scenarios.tinyFleet();
    assertEquals("962984373eb512e038820d8e83a7df427c468dda18cf203d4a9da56964891731",
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
