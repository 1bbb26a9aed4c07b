package io.seawatch.rules;

import io.seawatch.geo.Polygon;
import java.util.Objects;

/**
 * A named area. {@code kind} is free text from the configuration; {@link #KIND_PORT} ("port",
 * any case) makes the tracker emit port visits.
 *
 * @param id stable id, at most 64 characters (it is kept in per-vessel state and event ids)
 * @param name display name
 * @param kind e.g. "port", "anchorage", "mpa"
 * @param polygon the area
 */
public record Geofence(String id, String name, String kind, Polygon polygon) {
  public static final String KIND_PORT = "port";

  public Geofence {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.length() > 64) {
      throw new IllegalArgumentException("geofence id must be 1..64 characters: '" + id + "'");
    }
    name = name == null ? "" : name;
    kind = kind == null ? "" : kind;
    Objects.requireNonNull(polygon, "polygon");
  }

  /** Parses the polygon from ring text or GeoJSON (see {@link Polygon#parse}). */
  public static Geofence parse(String id, String name, String kind, String polygonText) {
    return new Geofence(id, name, kind, Polygon.parse(polygonText));
  }

  public boolean isPort() {
    return KIND_PORT.equalsIgnoreCase(kind);
  }
}
