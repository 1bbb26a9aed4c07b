package io.seawatch.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.rules.ExternalResource;

/**
 * A fresh schema in the test database for one IT class, dropped afterwards (with the pools that
 * pointed at it). The database URL can be overridden with -Dseawatch.it.jdbcUrl.
 */
public final class TestSchema extends ExternalResource {
  public static final String BASE_URL =
      System.getProperty("seawatch.it.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = System.getProperty("seawatch.it.jdbcUser", "postgres");

  private final String schema;

  public TestSchema(String prefix) {
    this.schema =
        ("it_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
  }

  public String schema() {
    return schema;
  }

  /** A target whose connections work in this schema. */
  public JdbcTarget target() {
    return JdbcTarget.of(BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER);
  }

  @Override
  protected void before() throws SQLException {
    execute("CREATE SCHEMA " + schema);
  }

  @Override
  protected void after() {
    PooledDataSources.close(target());
    try {
      execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + schema, e);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(BASE_URL, USER, null);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Runs statements in this schema. */
  public void exec(String... sql) throws SQLException {
    try (Connection c = target().connect();
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** Every row of a query as "col|col|..." (NULL as "null"), timestamps in UTC. */
  public List<String> dump(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = target().connect();
        Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'UTC'");
      try (ResultSet rs = s.executeQuery(query)) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          StringBuilder b = new StringBuilder();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            if (i > 1) {
              b.append('|');
            }
            b.append(rs.getString(i));
          }
          rows.add(b.toString());
        }
      }
    }
    return rows;
  }

  /** The whole table, every column, in primary-key order. */
  public List<String> table(String table, String orderBy) throws SQLException {
    return dump("SELECT * FROM " + table + " ORDER BY " + orderBy);
  }

  public Migrations.Result migrate() throws SQLException {
    try (Connection c = target().connect()) {
      return Migrations.builtIn().migrate(c);
    }
  }
}
