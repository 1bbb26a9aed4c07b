package io.seawatch.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.sql.SQLException;
import org.junit.Test;

public class JdbcTargetTest {
  @Test
  public void redactsPasswordsInQueryAndAuthority() {
    assertEquals(
        "jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true",
        JdbcTarget.redact("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true"));
    assertEquals(
        "jdbc:postgresql://h/db?sslpassword=***",
        JdbcTarget.redact("jdbc:postgresql://h/db?sslpassword=k"));
    assertEquals(
        "jdbc:postgresql://u:***@h/db", JdbcTarget.redact("jdbc:postgresql://u:pw@h/db"));
    assertEquals("jdbc:postgresql://h/db", JdbcTarget.redact("jdbc:postgresql://h/db"));
  }

  @Test
  public void setsUrlParameters() {
    JdbcTarget t = JdbcTarget.of("jdbc:postgresql://h/db", "u");
    assertEquals(
        "jdbc:postgresql://h/db?reWriteBatchedInserts=true",
        t.withUrlParameter("reWriteBatchedInserts", "true").url());
    assertEquals(
        "jdbc:postgresql://h/db?currentSchema=s&reWriteBatchedInserts=false",
        JdbcTarget.of("jdbc:postgresql://h/db?reWriteBatchedInserts=true&currentSchema=s", "u")
            .withUrlParameter("reWriteBatchedInserts", "false")
            .url());
  }

  @Test
  public void describesFailuresOnOneLineWithoutTheRawUrl() {
    JdbcTarget t = JdbcTarget.of("jdbc:postgresql://h/db?password=s3cret", "u");
    assertEquals(
        "No suitable driver found for jdbc:postgresql://h/db?password=*** (really)",
        t.describe(
            new SQLException(
                "No suitable driver found for jdbc:postgresql://h/db?password=s3cret\n  (really)")));
    assertEquals("u@jdbc:postgresql://h/db?password=***", t.toString());
  }

  @Test
  public void rejectsOtherDatabases() {
    assertThrows(
        IllegalArgumentException.class, () -> JdbcTarget.of("jdbc:mysql://h/db?password=x", "u"));
  }
}
