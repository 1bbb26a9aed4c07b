package io.seawatch.db;

import java.util.regex.Pattern;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's log, routed to slf4j with secrets taken out: Flyway prints the JDBC URL ("Database:
 * jdbc:postgresql://...") and SQL errors, either of which can carry a {@code password=} or the
 * {@value JdbcTarget#PASSWORD_ENV} value. Flyway's chatter is INFO; the CLI logs WARN and up.
 * Named in {@code loggers(...)}, so Flyway instantiates it by class name.
 */
public final class FlywayLog implements LogCreator {
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)([?&;][a-z]*password=)[^&;\\s]*");
  private static final Pattern USERINFO = Pattern.compile("//([^/@:\\s]*):[^/@\\s]*@");

  @Override
  public Log createLogger(Class<?> clazz) {
    Logger log = LoggerFactory.getLogger(clazz);
    return new Log() {
      @Override
      public boolean isDebugEnabled() {
        return log.isDebugEnabled();
      }

      @Override
      public void debug(String message) {
        log.debug(redact(message));
      }

      @Override
      public void info(String message) {
        log.info(redact(message));
      }

      @Override
      public void warn(String message) {
        log.warn(redact(message));
      }

      @Override
      // Flyway's errors are INFO: each comes with an exception that Migrations turns into the
      // one-line MigrationException the CLI prints; logging it too would say it twice.
      public void error(String message) {
        log.info(redact(message));
      }

      @Override
      public void error(String message, Exception e) {
        log.info(redact(message + ": " + e.getMessage()));
      }

      @Override
      public void notice(String message) {
        log.info(redact(message));
      }
    };
  }

  static String redact(String message) {
    if (message == null) {
      return null;
    }
    // As JdbcTarget.redact, but a URL inside a sentence ends at whitespace.
    String s = PASSWORD_PARAM.matcher(message).replaceAll("$1***");
    s = USERINFO.matcher(s).replaceAll("//$1:***@");
    String pw = JdbcTarget.password();
    return pw == null ? s : s.replace(pw, "***");
  }
}
