package io.seawatch.beam.sinks;

import io.seawatch.db.JdbcTarget;
import io.seawatch.db.PooledDataSources;
import javax.sql.DataSource;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * JdbcIO's DataSource provider: the JVM-wide HikariCP pool of {@link PooledDataSources} for a
 * target, with batch rewriting on (append-only tables) or off (DO UPDATE tables).
 */
final class PooledDataSourceFn implements SerializableFunction<Void, DataSource> {
  private static final long serialVersionUID = 1L;

  private final JdbcTarget target;
  private final boolean rewriteBatchedInserts;

  PooledDataSourceFn(JdbcTarget target, boolean rewriteBatchedInserts) {
    this.target = target;
    this.rewriteBatchedInserts = rewriteBatchedInserts;
  }

  @Override
  public DataSource apply(Void input) {
    return PooledDataSources.get(target, rewriteBatchedInserts);
  }
}
