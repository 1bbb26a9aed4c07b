package io.seawatch.rules;

import static io.seawatch.rules.TrackBuilder.millis;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class GeofenceTrackerTest {
  private static final int FERRY = 219_000_123;
  /** A harbour box lat 54.000-54.020, lon 10.000-10.030. */
  static final Geofence PORT =
      Geofence.parse("DKKEL", "Kelby", "port", "10 54, 10.03 54, 10.03 54.02, 10 54.02");
  static final Geofence MPA =
      Geofence.parse(
          "MPA1",
          "Reserve",
          "mpa",
          "{\"type\":\"Polygon\",\"coordinates\":[[[10,54],[10.03,54],[10.03,54.02],[10,54]]]}");

  private final GeofenceTracker rule = new GeofenceTracker(RuleConfig.defaults(), List.of(PORT));

  static Fix fix(String time, double lat, double speed) {
    long t = millis("2024-07-01T" + time + "Z");
    return new Fix(TrackBuilder.position(FERRY, t, lat, 10.015, speed), "rec1");
  }

  /** In at 09:54, stopped 10:00-10:40, out at 10:48. */
  static List<Fix> ferryCall() {
    return List.of(
        fix("09:50:00", 53.990, 10),
        fix("09:54:00", 54.002, 10),
        fix("09:58:00", 54.010, 3),
        fix("10:00:00", 54.012, 0),
        fix("10:10:00", 54.012, 0),
        fix("10:20:00", 54.012, 0.1),
        fix("10:30:00", 54.012, 0),
        fix("10:40:00", 54.012, 4),
        fix("10:44:00", 54.004, 10),
        fix("10:48:00", 53.995, 10),
        fix("10:52:00", 53.985, 10));
  }

  private List<VesselEvent> run(GeofenceTracker r, List<Fix> fixes) {
    GeofenceTracker.State s = new GeofenceTracker.State(FERRY);
    List<VesselEvent> out = new ArrayList<>();
    for (Fix f : fixes) {
      out.addAll(r.onPosition(s, f));
      s = GeofenceTracker.State.fromBytes(s.toBytes());
    }
    return out;
  }

  @Test
  public void ferryEntersStopsFortyMinutesAndLeaves() {
    List<VesselEvent> events = run(rule, ferryCall());
    long in = millis("2024-07-01T09:54:00Z");
    long out = millis("2024-07-01T10:48:00Z");
    Map<String, Object> fence =
        Map.of("geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port");
    assertEquals(
        List.of(
            VesselEvent.of(
                VesselEvent.Kind.GEOFENCE_ENTRY, FERRY, 0, in, in, 54.002, 10.015, "DKKEL", fence),
            VesselEvent.of(
                VesselEvent.Kind.GEOFENCE_EXIT, FERRY, 0, out, out, 53.995, 10.015, "DKKEL",
                Map.of(
                    "geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port",
                    "dwell_s", 3240L)),
            VesselEvent.of(
                VesselEvent.Kind.PORT_VISIT, FERRY, 0, in, out, 54.012, 10.015, "DKKEL",
                Map.of(
                    "geofence", "DKKEL", "name", "Kelby", "geofence_kind", "port",
                    "dwell_s", 3240L, "stop_s", 2400L))),
        events);
  }

  @Test
  public void oneStrayFixAcrossTheEdgeChangesNothing() {
    List<VesselEvent> events =
        run(
            rule,
            List.of(
                fix("09:00:00", 54.005, 0),
                fix("09:10:00", 54.005, 0),
                fix("09:20:00", 53.9999, 0), // GPS jitter outside
                fix("09:30:00", 54.000, 0), // exactly on the edge counts as inside
                fix("09:40:00", 53.9999, 0),
                fix("09:50:00", 54.005, 0)));
    assertEquals(1, events.size());
    assertEquals(VesselEvent.Kind.GEOFENCE_ENTRY, events.get(0).kind());
  }

  @Test
  public void aSingleFixInsideIsNoEntryAndAShortStopIsNoPortVisit() {
    assertEquals(
        List.of(), run(rule, List.of(fix("09:00:00", 54.005, 0), fix("09:10:00", 53.9, 9))));
    List<VesselEvent> passing =
        run(
            rule,
            List.of(
                fix("09:00:00", 54.005, 0),
                fix("09:29:00", 54.005, 0),
                fix("09:29:30", 54.006, 5),
                fix("09:40:00", 53.9, 9),
                fix("09:50:00", 53.8, 9)));
    assertEquals(2, passing.size());
    assertEquals(VesselEvent.Kind.GEOFENCE_EXIT, passing.get(1).kind());
  }

  @Test
  public void aNonPortFenceHasNoVisitsAndOverlappingFencesAreTrackedApart() {
    GeofenceTracker two = new GeofenceTracker(RuleConfig.defaults(), List.of(PORT, MPA));
    List<String> kinds = new ArrayList<>();
    for (VesselEvent e : run(two, ferryCall())) {
      kinds.add(e.kind() + " " + e.details().get("geofence"));
    }
    // The MPA triangle's diagonal crosses lon 10.015 at lat 54.010 (on the edge: inside); the
    // ferry leaves it at 10:00 (54.012), re-enters for one fix at 10:44 (unconfirmed).
    assertEquals(
        List.of(
            "GEOFENCE_ENTRY DKKEL",
            "GEOFENCE_ENTRY MPA1",
            "GEOFENCE_EXIT MPA1",
            "GEOFENCE_EXIT DKKEL",
            "PORT_VISIT DKKEL"),
        kinds);
  }

  @Test
  public void aVesselSilentInsideIsExitedAtItsLastFixAfterTheTimeout() {
    GeofenceTracker.State s = new GeofenceTracker.State(FERRY);
    for (Fix f : ferryCall().subList(0, 7)) {
      rule.onPosition(s, f);
    }
    long last = millis("2024-07-01T10:30:00Z");
    assertEquals(last + 24 * 3_600_000L, rule.timerMillis(s));
    assertEquals(List.of(), rule.onWatermark(s, last + 24 * 3_600_000L - 1));
    List<VesselEvent> out = rule.onWatermark(s, last + 24 * 3_600_000L);
    assertEquals(2, out.size());
    assertEquals(last, out.get(0).startMillis());
    assertEquals(true, out.get(0).details().get("timeout"));
    assertEquals(VesselEvent.Kind.PORT_VISIT, out.get(1).kind());
    assertEquals(1800L, out.get(1).details().get("stop_s")); // stopped 10:00 to the last fix
    assertEquals(2160L, out.get(1).details().get("dwell_s"));
    assertEquals(true, rule.isExpired(s, last + 24 * 3_600_000L));
  }

  @Test
  public void stateRoundTripsWithExactSize() {
    GeofenceTracker.State s = new GeofenceTracker.State(FERRY);
    for (Fix f : ferryCall().subList(0, 5)) {
      rule.onPosition(s, f);
    }
    byte[] b = s.toBytes();
    assertEquals(104, b.length); // 14 + 85 + "DKKEL"
    assertArrayEquals(b, GeofenceTracker.State.fromBytes(b).toBytes());
    assertEquals(List.of("DKKEL"), s.insideFences());
    assertEquals(14, new GeofenceTracker.State(FERRY).toBytes().length);
  }

  @Test
  public void duplicateFenceIdsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new GeofenceTracker(RuleConfig.defaults(), List.of(PORT, PORT)));
  }
}
