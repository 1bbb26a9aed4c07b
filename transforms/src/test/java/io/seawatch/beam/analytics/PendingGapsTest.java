package io.seawatch.beam.analytics;

import static org.junit.Assert.assertEquals;

import io.seawatch.rules.VesselEvent;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PendingGapsTest {
  private static final long H = 3_600_000L;

  private static VesselEvent gap(int mmsi, long lastSeen) {
    return VesselEvent.of(VesselEvent.Kind.GAP, mmsi, 0, lastSeen, -1, 0, 0, "", Map.of());
  }

  private static List<Long> ids(List<PendingGaps.Due> due) {
    return due.stream().map(d -> d.gap().id()).toList();
  }

  /**
   * A vessel whose deadline moved far ahead while it was queued must not hold back one that went
   * silent after it was queued: each is due exactly when the clock passes its own deadline.
   */
  @Test
  public void eachGapIsDueWhenTheClockPassesItsOwnDeadline() {
    PendingGaps p = new PendingGaps();
    p.schedule(1, 6 * H, gap(1, 0)); // queued at 6 h
    p.schedule(3, 9 * H, gap(3, 3 * H)); // queued at 9 h
    p.schedule(1, 7 * H, gap(1, H)); // vessel 1 reported again at 1 h, still queued at 6 h
    assertEquals(List.of(), ids(p.advance(6 * H)));
    // Re-queued at 7 h, ahead of vessel 3 (queued at 9 h, after it).
    assertEquals(List.of(gap(1, H).id()), ids(p.advance(7 * H)));
    assertEquals(List.of(), ids(p.advance(9 * H - 1)));
    assertEquals(List.of(gap(3, 3 * H).id()), ids(p.advance(9 * H)));
    assertEquals(0, p.size());
  }

  @Test
  public void dueOnceForgottenNeverAndTheClockNeverGoesBack() {
    PendingGaps p = new PendingGaps();
    p.schedule(1, 10, gap(1, 0));
    p.schedule(2, 10, gap(2, 0));
    p.schedule(2, Long.MAX_VALUE, null); // forgotten
    assertEquals(List.of(gap(1, 0).id()), ids(p.advance(10)));
    assertEquals(List.of(), ids(p.advance(5)));
    assertEquals(10, p.clockMillis());
    assertEquals(List.of(), ids(p.advance(20)));
  }
}
