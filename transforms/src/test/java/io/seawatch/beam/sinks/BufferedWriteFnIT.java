package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import io.seawatch.db.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The background writer of {@link JdbcWrites.BufferedWriteFn}, driven through the DoFn's methods
 * as a runner calls them, on pooled connections to the real Postgres: every batch is committed
 * before the bundle finishes, in order, and a failed batch fails the bundle.
 */
public class BufferedWriteFnIT {
  @ClassRule public static final TestSchema DB = new TestSchema("buffered");

  /** Records each batch it is handed, on the writer thread; fails the batch holding a poison row. */
  private static final class RecordingFn extends JdbcWrites.BufferedWriteFn<Integer> {
    private static final long serialVersionUID = 1L;

    final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release;
    final int poison;

    RecordingFn(int batchSize, CountDownLatch release, int poison) {
      super(DB.target(), false, batchSize);
      this.release = release;
      this.poison = poison;
    }

    @Override
    void write(Connection c, List<Integer> rows) throws Exception {
      if (!release.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("never released");
      }
      threads.add(Thread.currentThread().getName());
      if (rows.contains(poison)) {
        throw new SQLException("poison row " + poison, "23514");
      }
      batches.add(List.copyOf(rows));
    }
  }

  @Test
  public void everyBatchIsWrittenInOrderBeforeTheBundleFinishes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingFn fn = new RecordingFn(3, release, -1);
    fn.setup();
    try {
      fn.startBundle();
      for (int i = 1; i <= 7; i++) {
        if (i == 4) {
          // The first batch is in flight but held: filling the next one does not wait for it.
          fn.process(i);
          assertEquals(List.of(), fn.batches);
          release.countDown();
          continue;
        }
        fn.process(i);
      }
      fn.finishBundle();
      assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7)), fn.batches);
      assertEquals(List.of("seawatch-jdbc-writer", "seawatch-jdbc-writer", "seawatch-jdbc-writer"),
          fn.threads);

      // The next bundle starts empty.
      fn.startBundle();
      fn.process(8);
      fn.finishBundle();
      assertEquals(List.of(8), fn.batches.get(3));
    } finally {
      fn.teardown();
    }
  }

  @Test
  public void aFailedBatchFailsTheBundle() throws Exception {
    CountDownLatch released = new CountDownLatch(0);
    RecordingFn fn = new RecordingFn(2, released, 2);
    fn.setup();
    try {
      fn.startBundle();
      fn.process(1);
      fn.process(2); // hands off [1, 2], which fails on the writer thread
      try {
        fn.process(3);
        fn.process(4); // the next hand-off waits for [1, 2] and reports its failure
        fn.finishBundle();
        fail("the failed batch did not fail the bundle");
      } catch (SQLException e) {
        assertEquals("poison row 2", e.getMessage());
      }
      assertEquals(List.of(), fn.batches);

      // A retried bundle (a runner's next attempt) writes again from the start.
      RecordingFn retry = new RecordingFn(2, released, -1);
      retry.setup();
      try {
        retry.startBundle();
        for (int i = 1; i <= 4; i++) {
          retry.process(i);
        }
        retry.finishBundle();
        assertEquals(List.of(List.of(1, 2), List.of(3, 4)), retry.batches);
      } finally {
        retry.teardown();
      }
    } finally {
      fn.teardown();
    }
  }
}
