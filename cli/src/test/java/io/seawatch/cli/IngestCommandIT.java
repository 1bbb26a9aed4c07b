package io.seawatch.cli;

import static org.junit.Assert.assertEquals;

import io.seawatch.db.TestSchema;
import io.seawatch.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What a user sees when the ingest cannot start: a failure is one line on stderr and exit status
 * 1; a bad command line is a usage error (its line, then the synopsis) and exit status 2.
 */
public class IngestCommandIT {
  @ClassRule public static final EmbeddedKafka KAFKA = new EmbeddedKafka();
  @Rule public final TestSchema db = new TestSchema("ingest_cmd");
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private record Result(int code, String err) {}

  private static Result ingest(String... args) {
    return command("ingest", args);
  }

  private static Result tables(String... args) {
    return command("tables", args);
  }

  private static Result command(String name, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = name;
    System.arraycopy(args, 0, all, 1, args.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Seawatch.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void unreachableBroker() {
    Result r = ingest("--bootstrapServers=127.0.0.1:1", "--jdbcUrl=" + db.target().url());
    assertEquals(1, r.code());
    assertEquals(
        "seawatch ingest: error: cannot reach Kafka at 127.0.0.1:1 (is it running?"
            + " runner-configs/bin/kafka start)\n",
        r.err());
  }

  @Test
  public void missingTopic() {
    Result r = ingest("--bootstrapServers=" + KAFKA.bootstrapServers(), "--topic=nope",
        "--jdbcUrl=" + db.target().url());
    assertEquals(1, r.code());
    assertEquals(
        "seawatch ingest: error: topic 'nope' does not exist at " + KAFKA.bootstrapServers()
            + " (publish to it with: seawatch replay --file=F --topic=nope)\n",
        r.err());
  }

  @Test
  public void wrongJdbcUrl() throws Exception {
    Path file = tmp.newFile("one.nmea").toPath();
    Files.writeString(file, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n");
    Result r = ingest("--input=" + file, "--jdbcUrl=jdbc:postgresql://127.0.0.1:1/nowhere");
    assertEquals(1, r.code());
    assertEquals(1, r.err().lines().count());
    assertEquals(
        true, r.err().startsWith("seawatch ingest: error: cannot use jdbc:postgresql://127.0.0.1:1/nowhere: "));
  }

  @Test
  public void malformedJdbcUrl() {
    Result r = ingest("--input=/dev/null", "--jdbcUrl=postgres://somewhere/db");
    assertEquals(2, r.code());
    assertEquals(
        "seawatch ingest: error: invalid --jdbcUrl: not a Postgres JDBC URL"
            + " (jdbc:postgresql://host:port/db): postgres://somewhere/db",
        r.err().lines().findFirst().orElseThrow());
    Result tables = tables("--jdbcUrl=postgres://somewhere/db");
    assertEquals(2, tables.code());
    assertEquals(
        "seawatch tables: error: invalid --jdbcUrl: not a Postgres JDBC URL"
            + " (jdbc:postgresql://host:port/db): postgres://somewhere/db",
        tables.err().lines().findFirst().orElseThrow());
  }

  @Test
  public void noSource() {
    Result r = ingest("--jdbcUrl=" + db.target().url());
    assertEquals(2, r.code());
    assertEquals(
        "seawatch ingest: error: give --input=FILE or --bootstrapServers=HOST:PORT",
        r.err().lines().findFirst().orElseThrow());
  }

  @Test
  public void noSuchFile() {
    Result r = ingest("--input=/no/such/file.nmea", "--jdbcUrl=" + db.target().url());
    assertEquals(1, r.code());
    assertEquals("seawatch ingest: error: no file matches --input=/no/such/file.nmea\n", r.err());
  }
}
