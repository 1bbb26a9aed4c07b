package io.seawatch.ops;

/**
 * An error the operator can fix (unreachable broker or cluster, missing topic, bad address, a
 * savepoint that is not there): its message is one line that says what to do. The CLI prints it
 * as such; anything else is a bug and keeps its stack trace.
 */
public final class OperatorError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OperatorError(String message) {
    super(message);
  }

  public OperatorError(String message, Throwable cause) {
    super(message, cause);
  }
}
