package io.seawatch.model;

/**
 * One position report (AIS types 1, 2, 3, 18, 19, 27, and 9 for SAR aircraft) in human units.
 *
 * <p>"Not available" is explicit: {@code lat}/{@code lon}/{@code speed}/{@code course} are
 * {@link Double#NaN}, {@code heading} and {@code status} are -1.
 *
 * @param mmsi the transmitting station
 * @param timestampMillis event time (tag-block receive time, else the Kafka record time)
 * @param type AIS message type
 * @param lat latitude in degrees, NaN when not available
 * @param lon longitude in degrees, NaN when not available
 * @param speed speed over ground in knots, NaN when not available
 * @param course course over ground in degrees, NaN when not available
 * @param heading true heading in degrees, -1 when not available
 * @param status navigation status 0..15 (type 1/2/3 only), -1 when the message has none
 * @param accuracy position accuracy flag (true = high, under 10 m)
 * @param second UTC second of the report (0..59, 60..63 per ITU semantics)
 * @param msgHash deterministic id of the message (event time and payload bits); equal receptions of
 *     the same transmission at the same time collapse onto it
 * @param source receiving source (tag block {@code s:}: station, satellite or feed), "" when the
 *     line had none; never null. Not part of {@code msgHash}: two stations hearing one
 *     transmission give two positions with one hash.
 */
public record VesselPosition(
    int mmsi,
    long timestampMillis,
    int type,
    double lat,
    double lon,
    double speed,
    double course,
    int heading,
    int status,
    boolean accuracy,
    int second,
    long msgHash,
    String source) {

  public VesselPosition {
    source = source == null ? "" : source;
  }

  /** A position without a known receiving source. */
  public VesselPosition(
      int mmsi,
      long timestampMillis,
      int type,
      double lat,
      double lon,
      double speed,
      double course,
      int heading,
      int status,
      boolean accuracy,
      int second,
      long msgHash) {
    this(mmsi, timestampMillis, type, lat, lon, speed, course, heading, status, accuracy, second,
        msgHash, "");
  }

  /** The same position received through {@code newSource}. */
  public VesselPosition withSource(String newSource) {
    return new VesselPosition(mmsi, timestampMillis, type, lat, lon, speed, course, heading, status,
        accuracy, second, msgHash, newSource);
  }

  public boolean hasCoordinates() {
    return !Double.isNaN(lat) && !Double.isNaN(lon);
  }
}
