package io.seawatch.beam.values;

import io.seawatch.rules.Fix;
import io.seawatch.rules.VesselEvent;

/**
 * Input of a stage that takes both positions and events of other rules (the per-vessel track
 * stage, the per-source feed-stall stage): exactly one of the two is set.
 */
public record FixOrEvent(Fix fix, VesselEvent event) {
  public FixOrEvent {
    if ((fix == null) == (event == null)) {
      throw new IllegalArgumentException("exactly one of fix and event");
    }
  }

  public static FixOrEvent of(Fix fix) {
    return new FixOrEvent(fix, null);
  }

  public static FixOrEvent of(VesselEvent event) {
    return new FixOrEvent(null, event);
  }

  public boolean isFix() {
    return fix != null;
  }
}
