package io.seawatch.cli;

/**
 * An expected failure of a command that was given correctly (a missing or unreadable file, a
 * database that does not answer): printed as one line, without a stack trace unless --verbose,
 * and the process exits with status 1. A bad command line is a picocli {@code ParameterException}
 * (status 2).
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailure(String message) {
    super(message);
  }

  CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
