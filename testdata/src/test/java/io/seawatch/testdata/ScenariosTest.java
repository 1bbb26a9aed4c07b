package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ScenariosTest {

  @Test
  public void tinyFleetIsTheTenVesselTenMinuteFleet() throws Exception {
    GeneratedFleet tiny = Scenarios.tinyFleet();
    assertEquals("8d34efd79429b7f9bafb83d78c7be9c54f4b2b8595c07dd0a4731226643a96f2",
        FleetGeneratorTest.sha256(tiny.lines()));
    assertEquals(658, tiny.manifest().totalLines());
    assertEquals(641, tiny.manifest().decodedMessages());
  }

  @Test
  public void cleanTinyFleetHasTheSameMessagesAndNoCorruptLines() {
    FleetManifest clean = Scenarios.cleanTinyFleet().manifest();
    FleetManifest tiny = Scenarios.tinyFleet().manifest();
    assertEquals(0, clean.corruptLineCount());
    assertEquals(651, clean.totalLines());
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
