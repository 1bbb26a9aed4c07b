package io.seawatch.beam;

import static org.junit.Assert.assertEquals;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/** The watermark of one partition: bounded out-of-orderness, moved in capped steps. */
public class AisTimestampPolicyTest {
  private static final long MIN = 60_000L;
  private static final long T0 = 1_717_200_000_000L; // 2024-06-01T00:00:00Z

  private static final TimestampPolicy.PartitionContext BACKLOG =
      new TimestampPolicy.PartitionContext() {
        @Override
        public long getMessageBacklog() {
          return 100;
        }

        @Override
        public Instant getBacklogCheckTime() {
          return Instant.now();
        }
      };

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
  public void aJumpOfHoursIsTakenInStepsAfterTheFirstWatermark() {
    TimestampPolicy<byte[], String> p = policy(Duration.standardMinutes(10));
    p.getTimestampForRecord(BACKLOG, line(T0));
    // From the start the watermark goes straight to the data (nothing downstream waits yet).
    assertEquals(T0 - 5 * MIN, p.getWatermark(BACKLOG).getMillis());
    p.getTimestampForRecord(BACKLOG, line(T0 + 60 * MIN)); // an hour ahead at once
    long[] expected = {5, 15, 25, 35, 45, 55, 55};
    for (long minutes : expected) {
      assertEquals(T0 + minutes * MIN, p.getWatermark(BACKLOG).getMillis());
    }
    // Small advances pass whole.
    p.getTimestampForRecord(BACKLOG, line(T0 + 63 * MIN));
    assertEquals(T0 + 58 * MIN, p.getWatermark(BACKLOG).getMillis());
  }

  @Test
  public void withoutAStepTheWatermarkFollowsTheData() {
    TimestampPolicy<byte[], String> p = policy(null);
    p.getTimestampForRecord(BACKLOG, line(T0));
    p.getWatermark(BACKLOG);
    p.getTimestampForRecord(BACKLOG, line(T0 + 60 * MIN));
    assertEquals(T0 + 55 * MIN, p.getWatermark(BACKLOG).getMillis());
  }
}
