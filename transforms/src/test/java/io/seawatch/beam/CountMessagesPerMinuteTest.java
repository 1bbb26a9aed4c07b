package io.seawatch.beam;

import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.model.MessageCount;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class CountMessagesPerMinuteTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final long T0 = 1_700_000_040_000L; // a minute boundary
  private static final long MINUTE = 60_000L;

  private static TimestampedValue<Integer> at(int type, long millis) {
    return TimestampedValue.of(type, new Instant(millis));
  }

  @Test
  public void countsPerMinuteAndTypeAcrossBundlesWithLateUpdates() {
    SeawatchCoders.registerOn(p);
    assertCounts(PCollectionList.of(p.apply(input())));
  }

  /** Two parts (as the decoder's parsed and reassembled messages) are counted as their union. */
  @Test
  public void partsAreCountedAsTheirUnion() {
    SeawatchCoders.registerOn(p);
    assertCounts(p.apply(input()).apply(Partition.of(2, new Alternate())));
  }

  /** Sends elements to the parts in turn, so one minute's messages of one type are in both. */
  private static final class Alternate implements Partition.PartitionFn<Integer> {
    private int next;

    @Override
    public int partitionFor(Integer type, int numPartitions) {
      return next++ % numPartitions;
    }
  }

  private static TestStream<Integer> input() {
    return TestStream.create(VarIntCoder.of())
            .advanceWatermarkTo(new Instant(T0))
            // Two bundles for minute 0: the partial counts of each are summed.
            .addElements(at(1, T0), at(1, T0 + 1000), at(5, T0 + 2000), at(1, T0 + MINUTE + 5))
            .addElements(at(1, T0 + 59_999), at(3, T0 + MINUTE + 10))
            .advanceWatermarkTo(new Instant(T0 + 2 * MINUTE))
            // Late for minute 0 (within the allowed lateness): an accumulating late pane.
            .addElements(at(1, T0 + 30_000), at(1, T0 + 31_000))
            .advanceProcessingTime(Duration.standardSeconds(11))
            .advanceWatermarkToInfinity();
  }

  private void assertCounts(PCollectionList<Integer> parts) {
    PCollection<MessageCount> counts = parts.apply(CountMessagesPerMinute.create());
    IntervalWindow minute0 = new IntervalWindow(new Instant(T0), Duration.standardMinutes(1));
    PAssert.that(counts)
        .inOnTimePane(minute0)
        .containsInAnyOrder(new MessageCount(T0, 1, 3), new MessageCount(T0, 5, 1));
    PAssert.that(counts)
        .containsInAnyOrder(
            new MessageCount(T0, 1, 3),
            new MessageCount(T0, 5, 1),
            new MessageCount(T0, 1, 5),
            new MessageCount(T0 + MINUTE, 1, 1),
            new MessageCount(T0 + MINUTE, 3, 1));
    p.run().waitUntilFinish();
  }
}
