package io.seawatch.testdata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A named analytics scenario: the reports of its vessels, the geofences it needs and the exact
 * {@code vessel_event} rows (final versions) the rules must make of them.
 *
 * @param name short name, e.g. "going-dark"
 * @param description one sentence
 * @param reports every report, sorted by time then MMSI
 * @param geofences rows the {@code geofence} table must hold
 * @param events the expected final events, sorted by start, kind, MMSI
 */
public record AnalyticsScenario(
    String name, String description, List<ScenarioReport> reports,
    List<ScenarioGeofence> geofences, List<ExpectedEvent> events) {

  /** Order of expected (and, projected, actual) events: start, kind, mmsi, other, end. */
  public static final Comparator<ExpectedEvent> EVENT_ORDER =
      Comparator.comparing(ExpectedEvent::start)
          .thenComparing(ExpectedEvent::kind)
          .thenComparingInt(ExpectedEvent::mmsi)
          .thenComparingInt(ExpectedEvent::otherMmsi)
          .thenComparing(e -> e.end() == null ? Long.MAX_VALUE : e.end().toEpochMilli());

  public AnalyticsScenario {
    Objects.requireNonNull(name, "name");
    reports = List.copyOf(ScenarioTrack.merge(reports));
    geofences = List.copyOf(geofences);
    List<ExpectedEvent> sorted = new ArrayList<>(events);
    sorted.sort(EVENT_ORDER);
    events = List.copyOf(sorted);
  }

  /**
   * The reports as NMEA lines in time order, one single-sentence type 1 message each, with tag
   * blocks {@code s:} (source) and {@code c:} (time); channels alternate A, B per vessel.
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>(reports.size());
    java.util.Map<Integer, Integer> counter = new java.util.HashMap<>();
    for (ScenarioReport r : reports) {
      int n = counter.merge(r.mmsi(), 1, Integer::sum);
      out.add(r.line(n % 2 == 1 ? 'A' : 'B'));
    }
    return out;
  }

  /** Distinct vessels. */
  public long vessels() {
    return reports.stream().mapToInt(ScenarioReport::mmsi).distinct().count();
  }

  /** Expected events per kind, e.g. {GAP=1, SEGMENT=2}. */
  public java.util.SortedMap<String, Long> eventCounts() {
    java.util.SortedMap<String, Long> m = new java.util.TreeMap<>();
    events.forEach(e -> m.merge(e.kind(), 1L, Long::sum));
    return m;
  }
}
