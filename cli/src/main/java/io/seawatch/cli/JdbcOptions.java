package io.seawatch.cli;

import io.seawatch.db.JdbcTarget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  /** The target; a malformed URL is a usage error. */
  JdbcTarget target() {
    return target(command, url, user);
  }

  /** The target of a URL and user given to {@code command}; a malformed URL is a usage error. */
  static JdbcTarget target(CommandSpec command, String url, String user) {
    try {
      return JdbcTarget.of(url, user);
    } catch (IllegalArgumentException e) {
      throw Checks.usage(command, "invalid --jdbcUrl: " + e.getMessage());
    }
  }
}
