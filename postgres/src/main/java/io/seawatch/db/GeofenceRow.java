package io.seawatch.db;

import io.seawatch.rules.Geofence;
import java.util.Objects;

/**
 * A row of {@code geofence} (migration V2) as the pipeline reads it: the polygon stays text (ring
 * text or GeoJSON, see {@link io.seawatch.geo.Polygon#parse}) until a rule needs it.
 *
 * @param id stable id (1..64 characters; part of event ids)
 * @param name display name
 * @param kind "port" makes port visits, anything else is a plain fence
 * @param polygon ring text or GeoJSON
 */
public record GeofenceRow(String id, String name, String kind, String polygon) {
  public GeofenceRow {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    kind = kind == null ? "" : kind;
    Objects.requireNonNull(polygon, "polygon");
  }

  /** Parses the polygon; IllegalArgumentException when the id or the polygon is invalid. */
  public Geofence toGeofence() {
    return Geofence.parse(id, name, kind, polygon);
  }
}
