package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.FixCoder;
import io.seawatch.rules.Fix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/**
 * Delivers a scenario the way satellite AIS arrives: out of order and partly behind the
 * watermark. Fixes are cut into blocks of {@link #BLOCK_MILLIS} of event time; each block arrives
 * shuffled, a third of it held back until after the watermark has passed the block's end; the
 * watermark moves to each block's end in turn. Deterministic (fixed seed).
 */
final class Deliveries {
  static final long BLOCK_MILLIS = 20 * 60_000L;

  private Deliveries() {}

  static TestStream.Builder<Fix> lateAndShuffled(List<Fix> fixes, long seed) {
    Random random = new Random(seed);
    TreeMap<Long, List<Fix>> blocks = new TreeMap<>();
    List<Fix> sorted = new ArrayList<>(fixes);
    sorted.sort(Comparator.comparingLong(Fix::timeMillis));
    for (Fix f : sorted) {
      blocks.computeIfAbsent(Math.floorDiv(f.timeMillis(), BLOCK_MILLIS), b -> new ArrayList<>())
          .add(f);
    }
    TestStream.Builder<Fix> stream = TestStream.create(FixCoder.of());
    List<Fix> heldBack = new ArrayList<>();
    for (var e : blocks.entrySet()) {
      List<Fix> block = new ArrayList<>(e.getValue());
      Collections.shuffle(block, random);
      List<Fix> now = new ArrayList<>(heldBack);
      heldBack.clear();
      for (Fix f : block) {
        (random.nextInt(3) == 0 ? heldBack : now).add(f);
      }
      Collections.shuffle(now, random);
      if (!now.isEmpty()) {
        stream = stream.addElements(timestamped(now.get(0)), rest(now));
      }
      stream = stream.advanceWatermarkTo(new Instant((e.getKey() + 1) * BLOCK_MILLIS));
    }
    if (!heldBack.isEmpty()) {
      stream = stream.addElements(timestamped(heldBack.get(0)), rest(heldBack));
    }
    return stream;
  }

  /** The dark vessel's fix at 19:10 (going-dark scenario): the straggler the tests resend late. */
  static Fix darkVesselAt1910(List<Fix> fixes) {
    long t = io.seawatch.rules.RuleScenarios.millis("2024-05-31T19:10:00Z");
    return fixes.stream()
        .filter(f -> f.mmsi() == io.seawatch.testdata.AnalyticsScenarios.DARK && f.timeMillis() == t)
        .findFirst()
        .orElseThrow();
  }

  static TimestampedValue<Fix> timestamped(Fix f) {
    return TimestampedValue.of(f, new Instant(f.timeMillis()));
  }

  @SuppressWarnings("unchecked")
  private static TimestampedValue<Fix>[] rest(List<Fix> fixes) {
    TimestampedValue<Fix>[] out = new TimestampedValue[fixes.size() - 1];
    for (int i = 1; i < fixes.size(); i++) {
      out[i - 1] = timestamped(fixes.get(i));
    }
    return out;
  }
}
