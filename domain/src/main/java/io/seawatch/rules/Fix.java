package io.seawatch.rules;

import io.seawatch.model.VesselPosition;
import java.util.Objects;

/**
 * A position as the rules see it: the report plus the receiving source (station, satellite or
 * feed name) it came through, which feed-stall detection needs.
 *
 * @param position the decoded report
 * @param source receiving source id, "" when unknown (never null)
 */
public record Fix(VesselPosition position, String source) {
  public Fix {
    Objects.requireNonNull(position, "position");
    source = source == null ? "" : source;
  }

  /** A fix received through the position's own source ({@link VesselPosition#source()}). */
  public static Fix of(VesselPosition position) {
    return new Fix(position, position.source());
  }

  public int mmsi() {
    return position.mmsi();
  }

  public long timeMillis() {
    return position.timestampMillis();
  }

  public double lat() {
    return position.lat();
  }

  public double lon() {
    return position.lon();
  }

  /** Speed over ground in knots, NaN when not available. */
  public double speed() {
    return position.speed();
  }

  public boolean hasCoordinates() {
    return position.hasCoordinates();
  }
}
