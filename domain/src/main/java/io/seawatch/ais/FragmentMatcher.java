package io.seawatch.ais;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Order-independent multipart matching used by the Beam layer: fragments of ONE multipartKey
 * within one ordered input stream, each with its position (Kafka offset or file line).
 */
public final class FragmentMatcher {
  /** One fragment and where it was read. */
  public record Fragment(long position, NmeaSentence sentence) {}

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
    List<Fragment> sorted = new ArrayList<>(fragments);
    sorted.sort(ORDER);
    List<List<Fragment>> complete = new ArrayList<>();
    List<Fragment> pending = new ArrayList<>();
    int i = 0;
    int size = sorted.size();
    while (i < size) {
      NmeaSentence first = sorted.get(i).sentence();
      int n = first.fragmentCount();
      if (first.fragmentNumber() == 1 && i + n <= size && isRun(sorted, i, n)) {
        complete.add(List.copyOf(sorted.subList(i, i + n)));
        i += n;
      } else {
        pending.add(sorted.get(i));
        i++;
      }
    }
    return new Result(List.copyOf(complete), List.copyOf(pending));
  }

  private static boolean isRun(List<Fragment> sorted, int from, int n) {
    for (int k = 0; k < n; k++) {
      NmeaSentence s = sorted.get(from + k).sentence();
      if (s.fragmentNumber() != k + 1 || s.fragmentCount() != n) {
        return false;
      }
    }
    return true;
  }
}
