package io.seawatch.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * One HikariCP pool per JVM per (target, batch rewriting), created lazily and kept for the life of
 * the JVM: every sink instance (DoFn) in a worker shares it.
 *
 * <p>{@code reWriteBatchedInserts} is forced on or off in the URL: on for the append-only tables
 * (multi-row INSERT ... DO NOTHING, about 2.5x faster), off for the DO UPDATE tables, where a
 * rewritten batch holding one key twice fails with 21000 ("ON CONFLICT DO UPDATE command cannot
 * affect row a second time").
 */
public final class PooledDataSources {
  private record Key(JdbcTarget target, boolean rewriteBatchedInserts) {}

  static final String DRIVER_CLASS = "org.postgresql.Driver";

  private static final Map<Key, HikariDataSource> POOLS = new ConcurrentHashMap<>();

  private PooledDataSources() {}

  public static DataSource get(JdbcTarget target, boolean rewriteBatchedInserts) {
    return POOLS.computeIfAbsent(new Key(target, rewriteBatchedInserts), PooledDataSources::create);
  }

  /** Closes the pools of {@code target} (tests that drop their schema; pipelines never need it). */
  public static void close(JdbcTarget target) {
    for (boolean rewrite : new boolean[] {false, true}) {
      HikariDataSource ds = POOLS.remove(new Key(target, rewrite));
      if (ds != null) {
        ds.close();
      }
    }
  }

  private static HikariDataSource create(Key key) {
    JdbcTarget t =
        key.target().withUrlParameter("reWriteBatchedInserts", key.rewriteBatchedInserts() + "");
    HikariConfig config = new HikariConfig();
    config.setPoolName("seawatch-" + (key.rewriteBatchedInserts() ? "rewrite" : "plain"));
    config.setJdbcUrl(t.url());
    // Named, the driver is loaded by Hikari's own class loader. Left to DriverManager, a Flink
    // TaskManager only finds it once some task of the job has loaded the class: the first sink to
    // open failed with "Failed to get driver instance" and the job restarted.
    config.setDriverClassName(DRIVER_CLASS);
    config.setUsername(t.user());
    String pw = JdbcTarget.password();
    if (pw != null) {
      config.setPassword(pw);
    }
    config.setMaximumPoolSize(t.poolSize());
    // Idle connections go away: a worker with many targets (tests: one per schema) stays small.
    config.setMinimumIdle(0);
    config.setIdleTimeout(30_000);
    // Fail at first use, not at construction: the sink's retry/bundle retry then applies.
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }
}
