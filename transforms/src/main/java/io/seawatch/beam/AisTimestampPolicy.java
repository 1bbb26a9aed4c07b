package io.seawatch.beam;

import io.seawatch.ais.ReceiveTimes;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.MapMaker;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Event time of an AIS record and the watermark of one Kafka partition.
 *
 * <p>Event time is the tag block's receive time ({@code c:}) when the line has one, else the Kafka
 * record timestamp (which {@code seawatch replay} sets from the file's tag blocks). The watermark of
 * a partition with data is {@code max event time - maxOutOfOrderness} (bounded out-of-orderness).
 *
 * <p>An idle or empty partition must not hold the watermark back (beam#20908), but it must not jump
 * to the wall clock either: historic AIS replayed from a file is years old, and a wall-clock
 * watermark would make all of it late. So a partition that is caught up (no backlog) and has seen
 * no record for {@code idleTimeout} follows the highest event time seen on any partition of the same
 * topic read by the same job in this JVM, less the same bound. "The same job" is the factory: it
 * draws a random scope when the pipeline is built, which every reader of that job deserializes, so
 * a second job on the topic, or the same job submitted again, never sees this one's times. A
 * restore of the job inside the same TaskManager may find the times its readers saw before the
 * failure; they came from the same partitions, which the restored readers read again, and an idle
 * partition only lifts its own watermark, which the job's watermark takes the minimum of, so until
 * every partition is caught up the reading ones decide, and once they are, their own maximum is
 * at least those times. The shared value lives as long as a partition of the job refers to it.
 * Event times more than {@link #MAX_FUTURE} ahead of the
 * wall clock are kept as element timestamps but never advance a watermark: one corrupt {@code c:}
 * must not make everything after it late.
 *
 * <p>A jump of the watermark (a partition that catches up after an outage, a watermark-advance
 * line, an idle partition that starts to follow its topic) would fire every timer up to the new
 * watermark in one go downstream, and no checkpoint barrier passes while they run (8.7 min in the
 * churn run). So after its start a partition's watermark moves at most {@code maxStep} per call
 * (the runner asks every 200 ms), doubling with every further capped call up to {@link
 * #MAX_STEP_DOUBLINGS} times: the timers just past the data, where they are dense (the rules'
 * thresholds are minutes to hours), fire in thin slices with barriers between them, and a jump of
 * days still takes seconds, not hours. The default, 10 min, is 3,000 times real time: an ordinary
 * catch-up never reaches it. Bounded reads take no cap (their end is the end of time anyway).
 */
public final class AisTimestampPolicy<K> extends TimestampPolicy<K, String> {
  static final Duration MAX_FUTURE = Duration.standardHours(1);

  /** The step doubles at most this often in a row (10 min -> 10 h 40 min per call). */
  static final int MAX_STEP_DOUBLINGS = 6;

  /**
   * Highest plausible event time per job scope and topic, shared by the job's partitions read in
   * this JVM; an entry goes when no partition refers to it any more.
   */
  private static final ConcurrentMap<String, AtomicLong> TOPIC_MAX_EVENT_TIME =
      new MapMaker().weakValues().makeMap();

  private final long maxOutOfOrdernessMillis;
  private final long idleTimeoutMillis;
  private final long maxStepMillis;
  private final AtomicLong topicMax;
  private int cappedCalls;
  private long maxEventTime;
  private long lastRecordWallTime;
  private long watermark;

  AisTimestampPolicy(
      String jobScope, TopicPartition tp, Optional<Instant> previousWatermark,
      Duration maxOutOfOrderness, Duration idleTimeout, Duration maxStep) {
    this.maxOutOfOrdernessMillis = maxOutOfOrderness.getMillis();
    this.idleTimeoutMillis = idleTimeout.getMillis();
    this.maxStepMillis = maxStep == null ? Long.MAX_VALUE : maxStep.getMillis();
    if (maxStepMillis <= 0) {
      throw new IllegalArgumentException("the watermark step must be positive: " + maxStep);
    }
    this.topicMax =
        TOPIC_MAX_EVENT_TIME.computeIfAbsent(jobScope + "/" + tp.topic(),
            t -> new AtomicLong(Long.MIN_VALUE));
    this.watermark =
        previousWatermark.map(Instant::getMillis).orElse(BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis());
    this.maxEventTime = Long.MIN_VALUE;
    this.lastRecordWallTime = System.currentTimeMillis();
  }

  /**
   * Factory for {@code KafkaIO.read().withTimestampPolicyFactory(...)}.
   *
   * @param maxStep how far a partition's watermark may move per call; null: no limit
   */
  public static <K> TimestampPolicyFactory<K, String> factory(
      Duration maxOutOfOrderness, Duration idleTimeout, Duration maxStep) {
    return new Factory<>(maxOutOfOrderness, idleTimeout, maxStep);
  }

  /** Event time of one record: tag-block time, else the record timestamp. */
  public static long eventTimeMillis(String line, long recordTimestampMillis) {
    long tagTime = line == null ? -1 : ReceiveTimes.peekMillis(line);
    return tagTime >= 0 ? tagTime : recordTimestampMillis;
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<K, String> record) {
    long now = System.currentTimeMillis();
    long t = eventTimeMillis(record.getKV().getValue(), record.getTimestamp());
    t = Math.max(t, BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis());
    lastRecordWallTime = now;
    if (t <= now + MAX_FUTURE.getMillis()) {
      if (t > maxEventTime) {
        maxEventTime = t;
      }
      topicMax.accumulateAndGet(t, Math::max);
    }
    return new Instant(t);
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    long candidate = Long.MIN_VALUE;
    if (maxEventTime != Long.MIN_VALUE) {
      candidate = maxEventTime - maxOutOfOrdernessMillis;
    }
    boolean caughtUp = ctx.getMessageBacklog() == 0;
    boolean idle = System.currentTimeMillis() - lastRecordWallTime >= idleTimeoutMillis;
    long shared = topicMax.get();
    if (caughtUp && idle && shared != Long.MIN_VALUE) {
      candidate = Math.max(candidate, shared - maxOutOfOrdernessMillis);
    }
    if (candidate > watermark) {
      long next = candidate;
      long step = stepMillis();
      if (watermark != BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis()
          && candidate - watermark > step) {
        next = watermark + step;
        cappedCalls++;
      } else {
        cappedCalls = 0;
      }
      watermark = Math.min(next, BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis() - 1);
    } else {
      cappedCalls = 0;
    }
    return new Instant(watermark);
  }

  /** The step of this call: {@code maxStep} doubled once per capped call before it, bounded. */
  private long stepMillis() {
    int doublings = Math.min(cappedCalls, MAX_STEP_DOUBLINGS);
    return maxStepMillis > (Long.MAX_VALUE >> doublings)
        ? Long.MAX_VALUE
        : maxStepMillis << doublings;
  }

  private static final class Factory<K> implements TimestampPolicyFactory<K, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final Duration maxOutOfOrderness;
    private final Duration idleTimeout;
    private final Duration maxStep;
    /** Drawn when the pipeline is built: the job whose partitions share their event times. */
    private final String jobScope = UUID.randomUUID().toString();

    Factory(Duration maxOutOfOrderness, Duration idleTimeout, Duration maxStep) {
      this.maxOutOfOrderness = maxOutOfOrderness;
      this.idleTimeout = idleTimeout;
      this.maxStep = maxStep;
    }

    @Override
    public TimestampPolicy<K, String> createTimestampPolicy(
        TopicPartition tp, Optional<Instant> previousWatermark) {
      return new AisTimestampPolicy<>(
          jobScope, tp, previousWatermark, maxOutOfOrderness, idleTimeout, maxStep);
    }
  }
}
