package io.seawatch.ais;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Order-independent multipart matching used by the Beam layer: fragments of ONE multipartKey
 * within one ordered input stream, each with its position (Kafka offset or file line).
 */
public final class FragmentMatcher {
  /** One fragment, where it was read and its event time (epoch ms). */
  public record Fragment(long position, NmeaSentence sentence, long eventTime) {
    /** A fragment whose event time does not matter (a match without a spread limit). */
    public Fragment(long position, NmeaSentence sentence) {
      this(position, sentence, 0);
    }
  }

  /** Completed messages (each fragment list in order 1..n) and the fragments left over. */
  public record Result(List<List<Fragment>> complete, List<Fragment> pending) {}

  /** Total order so that the result never depends on the input order, duplicates included. */
  private static final Comparator<Fragment> ORDER =
      Comparator.comparingLong(Fragment::position)
          .thenComparingInt(f -> f.sentence().fragmentNumber())
          .thenComparing(f -> f.sentence().raw());

  private FragmentMatcher() {}

  /**
   * Sorts by position, then takes every run of fragments numbered 1..n (n = fragmentCount) that
   * are consecutive among this key's fragments in position order as one complete message.
   * Whatever cannot be completed stays pending (in position order). The result does not depend on
   * the order of the input list.
   */
  public static Result match(List<Fragment> fragments) {
    return match(fragments, Long.MAX_VALUE);
  }

  /**
   * As {@link #match(List)}, and a run is a message only if its fragments' event times lie within
   * {@code maxSpreadMillis} of each other: fragments received together belong together, and the
   * Beam layer decides a fragment once the data up to its time plus that spread is in, so a
   * later decision over more fragments pairs exactly what an earlier one would have.
   */
  public static Result match(List<Fragment> fragments, long maxSpreadMillis) {
    List<Fragment> sorted = new ArrayList<>(fragments);
    sorted.sort(ORDER);
    List<List<Fragment>> complete = new ArrayList<>();
    List<Fragment> pending = new ArrayList<>();
    int i = 0;
    int size = sorted.size();
    while (i < size) {
      NmeaSentence first = sorted.get(i).sentence();
      int n = first.fragmentCount();
      if (first.fragmentNumber() == 1 && i + n <= size && isRun(sorted, i, n, maxSpreadMillis)) {
        complete.add(List.copyOf(sorted.subList(i, i + n)));
        i += n;
      } else {
        pending.add(sorted.get(i));
        i++;
      }
    }
    return new Result(List.copyOf(complete), List.copyOf(pending));
  }

  private static boolean isRun(List<Fragment> sorted, int from, int n, long maxSpreadMillis) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int k = 0; k < n; k++) {
      Fragment f = sorted.get(from + k);
      NmeaSentence s = f.sentence();
      if (s.fragmentNumber() != k + 1 || s.fragmentCount() != n) {
        return false;
      }
      min = Math.min(min, f.eventTime());
      max = Math.max(max, f.eventTime());
    }
    return max - min <= maxSpreadMillis;
  }
}
