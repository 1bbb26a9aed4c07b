package io.seawatch.geo;

/** A point on the sphere in degrees (latitude first, as everywhere in this package). */
public record LatLon(double lat, double lon) {}
