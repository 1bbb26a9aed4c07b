package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.seawatch.testdata.LatencyProbes.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class LatencyProbesTest {
  private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
  private static final Instant T10 = Instant.parse("2024-06-01T10:00:00Z");

  private static Probe probe(String kind, int mmsi, String time, String decided) {
    return new Probe(kind, mmsi, Instant.parse("2024-06-01T" + time + "Z"),
        Instant.parse("2024-06-01T" + decided + "Z"));
  }

  @Test
  public void decisionsAreSpreadOverTheWindowEachKindFitsIn() {
    LatencyProbes p = new LatencyProbes(2, T0, T10, T10, Duration.ofHours(6),
        Duration.ofHours(4));
    // Entries in [00:09, 10:00], loitering in [04:30, 10:00], gaps in [06:30, 10:00]: the
    // decisions at 1/4 and 3/4 of each window.
    assertEquals(List.of(
            probe("GEOFENCE_ENTRY", 258_001_000, "02:35:45", "02:36:45"),
            probe("LOITERING_STARTED", 258_002_000, "01:52:30", "05:52:30"),
            probe("GAP_OPENED", 258_003_000, "01:22:30", "07:22:30"),
            probe("GEOFENCE_ENTRY", 258_001_001, "07:31:15", "07:32:15"),
            probe("LOITERING_STARTED", 258_002_001, "04:37:30", "08:37:30"),
            probe("GAP_OPENED", 258_003_001, "03:07:30", "09:07:30")),
        p.probes());
    assertEquals(2, p.probes("GAP_OPENED").size());
  }

  @Test
  public void theReportsAreTheProbesTracks() {
    LatencyProbes p = new LatencyProbes(1, T0, T10, T10, Duration.ofHours(6),
        Duration.ofHours(4));
    AnalyticsScenario s = p.scenario();
    assertEquals(List.of(LatencyProbes.FENCE), s.geofences());
    assertEquals(List.of(), s.events());
    // Entry: 10 fixes a minute apart up to the decision (05:04:30), then every 10 min to 10:00.
    List<ScenarioReport> entry = s.reports().stream()
        .filter(r -> r.mmsi() == LatencyProbes.FIRST_ENTRY_MMSI).toList();
    assertEquals(10 + 29, entry.size());
    assertEquals(Instant.parse("2024-06-01T04:55:30Z").toEpochMilli(), entry.get(0).timeMillis());
    assertEquals(Instant.parse("2024-06-01T05:04:30Z").toEpochMilli(), entry.get(9).timeMillis());
    // Fix 7 is west of the fence's edge (lon 3), fix 8 (the first inside) east of it.
    assertTrue(entry.get(7).lon() < 3.0 && entry.get(8).lon() > 3.0);
    assertEquals(3.0, (entry.get(7).lon() + entry.get(8).lon()) / 2, 1e-9);
    // Loitering: 3 fixes at 10 kn from 02:45, then 0.5 kn every 10 min from 03:15 (the event's
    // start; decision 07:15).
    List<ScenarioReport> loiter = s.reports().stream()
        .filter(r -> r.mmsi() == LatencyProbes.FIRST_LOITER_MMSI).toList();
    assertEquals(Instant.parse("2024-06-01T02:45:00Z").toEpochMilli(), loiter.get(0).timeMillis());
    assertEquals(10.0, loiter.get(2).speedKnots(), 0);
    assertEquals(0.5, loiter.get(3).speedKnots(), 0);
    assertEquals(Instant.parse("2024-06-01T03:15:00Z").toEpochMilli(), loiter.get(3).timeMillis());
    // ... up to 10:00 on that grid.
    assertEquals(Instant.parse("2024-06-01T09:55:00Z").toEpochMilli(),
        loiter.get(loiter.size() - 1).timeMillis());
    // Gap: 4 fixes, 30 min, the last 6 h before the decision (08:15).
    List<ScenarioReport> gap = s.reports().stream()
        .filter(r -> r.mmsi() == LatencyProbes.FIRST_GAP_MMSI).toList();
    assertEquals(4, gap.size());
    assertEquals(Instant.parse("2024-06-01T02:15:00Z").toEpochMilli(), gap.get(3).timeMillis());
    for (String line : s.lines()) {
      assertTrue(line, Nmea.checksumsValid(line));
      assertTrue(line, line.startsWith("\\s:probe,c:"));
    }
  }

  @Test
  public void kindsThatDoNotFitHaveNoProbes() {
    // 3 h: room for entries and loitering, not for a 6 h gap.
    LatencyProbes p = new LatencyProbes(3, T0, T0.plus(Duration.ofHours(3)), T10,
        Duration.ofHours(6), Duration.ofMinutes(95));
    assertEquals(3, p.probes("GEOFENCE_ENTRY").size());
    assertEquals(3, p.probes("LOITERING_STARTED").size());
    assertEquals(0, p.probes("GAP_OPENED").size());
    // A minimum of 95 min is decided at the first fix at least that long after the first slow
    // one: 100 min, on the 10-min grid.
    Probe first = p.probes("LOITERING_STARTED").get(0);
    assertEquals(Duration.ofMinutes(100), Duration.between(first.time(), first.decidedAt()));
  }

  @Test
  public void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LatencyProbes(501, T0, T10, T10,
        Duration.ofHours(6), Duration.ofHours(4)));
    assertThrows(IllegalArgumentException.class, () -> new LatencyProbes(1, T10, T0, T10,
        Duration.ofHours(6), Duration.ofHours(4)));
  }

  @Test
  public void mergedIntoAFleetTheirLinesAreThere() {
    LatencyProbes p = new LatencyProbes(2, T0, T0.plus(Duration.ofMinutes(30)),
        T0.plus(Duration.ofMinutes(30)), Duration.ofHours(6), Duration.ofHours(4));
    GeneratedFleet plain = FleetGenerator.builder().vessels(3)
        .duration(Duration.ofMinutes(30)).build().generate();
    GeneratedFleet merged = FleetGenerator.builder().vessels(3)
        .duration(Duration.ofMinutes(30)).scenarios(List.of(p.scenario())).build().generate();
    long probeLines = merged.lines().stream().filter(l -> l.startsWith("\\s:probe,")).count();
    assertEquals(p.scenario().reports().size(), probeLines);
    assertEquals(plain.lines().size() + probeLines, merged.lines().size());
  }
}
