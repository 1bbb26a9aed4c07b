package io.seawatch.cli;

import io.seawatch.db.JdbcTarget;

/** Builds the Postgres target of a command from its flags; a malformed URL is a one-line error. */
final class JdbcTargets {
  private JdbcTargets() {}

  static JdbcTarget of(String url, String user) {
    try {
      return JdbcTarget.of(url, user);
    } catch (IllegalArgumentException e) {
      throw new UserError("invalid --jdbcUrl: " + e.getMessage());
    }
  }
}
