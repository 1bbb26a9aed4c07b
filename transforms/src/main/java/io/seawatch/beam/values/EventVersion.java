package io.seawatch.beam.values;

import io.seawatch.rules.Alert;
import io.seawatch.rules.VesselEvent;
import java.util.Objects;

/**
 * A version of an event on its way to the alert reconciliation: {@code PROVISIONAL} from the
 * arrival-order path (with the event time that decided it), {@code FINAL} from the exact rules,
 * {@code RETRACTED} when the reconciliation withdraws a provisional version.
 *
 * @param decidedMillis provisional and retracted: event time of the deciding input or input
 *     clock; final: -1
 */
public record EventVersion(VesselEvent event, Alert.Status status, long decidedMillis) {
  public EventVersion {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(status, "status");
  }

  public static EventVersion provisional(VesselEvent event, long decidedMillis) {
    return new EventVersion(event, Alert.Status.PROVISIONAL, decidedMillis);
  }

  public static EventVersion exact(VesselEvent event) {
    return new EventVersion(event, Alert.Status.FINAL, -1);
  }

  public EventVersion retracted() {
    return new EventVersion(event, Alert.Status.RETRACTED, decidedMillis);
  }

  /** The alert of this version. */
  public Alert alert() {
    return Alert.of(event, status, decidedMillis);
  }
}
