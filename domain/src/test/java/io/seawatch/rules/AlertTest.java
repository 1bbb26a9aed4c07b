package io.seawatch.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class AlertTest {
  private static final long T = 1_714_557_600_000L; // 2024-05-01T10:00:00Z

  private static VesselEvent gap(long end) {
    return VesselEvent.of(
        VesselEvent.Kind.GAP, 235000001, 0, T, end, 51.5, 1.25, "", Map.of("source", "s1"));
  }

  @Test
  public void kinds() {
    assertEquals(Optional.of(Alert.Kind.GAP_OPENED), Alert.kindOf(VesselEvent.Kind.GAP));
    assertEquals(
        Optional.of(Alert.Kind.LOITERING_STARTED), Alert.kindOf(VesselEvent.Kind.LOITERING));
    assertEquals(
        Optional.of(Alert.Kind.ENCOUNTER_STARTED), Alert.kindOf(VesselEvent.Kind.ENCOUNTER));
    assertEquals(Optional.empty(), Alert.kindOf(VesselEvent.Kind.SEGMENT));
    assertEquals(Optional.empty(), Alert.kindOf(VesselEvent.Kind.PORT_VISIT));
  }

  /** Part of the storage format (ids in the table and on the topic): never changes. */
  @Test
  public void idIsPinned() {
    assertEquals(3_347_203_548_937_898_026L, Alert.idOf(Alert.Kind.GAP_OPENED, 42));
  }

  @Test
  public void provisionalJson() {
    Alert a = Alert.of(gap(-1), Alert.Status.PROVISIONAL, T + 21_600_000L);
    assertEquals(Alert.idOf(Alert.Kind.GAP_OPENED, gap(-1).id()), a.id());
    assertEquals(
        "{\"id\":\"" + a.id() + "\",\"kind\":\"GAP_OPENED\",\"time\":\"2024-05-01T10:00:00Z\","
            + "\"end_time\":null,\"decided_at\":\"2024-05-01T16:00:00Z\",\"mmsi\":235000001,"
            + "\"lat\":51.5,\"lon\":1.25,\"event_id\":\"" + gap(-1).id() + "\","
            + "\"status\":\"provisional\",\"details\":{\"source\":\"s1\"}}",
        a.toJson());
  }

  @Test
  public void pairAndUnknownPosition() {
    VesselEvent e =
        VesselEvent.of(
            VesselEvent.Kind.ENCOUNTER, 1, 2, T, -1, Double.NaN, Double.NaN, "", Map.of());
    Alert a = Alert.of(e, Alert.Status.FINAL, T);
    assertEquals(-1, a.decidedMillis());
    assertEquals(
        "{\"id\":\"" + a.id() + "\",\"kind\":\"ENCOUNTER_STARTED\","
            + "\"time\":\"2024-05-01T10:00:00Z\",\"end_time\":null,\"decided_at\":null,"
            + "\"mmsi\":1,\"lat\":null,\"lon\":null,\"event_id\":\"" + e.id() + "\","
            + "\"status\":\"final\",\"details\":{\"other_mmsi\":2}}",
        a.toJson());
  }

  @Test(expected = IllegalArgumentException.class)
  public void segmentsRaiseNoAlert() {
    Alert.of(
        VesselEvent.of(VesselEvent.Kind.SEGMENT, 1, 0, T, -1, 0, 0, "", Map.of()),
        Alert.Status.FINAL,
        -1);
  }

  @Test
  public void laterIsOrderIndependent() {
    Alert provisional = Alert.of(gap(-1), Alert.Status.PROVISIONAL, T);
    Alert retracted = provisional.retracted();
    Alert finalOpen = Alert.of(gap(-1), Alert.Status.FINAL, -1);
    Alert finalClosed = Alert.of(gap(T + 30_000_000L), Alert.Status.FINAL, -1);
    Alert[] all = {provisional, retracted, finalOpen, finalClosed};
    for (Alert a : all) {
      for (Alert b : all) {
        Alert expected = a == finalClosed || b == finalClosed ? finalClosed
            : a == finalOpen || b == finalOpen ? finalOpen
            : a == retracted || b == retracted ? retracted : provisional;
        assertSame(expected, Alert.later(a, b));
      }
    }
    assertEquals(Alert.Status.RETRACTED, retracted.status());
    assertEquals(T, retracted.decidedMillis());
    assertEquals(provisional.id(), retracted.id());
  }
}
