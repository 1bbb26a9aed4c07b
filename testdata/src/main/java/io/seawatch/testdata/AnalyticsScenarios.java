package io.seawatch.testdata;

import static io.seawatch.testdata.ExpectedEvent.closed;
import static io.seawatch.testdata.ExpectedEvent.pair;
import static io.seawatch.testdata.ExpectedEvent.point;

import java.time.Duration;
import java.util.List;

/**
 * The named vessels of the analytics rules, each with the exact events it must produce (the
 * final {@code vessel_event} rows: open events are closed by the end of each scenario).
 *
 * <p>All of them lie between 2024-05-31T16:00Z and 2024-06-01T03:30Z, in the Baltic approaches
 * (away from the North Sea fleet of {@link FleetGenerator}), on their own receiving sources
 * ({@code scn-...}) and MMSIs below any the fleet draws (MID + 0000xx), so they can run alone,
 * together, or merged into the default fleet (2024-06-01 00:00-02:00) with the same events: every
 * vessel's last report is less than 6 h before the latest report of all of them (03:30), so no
 * vessel is left silent for a gap's length by the input's own clock.
 */
public final class AnalyticsScenarios {
  private AnalyticsScenarios() {}

  private static final Duration TEN_MIN = Duration.ofMinutes(10);
  private static final Duration THREE_MIN = Duration.ofMinutes(3);

  public static final int TANKER = 244_000_001;
  public static final int MEETING_A = 230_000_001;
  public static final int MEETING_B = 230_000_002;
  public static final int DARK = 219_000_001;
  public static final int DARK_COMPANION = 219_000_002;
  public static final int SPOOFER = 257_000_001;
  public static final int SHARED = 257_000_002;
  public static final int FERRY = 219_000_123;
  public static final int STALL_1 = 235_000_001;
  public static final int STALL_2 = 235_000_002;
  public static final int STALL_3 = 235_000_003;
  public static final int STALL_CONTROL = 235_000_009;

  /** The port of the ferry scenario: a harbour box lat 54.000-54.020, lon 10.000-10.030. */
  public static final ScenarioGeofence PORT =
      new ScenarioGeofence("DKKEL", "Kelby", "port", "10 54, 10.03 54, 10.03 54.02, 10 54.02");

  /** Every scenario, in a fixed order. */
  public static List<AnalyticsScenario> all() {
    return List.of(tankerLoitering(), meetingAcrossMidnight(), goingDark(), spoofedJump(),
        sharedMmsi(), ferryPortCall(), feedStall());
  }

  /** The scenario with this name. */
  public static AnalyticsScenario named(String name) {
    return all().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
  }

  /** Every report of every scenario, sorted by time then MMSI. */
  public static List<ScenarioReport> allReports() {
    List<ScenarioReport> all = new java.util.ArrayList<>();
    all().forEach(s -> all.addAll(s.reports()));
    return ScenarioTrack.merge(all);
  }

  /** Every scenario's lines merged by time (then MMSI). */
  public static List<String> allLines() {
    return new AnalyticsScenario("all", "", allReports(), List.of(), List.of()).lines();
  }

  /**
   * Tanker 244000001: 12 kn north from 20:00, 21:10-02:10 at 0.8 kn (31 reports, across
   * midnight), then 12 kn again until 03:10. One LOITERING of 5 h.
   */
  public static AnalyticsScenario tankerLoitering() {
    List<ScenarioReport> r =
        ScenarioTrack.vessel(TANKER, "scn-kattegat", "2024-05-31T20:00:00Z", 57.0, 11.5)
            .report(12)
            .sail(0, 12, Duration.ofHours(1), TEN_MIN)
            .sail(0, 0.8, Duration.ofMinutes(310), TEN_MIN)
            .sail(0, 12, Duration.ofHours(1), TEN_MIN)
            .reports();
    return new AnalyticsScenario("tanker-loitering",
        "a tanker drifts at 0.8 kn for 5 h across midnight", r, List.of(),
        List.of(
            closed("LOITERING", TANKER, "2024-05-31T21:10:00Z", "2024-06-01T02:10:00Z",
                "points", 31L, "duration_s", 18_000L),
            closed("SEGMENT", TANKER, "2024-05-31T20:00:00Z", "2024-06-01T03:10:00Z",
                "points", 44L)));
  }

  /**
   * Two ships 300 m abeam going north at 1 kn from 22:30 to 01:30 UTC, on both sides of the lon
   * 15.0 grid-cell edge, reporting every 3 min: one ENCOUNTER of 3 h across midnight.
   */
  public static AnalyticsScenario meetingAcrossMidnight() {
    double lat = 55.35;
    double lonB = 14.999;
    double[] a = ScenarioTrack.destination(lat, lonB, 90, 300);
    List<ScenarioReport> ra =
        ScenarioTrack.vessel(MEETING_A, "scn-bornholm", "2024-05-31T22:30:00Z", a[0], a[1])
            .report(1).sail(0, 1, Duration.ofHours(3), THREE_MIN).reports();
    List<ScenarioReport> rb =
        ScenarioTrack.vessel(MEETING_B, "scn-bornholm", "2024-05-31T22:30:00Z", lat, lonB)
            .report(1).sail(0, 1, Duration.ofHours(3), THREE_MIN).reports();
    return new AnalyticsScenario("meeting-across-midnight",
        "two ships 300 m apart at 1 kn for 3 h across midnight (UTC) and a grid-cell edge",
        ScenarioTrack.merge(ra, rb), List.of(),
        List.of(
            pair("ENCOUNTER", MEETING_A, MEETING_B, "2024-05-31T22:30:00Z",
                "2024-06-01T01:30:00Z", "duration_s", 10_800L, "observations", 121L),
            closed("SEGMENT", MEETING_A, "2024-05-31T22:30:00Z", "2024-06-01T01:30:00Z",
                "points", 61L),
            closed("SEGMENT", MEETING_B, "2024-05-31T22:30:00Z", "2024-06-01T01:30:00Z",
                "points", 61L)));
  }

  /**
   * Vessel 219000001 reports 19:00-20:00, goes dark for 7 h while sailing on at 10 kn and
   * reappears 03:00-03:30; 219000002 keeps its source busy all along, so it is a vessel going
   * dark, not a stalled feed. One GAP (open from 02:00, closed at 03:00).
   */
  public static AnalyticsScenario goingDark() {
    List<ScenarioReport> dark =
        ScenarioTrack.vessel(DARK, "scn-skagen", "2024-05-31T19:00:00Z", 56.5, 11.0)
            .report(10)
            .sail(0, 10, Duration.ofHours(1), TEN_MIN)
            .sailSilently(0, 10, Duration.ofHours(7))
            .report(10)
            .sail(0, 10, Duration.ofMinutes(30), TEN_MIN)
            .reports();
    List<ScenarioReport> companion =
        ScenarioTrack.vessel(DARK_COMPANION, "scn-skagen", "2024-05-31T19:00:00Z", 56.4, 11.3)
            .report(8)
            .sail(180, 8, Duration.ofMinutes(510), TEN_MIN)
            .reports();
    return new AnalyticsScenario("going-dark",
        "a vessel silent for 7 h while its receiving source keeps hearing another one",
        ScenarioTrack.merge(dark, companion), List.of(),
        List.of(
            closed("GAP", DARK, "2024-05-31T20:00:00Z", "2024-06-01T03:00:00Z",
                "source", "scn-skagen", "feed_stall", false, "duration_s", 25_200L),
            closed("SEGMENT", DARK, "2024-05-31T19:00:00Z", "2024-06-01T03:30:00Z",
                "points", 11L),
            closed("SEGMENT", DARK_COMPANION, "2024-05-31T19:00:00Z", "2024-06-01T03:30:00Z",
                "points", 52L)));
  }

  /**
   * Vessel 257000001 sails north at 10 kn, a report every 10 min 23:00-01:00; the 00:10 report is
   * replaced by one 300 NM further north (1,800 kn implied). One SPOOFED_JUMP, isolated in its
   * own one-point segment; the track continues.
   */
  public static AnalyticsScenario spoofedJump() {
    double lat0 = 57.6;
    ScenarioTrack b = ScenarioTrack.vessel(SPOOFER, "scn-skagerrak", "2024-05-31T23:00:00Z",
        lat0, 8.0);
    b.report(10).sail(0, 10, Duration.ofHours(1), TEN_MIN);
    b.sail(0, 10, Duration.ofHours(1), TEN_MIN).without("2024-06-01T00:10:00Z");
    // 5 degrees of latitude (300 NM) north of where the 00:10 report should have been.
    List<ScenarioReport> spoof =
        ScenarioTrack.vessel(SPOOFER, "scn-skagerrak", "2024-06-01T00:00:00Z", 0, 0)
            .spoof(TEN_MIN, lat0 + 1.0 / 6 * 1.0006743 + 5.0, 8.0, 10).reports();
    return new AnalyticsScenario("spoofed-jump",
        "one report 300 NM off the track, 10 min after the previous one",
        ScenarioTrack.merge(b.reports(), spoof), List.of(),
        List.of(
            closed("SEGMENT", SPOOFER, "2024-05-31T23:00:00Z", "2024-06-01T01:00:00Z",
                "points", 12L),
            point("SPOOFED_JUMP", SPOOFER, "2024-06-01T00:10:00Z",
                "from_millis", ScenarioTrack.millis("2024-06-01T00:00:00Z")),
            closed("SEGMENT", SPOOFER, "2024-06-01T00:10:00Z", "2024-06-01T00:10:00Z",
                "points", 1L)));
  }

  /**
   * Two transmitters on MMSI 257000002, 85 NM apart, both reporting every 10 min: one sails north
   * at 10 kn from 23:00 to 01:00, the other west at 12 kn from 23:05 to 01:05. Two tracks kept
   * apart, one SPOOFED_JUMP (at the first report of the second transmitter).
   */
  public static AnalyticsScenario sharedMmsi() {
    List<ScenarioReport> a =
        ScenarioTrack.vessel(SHARED, "scn-skagerrak", "2024-05-31T23:00:00Z", 57.6, 9.2)
            .report(10).sail(0, 10, Duration.ofHours(2), TEN_MIN).reports();
    List<ScenarioReport> b =
        ScenarioTrack.vessel(SHARED, "scn-skagerrak", "2024-05-31T23:05:00Z", 57.0, 6.8)
            .report(12).sail(270, 12, Duration.ofHours(2), TEN_MIN).reports();
    return new AnalyticsScenario("shared-mmsi",
        "two transmitters share one MMSI 85 NM apart",
        ScenarioTrack.merge(a, b), List.of(),
        List.of(
            closed("SEGMENT", SHARED, "2024-05-31T23:00:00Z", "2024-06-01T01:00:00Z",
                "points", 13L),
            point("SPOOFED_JUMP", SHARED, "2024-05-31T23:05:00Z",
                "from_millis", ScenarioTrack.millis("2024-05-31T23:00:00Z")),
            closed("SEGMENT", SHARED, "2024-05-31T23:05:00Z", "2024-06-01T01:05:00Z",
                "points", 13L)));
  }

  /**
   * Ferry 219000123 calls at the DKKEL port box: in at 22:54, stopped 23:00-23:40, out at 23:48.
   * Needs {@link #PORT} in the geofence table.
   */
  public static AnalyticsScenario ferryPortCall() {
    String[][] fixes = {
        {"22:50:00", "53.990", "10"}, {"22:54:00", "54.002", "10"}, {"22:58:00", "54.010", "3"},
        {"23:00:00", "54.012", "0"}, {"23:10:00", "54.012", "0"}, {"23:20:00", "54.012", "0.1"},
        {"23:30:00", "54.012", "0"}, {"23:40:00", "54.012", "4"}, {"23:44:00", "54.004", "10"},
        {"23:48:00", "53.995", "10"}, {"23:52:00", "53.985", "10"}};
    List<ScenarioReport> r = new java.util.ArrayList<>();
    for (String[] f : fixes) {
      r.add(new ScenarioReport(FERRY, ScenarioTrack.millis("2024-05-31T" + f[0] + "Z"),
          Double.parseDouble(f[1]), 10.015, Double.parseDouble(f[2]), Double.NaN, "scn-kiel"));
    }
    return new AnalyticsScenario("ferry-port-call",
        "a ferry enters a port geofence, stops 40 min and leaves", r, List.of(PORT),
        List.of(
            closed("SEGMENT", FERRY, "2024-05-31T22:50:00Z", "2024-05-31T23:52:00Z",
                "points", 11L),
            point("GEOFENCE_ENTRY", FERRY, "2024-05-31T22:54:00Z", "geofence", "DKKEL"),
            point("GEOFENCE_EXIT", FERRY, "2024-05-31T23:48:00Z", "geofence", "DKKEL",
                "dwell_s", 3240L),
            closed("PORT_VISIT", FERRY, "2024-05-31T22:54:00Z", "2024-05-31T23:48:00Z",
                "geofence", "DKKEL", "dwell_s", 3240L, "stop_s", 2400L)));
  }

  /**
   * Three vessels heard only through source {@code scn-stall} (reports 20 s apart, every 10 min)
   * all fall silent at 18:00 and come back at 01:00: the source stalled for 7 h. A fourth vessel
   * on {@code scn-control} reports throughout, so the input's clock passes the gaps' threshold.
   * Three GAPs with {@code feed_stall = true}.
   */
  public static AnalyticsScenario feedStall() {
    int[] mmsis = {STALL_1, STALL_2, STALL_3};
    List<ScenarioReport> all = new java.util.ArrayList<>();
    List<ExpectedEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < mmsis.length; i++) {
      String t0 = String.format("2024-05-31T16:00:%02dZ", 20 * i);
      all.addAll(ScenarioTrack.vessel(mmsis[i], "scn-stall", t0, 56.2, 12.3 + 0.05 * i)
          .report(6)
          .sail(0, 6, Duration.ofHours(2), TEN_MIN)
          .sailSilently(0, 6, Duration.ofHours(7))
          .report(6)
          .sail(0, 6, Duration.ofHours(2), TEN_MIN)
          .reports());
      String s = String.format("%02d", 20 * i);
      events.add(closed("GAP", mmsis[i], "2024-05-31T18:00:" + s + "Z",
          "2024-06-01T01:00:" + s + "Z",
          "source", "scn-stall", "feed_stall", true, "duration_s", 25_200L));
      events.add(closed("SEGMENT", mmsis[i], "2024-05-31T16:00:" + s + "Z",
          "2024-06-01T03:00:" + s + "Z", "points", 26L));
    }
    all.addAll(ScenarioTrack.vessel(STALL_CONTROL, "scn-control", "2024-05-31T16:00:00Z", 56.0,
            12.6)
        .report(8)
        .sail(200, 8, Duration.ofHours(11), TEN_MIN)
        .reports());
    events.add(closed("SEGMENT", STALL_CONTROL, "2024-05-31T16:00:00Z",
        "2024-06-01T03:00:00Z", "points", 67L));
    return new AnalyticsScenario("feed-stall",
        "every vessel of one receiving source stops at once for 7 h while another source goes on",
        all, List.of(), events);
  }
}
