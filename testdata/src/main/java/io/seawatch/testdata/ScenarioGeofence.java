package io.seawatch.testdata;

/**
 * A geofence a scenario needs, as a row of the {@code geofence} table.
 *
 * @param id fence id (the event-id scope)
 * @param name display name
 * @param kind "port", "mpa", ...
 * @param polygon ring text {@code "lon lat, lon lat, ..."}
 */
public record ScenarioGeofence(String id, String name, String kind, String polygon) {}
