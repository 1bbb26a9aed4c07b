package io.seawatch.beam;

import static org.junit.Assert.assertEquals;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/** The watermark of one partition: bounded out-of-orderness, moved in capped steps. */
public class AisTimestampPolicyTest {
  private static final long MIN = 60_000L;
  private static final long T0 = 1_717_200_000_000L; // 2024-06-01T00:00:00Z

  private static final TimestampPolicy.PartitionContext BACKLOG = context(100);
  private static final TimestampPolicy.PartitionContext CAUGHT_UP = context(0);

  private static TimestampPolicy.PartitionContext context(long backlog) {
    return new TimestampPolicy.PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return backlog;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return Instant.now();
      }
    };
  }

  private static KafkaRecord<byte[], String> line(long eventTime) {
    return new KafkaRecord<>(
        "t", 0, 0, eventTime, KafkaTimestampType.CREATE_TIME, null, null, "!AIVDM,1,1,,A,x,0*00");
  }

  private static TimestampPolicy<byte[], String> policy(Duration maxStep) {
    return AisTimestampPolicy.<byte[]>factory(
            Duration.standardMinutes(5), Duration.standardSeconds(30), maxStep)
        .createTimestampPolicy(new TopicPartition("policy-test-" + maxStep, 0), Optional.empty());
  }

  @Test
  public void aJumpIsTakenInDoublingStepsAfterTheFirstWatermark() {
    TimestampPolicy<byte[], String> p = policy(Duration.standardMinutes(10));
    p.getTimestampForRecord(BACKLOG, line(T0));
    // From the start the watermark goes straight to the data (nothing downstream waits yet).
    assertEquals(T0 - 5 * MIN, p.getWatermark(BACKLOG).getMillis());
    p.getTimestampForRecord(BACKLOG, line(T0 + 60 * MIN)); // an hour ahead at once
    // Steps of 10, then 20 min (doubling while capped), then the rest (less than 40).
    long[] expected = {5, 25, 55, 55};
    for (long minutes : expected) {
      assertEquals(T0 + minutes * MIN, p.getWatermark(BACKLOG).getMillis());
    }
    // Small advances pass whole, and the step is back to 10 min.
    p.getTimestampForRecord(BACKLOG, line(T0 + 63 * MIN));
    assertEquals(T0 + 58 * MIN, p.getWatermark(BACKLOG).getMillis());
    p.getTimestampForRecord(BACKLOG, line(T0 + 60 * 24 * MIN)); // a day ahead
    assertEquals(T0 + 68 * MIN, p.getWatermark(BACKLOG).getMillis());
    // 20, 40, 80, 160, 320, 640 min (six doublings at most), then the rest (less than 640).
    long at = 68;
    for (long step : new long[] {20, 40, 80, 160, 320, 640}) {
      at += step;
      assertEquals(T0 + at * MIN, p.getWatermark(BACKLOG).getMillis());
    }
    assertEquals(T0 + (24 * 60 - 5) * MIN, p.getWatermark(BACKLOG).getMillis());
    p.getTimestampForRecord(BACKLOG, line(T0 + 10 * 24 * 60 * MIN)); // ten days ahead
    at = 24 * 60 - 5;
    for (long step : new long[] {10, 20, 40, 80, 160, 320, 640, 640, 640}) {
      at += step;
      assertEquals(T0 + at * MIN, p.getWatermark(BACKLOG).getMillis());
    }
  }

  @Test
  public void withoutAStepTheWatermarkFollowsTheData() {
    TimestampPolicy<byte[], String> p = policy(null);
    p.getTimestampForRecord(BACKLOG, line(T0));
    p.getWatermark(BACKLOG);
    p.getTimestampForRecord(BACKLOG, line(T0 + 60 * MIN));
    assertEquals(T0 + 55 * MIN, p.getWatermark(BACKLOG).getMillis());
  }

  /** A job's factory as KafkaIO uses it: idle at once (timeout 0), no step. */
  private static TimestampPolicyFactory<byte[], String> job() {
    return AisTimestampPolicy.factory(Duration.standardMinutes(5), Duration.ZERO, null);
  }

  /**
   * Two jobs reading one topic in one JVM (a session cluster's TaskManager), or a job and its
   * resubmission: an idle partition follows the highest event time of its own job's partitions,
   * never the other job's. Before, the highest time was kept per topic for the whole JVM.
   */
  @Test
  public void anIdlePartitionFollowsItsOwnJobOnly() {
    TopicPartition p0 = new TopicPartition("policy-test-jobs", 0);
    TopicPartition p1 = new TopicPartition("policy-test-jobs", 1);
    TimestampPolicyFactory<byte[], String> first = job();
    TimestampPolicyFactory<byte[], String> second = job();
    TimestampPolicy<byte[], String> firstReading = first.createTimestampPolicy(p0, Optional.empty());
    TimestampPolicy<byte[], String> firstIdle = first.createTimestampPolicy(p1, Optional.empty());
    TimestampPolicy<byte[], String> secondIdle = second.createTimestampPolicy(p1, Optional.empty());
    firstReading.getTimestampForRecord(BACKLOG, line(T0 + 60 * MIN));

    assertEquals(T0 + 55 * MIN, firstIdle.getWatermark(CAUGHT_UP).getMillis());
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, secondIdle.getWatermark(CAUGHT_UP));

    TimestampPolicy<byte[], String> secondReading =
        second.createTimestampPolicy(p0, Optional.empty());
    secondReading.getTimestampForRecord(BACKLOG, line(T0 + 10 * MIN));
    assertEquals(T0 + 5 * MIN, secondIdle.getWatermark(CAUGHT_UP).getMillis());
    assertEquals(T0 + 55 * MIN, firstIdle.getWatermark(CAUGHT_UP).getMillis());
  }

  /**
   * A restored reader starts from the watermark of its checkpoint; an idle partition of the same
   * job (the factory deserialized from the same job graph) follows what the job's readers have read
   * since, and a fresh job's does not.
   */
  @Test
  public void aRestoredPartitionStartsFromItsCheckpointedWatermark() throws Exception {
    TopicPartition p0 = new TopicPartition("policy-test-restore", 0);
    TopicPartition p1 = new TopicPartition("policy-test-restore", 1);
    TimestampPolicyFactory<byte[], String> built = job();
    TimestampPolicyFactory<byte[], String> restored = SerializableUtils.clone(built);
    Optional<Instant> checkpointed = Optional.of(new Instant(T0 + 30 * MIN));
    TimestampPolicy<byte[], String> reading = restored.createTimestampPolicy(p0, checkpointed);
    TimestampPolicy<byte[], String> idle = restored.createTimestampPolicy(p1, checkpointed);

    assertEquals(T0 + 30 * MIN, reading.getWatermark(BACKLOG).getMillis());
    assertEquals(T0 + 30 * MIN, idle.getWatermark(CAUGHT_UP).getMillis());
    reading.getTimestampForRecord(BACKLOG, line(T0 + 40 * MIN));
    assertEquals(T0 + 35 * MIN, idle.getWatermark(CAUGHT_UP).getMillis());
    // The job as built (its readers in the same JVM) shares the scope; a new job does not.
    assertEquals(T0 + 35 * MIN,
        built.createTimestampPolicy(p1, Optional.empty()).getWatermark(CAUGHT_UP).getMillis());
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE,
        job().createTimestampPolicy(p1, Optional.empty()).getWatermark(CAUGHT_UP));
  }
}
