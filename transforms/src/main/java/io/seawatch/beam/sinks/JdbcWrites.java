package io.seawatch.beam.sinks;

import io.seawatch.db.JdbcTarget;
import io.seawatch.db.PooledDataSources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * The JDBC write every sink uses: pooled DataSource, prepared statement, batches per bundle, retry
 * of transient conflicts.
 *
 * <p>Not {@code JdbcIO.write()}: in a streaming job it routes every element through {@code
 * GroupIntoBatches} under a single key, i.e. through keyed state and timers (RocksDB on the
 * cluster) on one subtask, one stateful operator per sink. On the Flink cluster that cost more
 * than everything else the ingest does (docs/benchmarks.md, "End to end"). {@link WriteBatchesFn}
 * keeps no state: it collects the rows of a bundle and writes them in batches of at most {@code
 * batchSize}, one transaction each, and the bundle is complete only when they are committed. The
 * Flink profiles finish every bundle before a checkpoint barrier passes, so a checkpoint never
 * covers an unwritten row; a replayed bundle writes its rows again, which the idempotent
 * statements absorb.
 */
final class JdbcWrites {
  static final long DEFAULT_BATCH_SIZE = 1000;
  static final int MAX_ATTEMPTS = 5;

  private JdbcWrites() {}

  static <T> PTransform<PCollection<T>, PCollection<Void>> write(
      JdbcTarget target,
      boolean rewriteBatchedInserts,
      String statement,
      JdbcIO.PreparedStatementSetter<T> setter,
      long batchSize) {
    WriteBatchesFn<T> fn =
        new WriteBatchesFn<>(target, rewriteBatchedInserts, statement, setter, (int) batchSize);
    return new PTransform<PCollection<T>, PCollection<Void>>() {
      @Override
      public PCollection<Void> expand(PCollection<T> input) {
        return input.apply("WriteBatches", ParDo.of(fn)).setCoder(VoidCoder.of());
      }
    };
  }

  /**
   * As {@link #write}, and then passes each row on once the transaction that holds it has
   * committed: whatever follows (a Kafka topic) never carries a row the table missed, also when
   * the job fails between the two and its replay does not make that row again.
   */
  static <T> PTransform<PCollection<T>, PCollection<T>> writeThenPass(
      JdbcTarget target, String statement, JdbcIO.PreparedStatementSetter<T> setter,
      long batchSize) {
    WriteThenPassFn<T> fn = new WriteThenPassFn<>(target, statement, setter, (int) batchSize);
    return new PTransform<PCollection<T>, PCollection<T>>() {
      @Override
      public PCollection<T> expand(PCollection<T> input) {
        return input.apply("WriteThenPass", ParDo.of(fn)).setCoder(input.getCoder());
      }
    };
  }

  static long checkBatchSize(long batchSize) {
    if (batchSize < 1 || batchSize > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    return batchSize;
  }

  /** Runs {@code write} on a pooled connection, again on 40P01/40001, at most MAX_ATTEMPTS. */
  static void withRetries(JdbcTarget target, boolean rewrite, SqlWork write) throws Exception {
    RetryTransientConflicts retry = new RetryTransientConflicts();
    for (int attempt = 1; ; attempt++) {
      try (Connection c = PooledDataSources.get(target, rewrite).getConnection()) {
        write.run(c);
        return;
      } catch (SQLException e) {
        if (attempt >= MAX_ATTEMPTS || !retry.apply(e)) {
          throw e;
        }
        Thread.sleep(50L * attempt);
      }
    }
  }

  /** {@code rows} with one prepared statement in one transaction, rolled back on failure. */
  static <T> void writeBatch(
      Connection c, String statement, JdbcIO.PreparedStatementSetter<T> setter, List<T> rows)
      throws Exception {
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      for (T row : rows) {
        setter.setParameters(row, ps);
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    } catch (Exception e) {
      c.rollback();
      throw e;
    }
  }

  /** A unit of JDBC work on one connection. */
  interface SqlWork {
    void run(Connection c) throws Exception;
  }

  /**
   * Buffers a bundle's rows and hands them to {@link #write} every {@code batchSize} rows and when
   * the bundle finishes, on a pooled connection with {@link #withRetries}. No state and no shuffle:
   * a row is in Postgres before its bundle completes, so before the checkpoint that covers it.
   *
   * <p>A full batch is written by a background thread while the next one fills (at most one batch
   * in flight): on Flink the sinks run chained in the Kafka source's thread, which would otherwise
   * stand idle while Postgres works. The bundle still finishes only when every batch is committed,
   * and a failed batch fails the bundle (from the next hand-off or the bundle's end).
   */
  abstract static class BufferedWriteFn<T> extends DoFn<T, Void> {
    private static final long serialVersionUID = 1L;

    private final JdbcTarget target;
    private final boolean rewrite;
    private final int batchSize;
    private transient List<T> batch;
    private transient ExecutorService writer;
    private transient Future<?> inFlight;

    BufferedWriteFn(JdbcTarget target, boolean rewrite, int batchSize) {
      this.target = target;
      this.rewrite = rewrite;
      this.batchSize = batchSize;
    }

    /**
     * Writes one batch; a failure is retried on transient conflicts, else fails the bundle. Runs on
     * the writer thread, one batch at a time.
     */
    abstract void write(Connection c, List<T> rows) throws Exception;

    @Setup
    public void setup() {
      writer =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "seawatch-jdbc-writer");
                t.setDaemon(true);
                return t;
              });
    }

    @StartBundle
    public void startBundle() {
      batch = new ArrayList<>();
      inFlight = null;
    }

    @ProcessElement
    public void process(@Element T row) throws Exception {
      batch.add(row);
      if (batch.size() >= batchSize) {
        handOff();
      }
    }

    @FinishBundle
    public void finishBundle() throws Exception {
      if (!batch.isEmpty()) {
        handOff();
      }
      awaitInFlight();
    }

    @Teardown
    public void teardown() {
      if (writer != null) {
        writer.shutdownNow();
      }
    }

    private void handOff() throws Exception {
      awaitInFlight();
      List<T> rows = batch;
      batch = new ArrayList<>();
      inFlight = writer.submit(() -> {
        withRetries(target, rewrite, c -> write(c, rows));
        return null;
      });
    }

    private void awaitInFlight() throws Exception {
      Future<?> f = inFlight;
      inFlight = null;
      if (f == null) {
        return;
      }
      try {
        f.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception ex ? ex : e;
      }
    }
  }

  /** Writes each batch with one prepared statement in one transaction. */
  static final class WriteBatchesFn<T> extends BufferedWriteFn<T> {
    private static final long serialVersionUID = 1L;

    private final String statement;
    private final JdbcIO.PreparedStatementSetter<T> setter;

    WriteBatchesFn(JdbcTarget target, boolean rewrite, String statement,
        JdbcIO.PreparedStatementSetter<T> setter, int batchSize) {
      super(target, rewrite, batchSize);
      this.statement = statement;
      this.setter = setter;
    }

    @Override
    void write(Connection c, List<T> rows) throws Exception {
      writeBatch(c, statement, setter, rows);
    }
  }

  /** Buffers a bundle's rows, writes them in batches when the bundle ends, then outputs them. */
  static final class WriteThenPassFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;

    private final JdbcTarget target;
    private final String statement;
    private final JdbcIO.PreparedStatementSetter<T> setter;
    private final int batchSize;
    private transient List<T> rows;
    private transient List<Instant> timestamps;

    WriteThenPassFn(JdbcTarget target, String statement, JdbcIO.PreparedStatementSetter<T> setter,
        int batchSize) {
      this.target = target;
      this.statement = statement;
      this.setter = setter;
      this.batchSize = batchSize;
    }

    @StartBundle
    public void startBundle() {
      rows = new ArrayList<>();
      timestamps = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element T row, @Timestamp Instant timestamp, BoundedWindow window) {
      if (!(window instanceof GlobalWindow)) {
        throw new IllegalStateException("rows to write must be in the global window: " + window);
      }
      rows.add(row);
      timestamps.add(timestamp);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws Exception {
      for (int from = 0; from < rows.size(); from += batchSize) {
        List<T> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
        withRetries(target, false, c -> writeBatch(c, statement, setter, batch));
      }
      for (int i = 0; i < rows.size(); i++) {
        context.output(rows.get(i), timestamps.get(i), GlobalWindow.INSTANCE);
      }
      rows = null;
      timestamps = null;
    }
  }
}
