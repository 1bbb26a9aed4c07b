package io.seawatch.testdata;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An analytic event a scenario must produce, as plain data: the row of {@code vessel_event}
 * reduced to what a scenario pins (kind, vessels, start, end, key details). Exact doubles
 * (centroids, distances) are left to the rule tests.
 *
 * @param kind event kind as stored ("GAP", "LOITERING", ...)
 * @param mmsi the vessel (the lower MMSI of a pair)
 * @param otherMmsi the other vessel of a pair, else 0
 * @param start event start
 * @param end event end; null while open
 * @param details the kind's {@link #keyDetails} (String, Long or Boolean values)
 */
public record ExpectedEvent(
    String kind, int mmsi, int otherMmsi, Instant start, Instant end,
    SortedMap<String, Object> details) {

  /** The details a scenario pins per kind (all deterministic and free of rounding). */
  public static final Map<String, List<String>> KEY_DETAILS = Map.of(
      "GAP", List.of("source", "feed_stall", "duration_s"),
      "LOITERING", List.of("points", "duration_s"),
      "ENCOUNTER", List.of("duration_s", "observations"),
      "GEOFENCE_ENTRY", List.of("geofence"),
      "GEOFENCE_EXIT", List.of("geofence", "dwell_s"),
      "PORT_VISIT", List.of("geofence", "dwell_s", "stop_s"),
      "SPOOFED_JUMP", List.of("from_millis"),
      "SEGMENT", List.of("points"));

  public ExpectedEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    List<String> keys = keyDetails(kind);
    TreeMap<String, Object> d = new TreeMap<>();
    for (Map.Entry<String, Object> e : details.entrySet()) {
      if (!keys.contains(e.getKey())) {
        throw new IllegalArgumentException(kind + " does not pin detail " + e.getKey());
      }
      Object v = e.getValue() instanceof Integer i ? Long.valueOf(i) : e.getValue();
      d.put(e.getKey(), v);
    }
    details = Collections.unmodifiableSortedMap(d);
  }

  /** The details pinned for a kind. */
  public static List<String> keyDetails(String kind) {
    List<String> keys = KEY_DETAILS.get(kind);
    if (keys == null) {
      throw new IllegalArgumentException("unknown event kind " + kind);
    }
    return keys;
  }

  /** A closed event of one vessel; {@code details} as alternating key, value. */
  public static ExpectedEvent closed(String kind, int mmsi, String start, String end,
      Object... details) {
    return new ExpectedEvent(kind, mmsi, 0, Instant.parse(start), Instant.parse(end),
        map(details));
  }

  /** A closed event of a pair (lower MMSI first). */
  public static ExpectedEvent pair(String kind, int mmsi, int otherMmsi, String start, String end,
      Object... details) {
    return new ExpectedEvent(kind, mmsi, otherMmsi, Instant.parse(start), Instant.parse(end),
        map(details));
  }

  /** A point event (end = start). */
  public static ExpectedEvent point(String kind, int mmsi, String at, Object... details) {
    return closed(kind, mmsi, at, at, details);
  }

  public boolean open() {
    return end == null;
  }

  private static SortedMap<String, Object> map(Object... kv) {
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("details come as key, value pairs");
    }
    TreeMap<String, Object> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** One line, e.g. {@code GAP 219000001 2024-05-31T20:00:00Z..2024-06-01T03:00:00Z {..}}. */
  @Override
  public String toString() {
    return kind + " " + mmsi + (otherMmsi == 0 ? "" : "/" + otherMmsi) + " " + start + ".."
        + (end == null ? "open" : end.toString()) + " " + details;
  }
}
