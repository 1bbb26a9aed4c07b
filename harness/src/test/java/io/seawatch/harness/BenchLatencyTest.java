package io.seawatch.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.seawatch.harness.BenchLatency.Alert;
import io.seawatch.harness.BenchLatency.FirstVersion;
import io.seawatch.harness.BenchLatency.KindRow;
import io.seawatch.harness.BenchLatency.Measurement;
import io.seawatch.harness.BenchLatency.ProbeCheck;
import io.seawatch.harness.BenchLatency.PublishClock;
import io.seawatch.harness.BenchLatency.Stats;
import io.seawatch.testdata.LatencyProbes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class BenchLatencyTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();

  // ---- percentiles

  @Test
  public void percentilesAreNearestRank() {
    long[] hundred = new long[100];
    for (int i = 0; i < 100; i++) {
      hundred[i] = 100 - i; // unsorted: 100 .. 1
    }
    assertEquals(new Stats(100, 50, 95, 99, 100), Stats.of(hundred));
    assertEquals(100, hundred[0]); // the input is not sorted in place
    // Three values: rank ceil(1.5) = 2 for p50, ceil(2.85) = 3 for p95 and p99.
    assertEquals(new Stats(3, 20, 30, 30, 30), Stats.of(new long[] {30, 10, 20}));
    assertEquals(new Stats(1, 7, 7, 7, 7), Stats.of(new long[] {7}));
    assertEquals(Stats.NONE, Stats.of(new long[0]));
    // 200 values 1..200: p99 is the 198th, p95 the 190th.
    long[] twoHundred = new long[200];
    for (int i = 0; i < 200; i++) {
      twoHundred[i] = i + 1;
    }
    assertEquals(new Stats(200, 100, 190, 198, 200), Stats.of(twoHundred));
    assertEquals(-5, BenchLatency.percentile(new long[] {-5, 3}, 50));
    assertThrows(IllegalArgumentException.class,
        () -> BenchLatency.percentile(new long[0], 50));
    assertThrows(IllegalArgumentException.class,
        () -> BenchLatency.percentile(new long[] {1}, 0));
  }

  // ---- event time -> publication

  @Test
  public void publishClockGivesTheFirstLineThatReachedAnEventTime() {
    PublishClock c = new PublishClock();
    assertEquals(Long.MIN_VALUE, c.sentAt(T0));
    assertEquals(Long.MIN_VALUE, c.maxEventMillis());
    c.record(T0 + 1000, 10);
    c.record(T0 + 1000, 11); // same second: the first line counts
    c.record(T0 + 3000, 12);
    c.record(T0 + 2000, 13); // late (a satellite line): the maximum stays
    c.record(T0 + 3000, 14);
    c.record(T0 + 7000, 15);
    assertEquals(6, c.lines());
    assertEquals(3, c.size());
    assertEquals(T0 + 1000, c.firstEventMillis());
    assertEquals(T0 + 7000, c.maxEventMillis());
    assertEquals(10, c.sentAt(T0)); // before the first line: the first line
    assertEquals(10, c.sentAt(T0 + 1000));
    assertEquals(12, c.sentAt(T0 + 1001));
    assertEquals(12, c.sentAt(T0 + 2000)); // the late line at 2000 came after the one at 3000
    assertEquals(12, c.sentAt(T0 + 3000));
    assertEquals(15, c.sentAt(T0 + 3001));
    assertEquals(15, c.sentAt(T0 + 7000));
    assertEquals(Long.MIN_VALUE, c.sentAt(T0 + 7001));
  }

  @Test
  public void publishClockGrowsPastItsFirstArray() {
    PublishClock c = new PublishClock();
    for (int i = 0; i < 5000; i++) {
      c.record(T0 + 1000L * i, 100L * i);
    }
    assertEquals(5000, c.size());
    assertEquals(100L * 4321, c.sentAt(T0 + 1000L * 4321 - 999));
  }

  // ---- alert records

  private static final String EXAMPLE = "{\"id\":\"-123\",\"kind\":\"GEOFENCE_ENTRY\","
      + "\"time\":\"2024-05-01T10:00:00Z\",\"end_time\":null,"
      + "\"decided_at\":\"2024-05-01T10:03:00Z\",\"mmsi\":235000001,\"lat\":51.2,\"lon\":1.5,"
      + "\"event_id\":\"-456\",\"status\":\"provisional\",\"details\":{\"geofence\":\"LATPROBE\"}}";

  @Test
  public void alertRecordsParseToExactValues() {
    Alert a = Alert.parse(EXAMPLE);
    assertEquals(new Alert(-123, "GEOFENCE_ENTRY",
        Instant.parse("2024-05-01T10:00:00Z").toEpochMilli(), -1,
        Instant.parse("2024-05-01T10:03:00Z").toEpochMilli(), 235_000_001, 51.2, 1.5, -456,
        "provisional", "{\"geofence\":\"LATPROBE\"}"), a);
    Alert gap = Alert.parse("{\"id\":\"9223372036854775807\",\"kind\":\"GAP_OPENED\","
        + "\"time\":\"2024-05-01T04:00:00Z\",\"end_time\":\"2024-05-01T11:00:00.250Z\","
        + "\"decided_at\":\"2024-05-01T10:00:00Z\",\"mmsi\":null,\"lat\":null,\"lon\":null,"
        + "\"event_id\":-9223372036854775808,\"status\":\"final\",\"details\":{},\"extra\":1}");
    assertEquals(Long.MAX_VALUE, gap.id());
    assertEquals(Long.MIN_VALUE, gap.eventId()); // a JSON integer is taken as well
    assertEquals(Instant.parse("2024-05-01T11:00:00.250Z").toEpochMilli(), gap.endTimeMillis());
    assertNull(gap.mmsi());
    assertNull(gap.lat());
    assertNull(gap.lon());
    assertEquals("final", gap.status());
    assertEquals("{}", gap.details());
  }

  @Test
  public void malformedAlertRecordsSayWhichField() {
    assertEquals("status must be provisional, final or retracted: open", assertThrows(
        IllegalArgumentException.class,
        () -> Alert.parse(EXAMPLE.replace("\"provisional\"", "\"open\""))).getMessage());
    assertEquals("decided_at must be a non-empty string", assertThrows(
        IllegalArgumentException.class,
        () -> Alert.parse(EXAMPLE.replace("\"decided_at\":\"2024-05-01T10:03:00Z\"",
            "\"decided_at\":\"\""))).getMessage());
    // A final version carries no decided_at.
    assertEquals(-1, Alert.parse(EXAMPLE.replace("\"decided_at\":\"2024-05-01T10:03:00Z\"",
        "\"decided_at\":null")).decidedAtMillis());
    assertEquals("time must be an ISO-8601 instant: 2024-05-01 10:00", assertThrows(
        IllegalArgumentException.class,
        () -> Alert.parse(EXAMPLE.replace("2024-05-01T10:00:00Z", "2024-05-01 10:00")))
        .getMessage());
    assertEquals("id must be a decimal 64-bit integer: \"x1\"", assertThrows(
        IllegalArgumentException.class,
        () -> Alert.parse(EXAMPLE.replace("\"-123\"", "\"x1\""))).getMessage());
    assertEquals("mmsi must be an integer or null: \"235000001\"", assertThrows(
        IllegalArgumentException.class,
        () -> Alert.parse(EXAMPLE.replace("235000001", "\"235000001\""))).getMessage());
    assertEquals("not a JSON object", assertThrows(IllegalArgumentException.class,
        () -> Alert.parse("[1]")).getMessage());
    assertEquals("not JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array,"
        + " Object or token 'null', 'true' or 'false')", assertThrows(
        IllegalArgumentException.class, () -> Alert.parse("x")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Alert.parse("{"))
        .getMessage().startsWith("not JSON: Unexpected end-of-input"));
  }

  // ---- the measurement

  private static Alert alert(long id, String kind, long decidedAt, long eventId, String status) {
    return new Alert(id, kind, decidedAt - 60_000, -1, decidedAt, 1, 0.0, 0.0, eventId, status,
        "{}");
  }

  private static FirstVersion first(long id, String kind, long decidedAt, String status,
      long arrivedNanos) {
    return new FirstVersion(alert(id, kind, decidedAt, 1000 + id, status), arrivedNanos, true);
  }

  @Test
  public void latencyIsArrivalMinusTheSendingOfTheDecidingLine() {
    // One line per second of event time, sent 1 ms apart starting at 1 s (nanoTime).
    PublishClock clock = new PublishClock();
    for (int i = 0; i <= 100; i++) {
      clock.record(T0 + 1000L * i, 1000 * MS + i * MS);
    }
    List<FirstVersion> alerts = new ArrayList<>();
    Map<Long, Long> table = new HashMap<>();
    // Entries decided at seconds 10, 20, 30: line sent at 1010, 1020, 1030 ms.
    alerts.add(first(1, "GEOFENCE_ENTRY", T0 + 10_000, "provisional", 1110 * MS)); // 100
    table.put(1001L, 1160 * MS); // 150
    alerts.add(first(2, "GEOFENCE_ENTRY", T0 + 20_000, "provisional", 1320 * MS)); // 300
    table.put(1002L, 1220 * MS); // 200: the table first, both = 300
    alerts.add(first(3, "GEOFENCE_ENTRY", T0 + 30_000, "provisional", 1530 * MS)); // 500
    // not in the table
    // A gap decided at 40.5 s: the first line at or after it is the one of second 41.
    alerts.add(first(4, "GAP_OPENED", T0 + 40_500, "provisional", 1041 * MS + 2_400_000));
    table.put(1004L, 1041 * MS + 2_600_000); // 2.4 -> 2 ms, 2.6 -> 3 ms
    // Left out: decided before the first line, not provisional first, after the newest line.
    alerts.add(first(5, "LOITERING_STARTED", T0 - 1, "provisional", 2000 * MS));
    alerts.add(first(6, "LOITERING_STARTED", T0 + 50_000, "final", 2000 * MS));
    alerts.add(first(7, "LOITERING_STARTED", T0 + 100_001, "provisional", 2000 * MS));
    // Other kinds are counted by name.
    alerts.add(first(8, "GEOFENCE_EXIT", T0 + 50_000, "provisional", 2000 * MS));
    alerts.add(first(9, "SPOOFED_JUMP", T0 + 50_000, "provisional", 2000 * MS));
    alerts.add(first(10, "GEOFENCE_EXIT", T0 + 60_000, "provisional", 2000 * MS));
    // Arrived before its line went out: kept, and counted.
    alerts.add(first(11, "LOITERING_STARTED", T0 + 60_000, "provisional", 1059 * MS));
    table.put(1011L, 1070 * MS);

    Measurement m = BenchLatency.measure(alerts, table, clock);
    assertEquals(List.of(
            new KindRow("GEOFENCE_ENTRY", new Stats(3, 300, 500, 500, 500),
                new Stats(2, 150, 200, 200, 200), new Stats(2, 150, 300, 300, 300), 1),
            new KindRow("LOITERING_STARTED", new Stats(1, -1, -1, -1, -1),
                new Stats(1, 10, 10, 10, 10), new Stats(1, 10, 10, 10, 10), 0),
            new KindRow("GAP_OPENED", new Stats(1, 2, 2, 2, 2), new Stats(1, 3, 3, 3, 3),
                new Stats(1, 3, 3, 3, 3), 0),
            new KindRow("all", new Stats(5, 100, 500, 500, 500), new Stats(4, 10, 200, 200, 200),
                new Stats(4, 10, 300, 300, 300), 1)),
        m.rows());
    assertEquals(1, m.decidedBeforeStart());
    assertEquals(1, m.notProvisional());
    assertEquals(1, m.decidedAfterLastLine());
    assertEquals(Map.of("GEOFENCE_EXIT", 2, "SPOOFED_JUMP", 1), m.otherKinds());
    assertEquals(1, m.negative());
    // By send time: entries at 10, 20, 30 s, the gap at 41, loitering at 60; thirds of one:
    // the first (entry 1: both 150) and the last (loitering: 10).
    assertEquals(150, m.firstThirdP50());
    assertEquals(10, m.lastThirdP50());
  }

  @Test
  public void noAlertsNoRows() {
    Measurement m = BenchLatency.measure(List.of(), Map.of(), new PublishClock());
    assertEquals(4, m.rows().size());
    assertEquals(Stats.NONE, m.all().both());
    assertEquals(0, m.firstThirdP50());
  }

  @Test
  public void probesAreMatchedByKindVesselAndEventTime() {
    Instant t0 = Instant.ofEpochMilli(T0);
    LatencyProbes probes = new LatencyProbes(2, t0, t0.plus(Duration.ofHours(9)),
        t0.plus(Duration.ofHours(10)), Duration.ofHours(6), Duration.ofHours(4));
    List<LatencyProbes.Probe> p = probes.probes();
    LatencyProbes.Probe e0 = probes.probes("GEOFENCE_ENTRY").get(0);
    LatencyProbes.Probe e1 = probes.probes("GEOFENCE_ENTRY").get(1);
    LatencyProbes.Probe g0 = probes.probes("GAP_OPENED").get(0);
    List<FirstVersion> seen = List.of(
        new FirstVersion(new Alert(1, "GEOFENCE_ENTRY", e0.time().toEpochMilli(), -1,
            e0.decidedAt().toEpochMilli(), e0.mmsi(), null, null, 11, "provisional", "{}"), 0,
            true),
        new FirstVersion(new Alert(2, "GEOFENCE_ENTRY", e1.time().toEpochMilli(), -1,
            e1.decidedAt().toEpochMilli() + 1000, e1.mmsi(), null, null, 12, "provisional",
            "{}"), 0, true),
        // The right vessel, another start: not this probe's.
        new FirstVersion(new Alert(3, "GAP_OPENED", g0.time().toEpochMilli() + 1, -1,
            g0.decidedAt().toEpochMilli(), g0.mmsi(), null, null, 13, "provisional", "{}"), 0,
            true));
    // The input reached the second gap's decision minus a second: it is not expected.
    long maxEvent = probes.probes("GAP_OPENED").get(1).decidedAt().toEpochMilli() - 1000;
    assertEquals(List.of(new ProbeCheck("GEOFENCE_ENTRY", 2, 2, 1),
            new ProbeCheck("LOITERING_STARTED", 2, 0, 0), new ProbeCheck("GAP_OPENED", 1, 0, 0)),
        BenchLatency.checkProbes(p, seen, maxEvent));
  }

  // ---- the report

  @Test
  public void lastLineIsTheEndToEndPercentilesOfEveryKind() {
    Stats none = Stats.NONE;
    Measurement m = new Measurement(List.of(
        new KindRow("GEOFENCE_ENTRY", new Stats(3, 1, 2, 3, 4), none, none, 3),
        new KindRow("LOITERING_STARTED", none, none, none, 0),
        new KindRow("GAP_OPENED", none, none, none, 0),
        new KindRow("all", new Stats(3, 1, 2, 3, 4), new Stats(2, 5, 6, 7, 8),
            new Stats(2, 1234, 2345, 3456, 4567), 1)), 0, 0, 0, Map.of(), 0, 1000, 2000);
    BenchLatency.Report r = new BenchLatency.Report(10_000, 1_200_000, 120.0, T0,
        T0 + 8 * 3600_000L, m, List.of(), Map.of(), 0, null, 0, Double.NaN, "1.0 1.0 1.0");
    assertEquals("latency p50=1234 p95=2345 p99=3456 events=2", r.lastLine());
    assertEquals(2, r.events());
    assertEquals(10_000, r.achievedRate(), 1e-9);
    assertEquals(String.join("\n",
        "| kind | on topic | p50 | p95 | p99 | max | in vessel_event | p50 | p95 | p99 | max"
            + " | end to end p50 | p95 | p99 | max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        "| GEOFENCE_ENTRY | 3 | 1 | 2 | 3 | 4 | 0 | - | - | - | - | - | - | - | - |",
        "| LOITERING_STARTED | 0 | - | - | - | - | 0 | - | - | - | - | - | - | - | - |",
        "| GAP_OPENED | 0 | - | - | - | - | 0 | - | - | - | - | - | - | - | - |",
        "| all | 3 | 1 | 2 | 3 | 4 | 2 | 5 | 6 | 7 | 8 | 1,234 | 2,345 | 3,456 | 4,567 |",
        ""), BenchLatency.table(m.rows()).replace(System.lineSeparator(), "\n"));
    assertTrue(r.summary(), r.summary().startsWith("published 1,200,000 lines in 120.0 s:"
        + " 10,000 lines/s (asked 10,000); event time 2024-06-01T00:00:00Z to"
        + " 2024-06-01T08:00:00Z, 240 times real time\n"));
  }

  // ---- settings

  @Test
  public void settingsDefaultsAndTheFleetTheyMake() {
    BenchLatency.Settings s = BenchLatency.Settings.builder().repo(Path.of("/r"))
        .flinkRest("http://127.0.0.1:38081/").build();
    assertEquals(10_000, s.rate());
    assertEquals(120, s.seconds());
    assertEquals(2, s.partitions());
    assertEquals(2, s.parallelism());
    assertEquals(360, s.gapThresholdMinutes());
    assertEquals(240, s.loiterMinDurationMinutes());
    assertEquals(1_200_000, s.lines());
    // 1.2 M lines x 1.15 over 10 h at 390 lines per vessel-hour.
    assertEquals(354, s.vessels());
    assertEquals("http://127.0.0.1:38081", s.flinkRest());
    assertEquals(Path.of("/r/.seawatch/flink"), s.stateDir());
    assertEquals(Path.of("/r/pipelines/target/seawatch-job.jar"), s.jar());
    assertTrue(s.restartTaskManager());
    // Decisions within the first 8 h: every kind has its 100 probes.
    LatencyProbes p = s.probes();
    for (String kind : BenchLatency.KINDS) {
      assertEquals(kind, 100, p.probes(kind).size());
    }
    assertEquals(Instant.parse("2024-06-01T07:59:33Z"),
        p.probes("GAP_OPENED").get(99).decidedAt());
    assertThrows(IllegalArgumentException.class,
        () -> BenchLatency.Settings.builder().repo(Path.of("/r")).probesPerKind(0).build());
    assertThrows(IllegalArgumentException.class,
        () -> BenchLatency.Settings.builder().repo(Path.of("/r")).ingestArgs(List.of("x"))
            .build());
  }
}
