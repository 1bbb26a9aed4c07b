package io.seawatch.db;

import java.util.List;

/**
 * The running aggregates of one vessel as written into {@code vessel_latest} (V2 columns).
 *
 * @param mmsi the vessel
 * @param asOfMillis event time the aggregates are valid for (the guard of the upsert: an older
 *     read-out never replaces a newer one)
 * @param lat last known latitude (the placeholder row needs one; never NaN here)
 * @param lon last known longitude
 * @param distanceTodayNm distance on the UTC day of {@code asOfMillis}, nautical miles
 * @param distanceTotalNm distance since the vessel's state was created, nautical miles
 * @param currentSegment id of the segment of the newest fix (vessel_segment / SEGMENT event id)
 * @param openEvents ids of the vessel's open events, oldest start first
 */
public record VesselStatsRow(
    int mmsi,
    long asOfMillis,
    double lat,
    double lon,
    double distanceTodayNm,
    double distanceTotalNm,
    long currentSegment,
    List<Long> openEvents) {
  public VesselStatsRow {
    openEvents = List.copyOf(openEvents);
  }
}
