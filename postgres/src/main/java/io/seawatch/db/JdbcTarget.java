package io.seawatch.db;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A Postgres database to connect to: JDBC URL and user. The password is never part of this value
 * (it is serialized into pipelines): it is read from {@value #PASSWORD_ENV} at connect time, on
 * the machine that connects. Use {@link #redactedUrl()} whenever the URL is shown.
 */
public final class JdbcTarget implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String PASSWORD_ENV = "PGPASSWORD";
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  public static final String DEFAULT_USER = "postgres";
  public static final int DEFAULT_POOL_SIZE = 4;

  // password=, sslpassword=, ... in the query string, and user:password@ in an authority.
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;][a-z]*password=)[^&;]*");
  private static final Pattern USERINFO = Pattern.compile("//([^/@:]*):[^/@]*@");

  private final String url;
  private final String user;
  private final int poolSize;

  private JdbcTarget(String url, String user, int poolSize) {
    this.url = Objects.requireNonNull(url, "url");
    this.user = Objects.requireNonNull(user, "user");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "not a Postgres JDBC URL (jdbc:postgresql://host:port/db): " + redact(url));
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be >= 1, was " + poolSize);
    }
    this.poolSize = poolSize;
  }

  public static JdbcTarget of(String url, String user) {
    return new JdbcTarget(url, user, DEFAULT_POOL_SIZE);
  }

  /** Maximum connections of each pooled DataSource built for this target (default 4). */
  public JdbcTarget withPoolSize(int poolSize) {
    return new JdbcTarget(url, user, poolSize);
  }

  /** This target with URL parameter {@code name} set to {@code value} (replaced or appended). */
  public JdbcTarget withUrlParameter(String name, String value) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    List<String> params = new ArrayList<>();
    if (q >= 0) {
      for (String p : url.substring(q + 1).split("&")) {
        if (!p.isEmpty() && !p.startsWith(name + "=") && !p.equals(name)) {
          params.add(p);
        }
      }
    }
    params.add(name + "=" + value);
    return new JdbcTarget(base + "?" + String.join("&", params), user, poolSize);
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public int poolSize() {
    return poolSize;
  }

  /** The URL with any password in it replaced by {@code ***}. */
  public String redactedUrl() {
    return redact(url);
  }

  public static String redact(String url) {
    String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    return USERINFO.matcher(s).replaceAll("//$1:***@");
  }

  /** The password from {@value #PASSWORD_ENV}, or null when unset. */
  static String password() {
    String pw = System.getenv(PASSWORD_ENV);
    return pw == null || pw.isEmpty() ? null : pw;
  }

  /**
   * A new unpooled connection (the caller closes it).
   *
   * <p>Straight through the PostgreSQL driver, not {@code DriverManager}: in a Flink TaskManager
   * that has run an earlier job, {@code DriverManager} only offers drivers registered by that job's
   * class loader, and the next job's first read failed with "No suitable driver".
   */
  public Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    String pw = password();
    if (pw != null) {
      props.setProperty("password", pw);
    }
    Connection c = DRIVER.connect(url, props);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + redactedUrl());
    }
    return c;
  }

  private static final Driver DRIVER = new org.postgresql.Driver();

  /**
   * One line describing a failure, safe to print: the raw URL and the password never appear
   * (drivers quote the URL, e.g. "No suitable driver found for ...").
   */
  public String describe(Throwable e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    msg = msg.replace(url, redactedUrl());
    String pw = password();
    if (pw != null) {
      msg = msg.replace(pw, "***");
    }
    return msg.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JdbcTarget t
        && url.equals(t.url)
        && user.equals(t.user)
        && poolSize == t.poolSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, user, poolSize);
  }

  @Override
  public String toString() {
    return user + "@" + redactedUrl();
  }
}
