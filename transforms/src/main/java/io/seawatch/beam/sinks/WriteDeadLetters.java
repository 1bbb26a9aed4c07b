package io.seawatch.beam.sinks;

import io.seawatch.db.DeadLetterTable;
import io.seawatch.db.JdbcTarget;
import io.seawatch.model.DeadLetter;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes dead letters to {@code dead_letter} ({@link DeadLetterTable}).
 *
 * <p>Idempotent: the id is a hash of payload, stage, reason and event time (not of the origin),
 * inserted with {@code ON CONFLICT (id) DO NOTHING}: replaying the same input, even under new
 * Kafka offsets, leaves the table unchanged. NUL characters are stored as U+FFFD in text columns;
 * a payload that had any is also kept exactly in {@code payload_bytes}.
 *
 * <p>Windowing: none; every element is written in its bundle, whatever its window or timestamp.
 */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PCollection<Void>> {
  public static final String INSERT_STEP = "InsertDeadLetter";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteDeadLetters(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteDeadLetters to(JdbcTarget target) {
    return new WriteDeadLetters(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteDeadLetters withBatchSize(long batchSize) {
    return new WriteDeadLetters(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<DeadLetter> deadLetters) {
    return deadLetters.apply(
        INSERT_STEP,
        JdbcWrites.<DeadLetter>write(
            target, true, DeadLetterTable.INSERT, (d, ps) -> DeadLetterTable.bind(ps, d),
            batchSize));
  }
}
