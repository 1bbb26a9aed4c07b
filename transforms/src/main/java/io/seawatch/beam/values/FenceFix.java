package io.seawatch.beam.values;

import io.seawatch.db.GeofenceRow;
import io.seawatch.rules.Fix;
import java.util.List;
import java.util.Objects;

/**
 * A fix with the geofences that contain it, as decided against the current geofence side input
 * (side inputs cannot be read in timers, so containment travels with the fix). Usually empty.
 */
public record FenceFix(Fix fix, List<GeofenceRow> inside) {
  public FenceFix {
    Objects.requireNonNull(fix, "fix");
    inside = List.copyOf(inside);
  }
}
