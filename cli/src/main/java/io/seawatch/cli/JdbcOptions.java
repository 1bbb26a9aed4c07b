package io.seawatch.cli;

import io.seawatch.db.JdbcTarget;
import picocli.CommandLine.Option;

/** The Postgres target of a command; the password comes from PGPASSWORD only, never a flag. */
final class JdbcOptions {
  @Option(
      names = "--jdbcUrl",
      paramLabel = "URL",
      defaultValue = JdbcTarget.DEFAULT_URL,
      description = "Postgres JDBC URL; the schema is its currentSchema parameter"
          + " (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--jdbcUser",
      paramLabel = "USER",
      defaultValue = JdbcTarget.DEFAULT_USER,
      description = "Database user (default: ${DEFAULT-VALUE}). The password is read from the"
          + " PGPASSWORD environment variable.")
  String user;

  /** The target; a malformed URL is a one-line error. */
  JdbcTarget target() {
    return JdbcTargets.of(url, user);
  }
}
