package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class MigrateCommandIT {
  private static final String BASE_URL =
      System.getProperty("seawatch.it.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/test");

  private final String schema = "it_migratecmd_" + UUID.randomUUID().toString().substring(0, 8);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(BASE_URL, "postgres", null);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Before
  public void createSchema() throws Exception {
    sql("CREATE SCHEMA " + schema);
  }

  @After
  public void dropSchema() throws Exception {
    sql("DROP SCHEMA " + schema + " CASCADE");
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    String[] all = new String[args.length + 1];
    all[0] = "migrate";
    System.arraycopy(args, 0, all, 1, args.length);
    return Seawatch.run(
        all,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String url() {
    return BASE_URL + "?currentSchema=" + schema;
  }

  @Test
  public void badUrlIsOneLineExitOneWithoutThePassword() {
    assertEquals(1, run("--jdbcUrl=jdbc:postgresql://127.0.0.1:1/test?password=hunter2"));
    String e = err();
    assertTrue(
        e,
        e.startsWith(
            "seawatch migrate: error: cannot connect to"
                + " jdbc:postgresql://127.0.0.1:1/test?password=***: "));
    assertEquals(e, 1, e.split("\n", -1).length - 1);
    assertFalse(e, e.contains("hunter2"));
  }

  @Test
  public void passwordFlagIsRefusedWithoutEchoingIt() {
    assertEquals(2, run("--jdbcPassword=hunter2"));
    assertEquals(
        "seawatch migrate: error: unknown option '--jdbcPassword' (the password is read from the"
            + " PGPASSWORD environment variable only)",
        err().lines().findFirst().orElseThrow());
    assertFalse(err(), err().contains("hunter2"));
  }

  @Test
  public void appliesThenReportsNothingPending() {
    assertEquals(0, run("--jdbcUrl=" + url(), "--dryRun"));
    assertEquals(
        "schema " + schema + " at " + url() + " as postgres\n"
            + "  V1   ingest tables                  pending\n"
            + "  V2   analytics                      pending\n"
            + "  V3   alerts                         pending\n"
            + "3 pending (dry run: nothing applied)\n",
        out());

    assertEquals(0, run("--jdbcUrl=" + url(), "--dryRun=false"));
    assertEquals(
        "schema " + schema + " at " + url() + " as postgres\n"
            + "  V1   ingest tables                  applied now\n"
            + "  V2   analytics                      applied now\n"
            + "  V3   alerts                         applied now\n"
            + "applied 3, already applied 0, pending 0\n",
        out());

    assertEquals(0, run("--jdbcUrl=" + url(), "--jdbcUser=postgres"));
    assertTrue(out(), out().endsWith("applied 0, already applied 3, pending 0\n"));
    assertEquals(0, run("--jdbcUrl=" + url()));
    assertEquals("", err());
  }
}
