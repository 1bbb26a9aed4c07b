package io.seawatch.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

public class VesselEventTest {
  @Test
  public void idIsStableAcrossRunsAndVersions() {
    // Golden value: the id is part of the storage format (rows are upserted on it).
    assertEquals(
        VesselEvent.idOf(VesselEvent.Kind.GAP, 219_000_001, 0, 1_714_528_800_000L, ""),
        5161744002862100897L);
    assertNotEquals(
        VesselEvent.idOf(VesselEvent.Kind.GEOFENCE_ENTRY, 1, 0, 5, "A"),
        VesselEvent.idOf(VesselEvent.Kind.GEOFENCE_ENTRY, 1, 0, 5, "B"));
    assertNotEquals(
        VesselEvent.idOf(VesselEvent.Kind.GAP, 1, 0, 5, ""),
        VesselEvent.idOf(VesselEvent.Kind.LOITERING, 1, 0, 5, ""));
  }

  @Test
  public void detailsAreSortedNormalizedAndRenderedAsJson() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("z", 1);
    d.put("a", "x\"y");
    d.put("m", 1.5f);
    d.put("b", true);
    d.put("n", Double.NaN);
    VesselEvent e = VesselEvent.of(VesselEvent.Kind.GAP, 1, 0, 5, -1, 1, 2, "", d);
    assertEquals(1L, e.details().get("z"));
    assertEquals(1.5, e.details().get("m"));
    assertEquals("{\"a\":\"x\\\"y\",\"b\":true,\"m\":1.5,\"n\":null,\"z\":1}", e.detailsJson());
    assertEquals(true, e.open());
    assertEquals(e.id(), e.withDetail("feed_stall", true).id());
  }

  @Test
  public void inconsistentEventsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new VesselEvent(1, VesselEvent.Kind.GAP, 1, 0, 5, -1, 0, 0, false, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> VesselEvent.of(VesselEvent.Kind.GAP, 1, 0, 5, 4, 0, 0, "", Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            VesselEvent.of(
                VesselEvent.Kind.GAP, 1, 0, 5, 6, 0, 0, "", Map.of("x", new Object())));
  }

  @Test
  public void configDefaultsAndValidation() {
    RuleConfig c = RuleConfig.defaults();
    assertEquals(25.0, c.maxSpeedKnots(), 0);
    assertEquals(1.0, c.minJumpNm(), 0);
    assertEquals(6 * 3_600_000L, c.gapThresholdMillis());
    assertEquals(2.0, c.loiterMaxSpeedKnots(), 0);
    assertEquals(4 * 3_600_000L, c.loiterMinDurationMillis());
    assertEquals(500.0, c.encounterMaxDistanceMeters(), 0);
    assertEquals(2 * 3_600_000L, c.encounterMinDurationMillis());
    assertEquals(2.0, c.encounterMaxSpeedKnots(), 0);
    assertEquals(c, c.toBuilder().build());
    assertEquals(3.0, c.toBuilder().loiterMaxSpeedKnots(3).build().loiterMaxSpeedKnots(), 0);
    assertThrows(IllegalArgumentException.class, () -> c.toBuilder().maxSpeedKnots(0).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> c.toBuilder().vesselStateTtlMillis(c.gapThresholdMillis()).build());
  }

  @Test
  public void corruptStateBytesAreRejected() {
    byte[] b = new GapDetector.State(1).toBytes();
    b[0] = 9;
    assertEquals(
        "GapDetector.State: unknown state format 9",
        assertThrows(IllegalArgumentException.class, () -> GapDetector.State.fromBytes(b))
            .getMessage());
    byte[] longer = java.util.Arrays.copyOf(new LoiteringDetector.State(1).toBytes(), 67);
    assertThrows(IllegalArgumentException.class, () -> LoiteringDetector.State.fromBytes(longer));
    byte[] shorter = java.util.Arrays.copyOf(new LoiteringDetector.State(1).toBytes(), 20);
    assertThrows(IllegalArgumentException.class, () -> LoiteringDetector.State.fromBytes(shorter));
  }

  @Test
  public void detailsReadBackAsWrittenAndAsPostgresPrintsThem() {
    Map<String, Object> d = new java.util.TreeMap<>();
    d.put("source", "rec \"1\"\\\u0001");
    d.put("duration_s", 25_200L);
    d.put("speed", 0.00001);
    d.put("lat", 54.0);
    d.put("stall", false);
    d.put("bad", Double.NaN);
    VesselEvent e = VesselEvent.of(VesselEvent.Kind.GAP, 1, 0, 0, -1, 0, 0, "", d);
    org.junit.Assert.assertEquals(e.details(), VesselEvent.detailsFromJson(e.detailsJson()));
    // jsonb::text: spaces after ':' and ',', numbers as stored.
    org.junit.Assert.assertEquals(
        Map.of("duration_s", 25_200L, "lat", 54.0, "speed", 1.0E-5, "ok", true),
        VesselEvent.detailsFromJson(
            "{\"ok\": true, \"lat\": 54.0, \"speed\": 0.00001, \"duration_s\": 25200}"));
    org.junit.Assert.assertEquals(Map.of(), VesselEvent.detailsFromJson(" { } "));
  }

  @Test(expected = IllegalArgumentException.class)
  public void nestedDetailsAreRefused() {
    VesselEvent.detailsFromJson("{\"a\": {\"b\": 1}}");
  }
}
