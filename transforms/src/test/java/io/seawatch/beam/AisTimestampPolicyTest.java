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
}
