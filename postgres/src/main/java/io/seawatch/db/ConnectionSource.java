package io.seawatch.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The DataSource Flyway asks for, over a {@link JdbcTarget} or over one caller's connection. */
final class ConnectionSource implements DataSource {
  private interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;

  private ConnectionSource(Opener opener) {
    this.opener = opener;
  }

  /** A new connection per request, through {@link JdbcTarget#connect()} (no DriverManager). */
  static DataSource of(JdbcTarget target) {
    return new ConnectionSource(target::connect);
  }

  /**
   * Always the caller's connection, which Flyway's {@code close()} leaves open: the caller owns it.
   * Flyway then runs its history updates and the migrations on this one session.
   */
  static DataSource borrowing(Connection c) {
    Connection unclosable =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close") && method.getParameterCount() == 0) {
                    return null;
                  }
                  try {
                    return method.invoke(c, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return new ConnectionSource(() -> unclosable);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return opener.open();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the target's user and PGPASSWORD are used");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
