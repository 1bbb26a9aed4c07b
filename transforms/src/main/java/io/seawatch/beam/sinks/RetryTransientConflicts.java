package io.seawatch.beam.sinks;

import java.sql.SQLException;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * Retries a batch (JdbcIO rolls back and re-executes it, which the idempotent statements allow)
 * on serialization failure (40001) and deadlock (40P01). pgjdbc reports a failed batch as a
 * BatchUpdateException whose cause chain holds the server error, so the whole chain is checked.
 */
final class RetryTransientConflicts implements JdbcIO.RetryStrategy {
  private static final long serialVersionUID = 1L;

  static final String SERIALIZATION_FAILURE = "40001";
  static final String DEADLOCK_DETECTED = "40P01";

  @Override
  public boolean apply(SQLException e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SQLException se
          && (SERIALIZATION_FAILURE.equals(se.getSQLState())
              || DEADLOCK_DETECTED.equals(se.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException se && se.getNextException() != null) {
      return se.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
