package io.seawatch.rules;

import io.seawatch.geo.TinyJson;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One analytic event. Every rule emits these; open events (a gap still in progress, a loitering
 * or encounter still going on) have {@code endMillis == -1} and are re-emitted closed, with the
 * same {@link #id}, when they end. Point events (geofence entry/exit, spoofed jump) have {@code
 * endMillis == startMillis}.
 *
 * @param id deterministic 64-bit id from kind, mmsi, otherMmsi, start time and scope (see {@link
 *     #idOf}); a sink upserts on it, so replays and the closing update of an open event land on
 *     the same row
 * @param kind what happened
 * @param mmsi the vessel (the lower MMSI of a pair)
 * @param otherMmsi the other vessel of a pair (the higher MMSI), else 0
 * @param startMillis event start (event time)
 * @param endMillis event end, -1 while open
 * @param lat representative latitude (centroid, last known position ...), NaN if unknown
 * @param lon representative longitude, NaN if unknown
 * @param open true while the event is still going on ({@code endMillis == -1})
 * @param details small sorted map of String, Long, Double or Boolean values
 */
public record VesselEvent(
    long id,
    Kind kind,
    int mmsi,
    int otherMmsi,
    long startMillis,
    long endMillis,
    double lat,
    double lon,
    boolean open,
    Map<String, Object> details) {

  /** Event kinds; the names are stored in the database, do not rename. */
  public enum Kind {
    GAP,
    LOITERING,
    ENCOUNTER,
    GEOFENCE_ENTRY,
    GEOFENCE_EXIT,
    PORT_VISIT,
    SPOOFED_JUMP,
    SEGMENT
  }

  public VesselEvent {
    Objects.requireNonNull(kind, "kind");
    if (open != (endMillis == -1)) {
      throw new IllegalArgumentException("open must be true exactly when endMillis is -1");
    }
    if (!open && endMillis < startMillis) {
      throw new IllegalArgumentException("endMillis before startMillis");
    }
    details = normalizeDetails(details);
  }

  /** An unmodifiable sorted copy with integral values as Long and floats as Double. */
  static Map<String, Object> normalizeDetails(Map<String, Object> details) {
    TreeMap<String, Object> d = new TreeMap<>();
    if (details != null) {
      for (Map.Entry<String, Object> e : details.entrySet()) {
        d.put(Objects.requireNonNull(e.getKey(), "detail key"), normalize(e.getValue()));
      }
    }
    return Collections.unmodifiableSortedMap(d);
  }

  /**
   * Builds an event and its id. {@code scope} tells apart events of the same kind, vessel(s) and
   * start time that are nevertheless different (the geofence id for geofence events), "" if none.
   */
  public static VesselEvent of(
      Kind kind,
      int mmsi,
      int otherMmsi,
      long startMillis,
      long endMillis,
      double lat,
      double lon,
      String scope,
      Map<String, Object> details) {
    return new VesselEvent(
        idOf(kind, mmsi, otherMmsi, startMillis, scope),
        kind,
        mmsi,
        otherMmsi,
        startMillis,
        endMillis,
        lat,
        lon,
        endMillis == -1,
        details);
  }

  /**
   * The event id: 64-bit FNV-1a of {@code "KIND|mmsi|otherMmsi|startMillis|scope"} (UTF-8)
   * followed by the SplitMix64 finalizer. Part of the storage format: never change it.
   */
  public static long idOf(Kind kind, int mmsi, int otherMmsi, long startMillis, String scope) {
    return hash64(kind.name() + '|' + mmsi + '|' + otherMmsi + '|' + startMillis + '|' + scope);
  }

  /** 64-bit FNV-1a of the UTF-8 bytes, then the SplitMix64 finalizer (ids of the storage format). */
  static long hash64(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /** The same event with one more (or a replaced) detail; the id is unchanged. */
  public VesselEvent withDetail(String key, Object value) {
    TreeMap<String, Object> d = new TreeMap<>(details);
    d.put(key, value);
    return new VesselEvent(id, kind, mmsi, otherMmsi, startMillis, endMillis, lat, lon, open, d);
  }

  /** Details as a JSON object, keys sorted, for a jsonb column. Non-finite doubles become null. */
  public String detailsJson() {
    return json(details);
  }

  /** A detail map (as {@link #normalizeDetails} makes it) as a JSON object. */
  static String json(Map<String, Object> details) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Object> e : details.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      quote(b, e.getKey()).append(':');
      Object v = e.getValue();
      if (v instanceof String s) {
        quote(b, s);
      } else if (v instanceof Double x && !Double.isFinite(x)) {
        b.append("null");
      } else {
        b.append(v);
      }
    }
    return b.append('}').toString();
  }

  /**
   * Reads back a detail object as {@link #detailsJson} (or Postgres, from a jsonb column) writes
   * it: a flat object of strings, numbers (integral as Long, others as Double), booleans and null
   * (a non-finite double, read as NaN).
   *
   * @throws IllegalArgumentException when the text is not such an object
   */
  public static Map<String, Object> detailsFromJson(String json) {
    if (!(TinyJson.parse(json, "details JSON", true) instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("details JSON: not an object: " + json);
    }
    TreeMap<String, Object> d = new TreeMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map || v instanceof List) {
        throw new IllegalArgumentException(
            "details JSON: " + e.getKey() + " is not a string, number, boolean or null: " + json);
      }
      d.put((String) e.getKey(), v == null ? Double.NaN : v);
    }
    return normalizeDetails(d);
  }

  private static Object normalize(Object v) {
    if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    throw new IllegalArgumentException(
        "detail values must be String, integral, floating or Boolean: " + v);
  }

  private static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"');
  }
}
