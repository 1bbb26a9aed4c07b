package io.seawatch.beam.sinks;

import io.seawatch.db.JdbcTarget;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/** The JdbcIO write every sink uses: pooled DataSource, prepared statement, retry policy. */
final class JdbcWrites {
  static final long DEFAULT_BATCH_SIZE = 1000;

  private JdbcWrites() {}

  static <T> JdbcIO.WriteVoid<T> write(
      JdbcTarget target,
      boolean rewriteBatchedInserts,
      String statement,
      JdbcIO.PreparedStatementSetter<T> setter,
      long batchSize) {
    return JdbcIO.<T>write()
        .withDataSourceProviderFn(new PooledDataSourceFn(target, rewriteBatchedInserts))
        .withStatement(statement)
        .withPreparedStatementSetter(setter)
        .withBatchSize(batchSize)
        .withRetryStrategy(new RetryTransientConflicts())
        .withResults();
  }

  static long checkBatchSize(long batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    return batchSize;
  }
}
