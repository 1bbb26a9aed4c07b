package io.seawatch.beam.analytics;

import io.seawatch.rules.VesselEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The open GAPs a worker's vessels would have, and the input clock that decides them: the
 * in-memory half of {@link DetectProvisionalEvents}.
 *
 * <p>A vessel is silent when no fix of it arrives, so nothing happens on its key; what moves is
 * the input's clock (the newest fix time of any vessel, as {@code OpenGapGate} defines it). Each
 * worker instance sees every vessel of its key range and a clock close to the input's, so it keeps
 * for each of them the open GAP its silence would make and the deadline (last seen + threshold),
 * and hands out those whose deadline the clock has passed.
 *
 * <p>One entry per vessel, in a priority queue by the deadline it had when queued. Deadlines only
 * move later (fixes come in order per vessel), so the queue's order is a lower bound: an entry at
 * the head whose deadline has moved is queued again at its new deadline. A vessel reporting every
 * few seconds is re-queued about once per threshold, not once per fix.
 *
 * <p>Memory only: after a restart or a rescale it starts empty and fills as vessels report; the
 * keyed timer of {@link DetectProvisionalEvents} covers the vessels silent since then (later: by
 * the watermark). At most {@link #MAX_VESSELS} vessels are tracked; beyond, only the timer.
 */
final class PendingGaps {
  static final int MAX_VESSELS = 1_000_000;

  /** A GAP whose deadline the clock has passed. */
  record Due(VesselEvent gap, long deadlineMillis) {}

  private static final class Entry {
    final int mmsi;
    long deadline;
    long queuedAt;
    VesselEvent gap;
    boolean queued;

    Entry(int mmsi) {
      this.mmsi = mmsi;
    }
  }

  private final HashMap<Integer, Entry> byMmsi = new HashMap<>();
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(Comparator.comparingLong(e -> e.queuedAt));
  private long clock = Long.MIN_VALUE;

  /** The newest input time seen. */
  long clockMillis() {
    return clock;
  }

  int size() {
    return byMmsi.size();
  }

  /** The vessel's open GAP to be, replacing the one it had; a null gap forgets the vessel. */
  void schedule(int mmsi, long deadlineMillis, VesselEvent gap) {
    if (gap == null || deadlineMillis == Long.MAX_VALUE) {
      Entry e = byMmsi.remove(mmsi);
      if (e != null) {
        e.gap = null;
      }
      return;
    }
    Entry e = byMmsi.get(mmsi);
    if (e == null) {
      if (byMmsi.size() >= MAX_VESSELS) {
        return;
      }
      e = new Entry(mmsi);
      byMmsi.put(mmsi, e);
    }
    e.deadline = deadlineMillis;
    e.gap = gap;
    if (!e.queued) {
      e.queuedAt = deadlineMillis;
      e.queued = true;
      queue.add(e);
    }
  }

  /** Moves the clock to {@code timeMillis} (never back) and returns the GAPs now due, once each. */
  List<Due> advance(long timeMillis) {
    if (timeMillis <= clock) {
      return List.of();
    }
    clock = timeMillis;
    List<Due> due = new ArrayList<>();
    while (!queue.isEmpty() && queue.peek().queuedAt <= clock) {
      Entry e = queue.poll();
      e.queued = false;
      if (e.gap == null) {
        continue; // forgotten
      }
      if (e.deadline <= clock) {
        due.add(new Due(e.gap, e.deadline));
        byMmsi.remove(e.mmsi);
      } else {
        e.queuedAt = e.deadline;
        e.queued = true;
        queue.add(e);
      }
    }
    return due;
  }
}
