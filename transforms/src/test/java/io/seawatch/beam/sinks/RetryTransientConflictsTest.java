package io.seawatch.beam.sinks;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.Test;

public class RetryTransientConflictsTest {
  private final RetryTransientConflicts retry = new RetryTransientConflicts();

  @Test
  public void retriesDeadlockAndSerializationFailureAnywhereInTheChain() {
    assertTrue(retry.apply(new SQLException("deadlock", "40P01")));
    assertTrue(retry.apply(new SQLException("serialization", "40001")));
    BatchUpdateException batch = new BatchUpdateException("batch failed", "", new int[0]);
    batch.setNextException(new SQLException("deadlock detected", "40P01"));
    assertTrue(retry.apply(batch));
    assertTrue(
        retry.apply(
            new SQLException("wrapped", "XX000", new SQLException("inner", "40001"))));
  }

  @Test
  public void doesNotRetryOtherErrors() {
    assertFalse(retry.apply(new SQLException("cannot affect row a second time", "21000")));
    assertFalse(retry.apply(new SQLException("no such table", "42P01")));
    assertFalse(retry.apply(new SQLException("no state")));
  }
}
