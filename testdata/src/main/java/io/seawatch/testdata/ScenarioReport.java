package io.seawatch.testdata;

import java.util.Objects;

/**
 * One position report of a scenario vessel as it is sent: a class A position report (type 1)
 * received through {@code source} at {@code timeMillis} (a whole second, the tag block's c:).
 *
 * @param mmsi the vessel
 * @param timeMillis event time, a whole second
 * @param lat latitude in degrees
 * @param lon longitude in degrees
 * @param speedKnots speed over ground
 * @param course course over ground in degrees, NaN when not available
 * @param source receiving source (the tag block's s:)
 */
public record ScenarioReport(
    int mmsi, long timeMillis, double lat, double lon, double speedKnots, double course,
    String source) {
  public ScenarioReport {
    Objects.requireNonNull(source, "source");
    if (timeMillis % 1000 != 0) {
      throw new IllegalArgumentException("report times are whole seconds: " + timeMillis);
    }
  }

  /** The report as a type 1 message (heading and rate of turn not available). */
  public PositionReportA message() {
    long second = Math.floorMod(timeMillis / 1000, 60);
    return new PositionReportA(1, 0, mmsi, 0, AisUnits.ROT_NOT_AVAILABLE, AisUnits.sog(speedKnots),
        false, AisUnits.lonLat(lon), AisUnits.lonLat(lat),
        Double.isNaN(course) ? AisUnits.COG_NOT_AVAILABLE : AisUnits.cog(course),
        AisUnits.HEADING_NOT_AVAILABLE, (int) second, 0, false, 0);
  }

  /** The NMEA line: tag block {@code \s:source,c:seconds*hh\} and one !AIVDM sentence. */
  public String line(char channel) {
    AisPayload p = message().encode();
    return Nmea.tagBlock(source, timeMillis / 1000)
        + Nmea.sentence(1, 1, "", channel, p.payload(), p.fillBits());
  }
}
