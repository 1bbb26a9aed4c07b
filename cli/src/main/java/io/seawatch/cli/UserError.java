package io.seawatch.cli;

/**
 * An error the user can fix (bad flag, unreachable broker, wrong JDBC URL): printed as one line,
 * without a stack trace, and the process exits with status 2.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
