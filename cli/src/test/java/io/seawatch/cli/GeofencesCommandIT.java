package io.seawatch.cli;

import static org.junit.Assert.assertEquals;

import io.seawatch.db.TestSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class GeofencesCommandIT {
  @Rule public final TestSchema db = new TestSchema("geofences_cmd");

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Seawatch.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(err.toString(StandardCharsets.UTF_8), 0, code);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void scenariosAddTheirPortOnceOnAnEmptyDatabase() throws Exception {
    String url = "--jdbcUrl=" + db.target().url();
    String user = "--jdbcUser=" + db.target().user();
    assertEquals(
        "geofences in " + db.target().redactedUrl() + ":" + System.lineSeparator(),
        run("geofences", "--scenarios=false", url, user));
    run("geofences", "--scenarios=true", url, user);
    String listed = run("geofences", "--scenarios", url, user); // idempotent
    assertEquals(
        "geofences in " + db.target().redactedUrl() + ":" + System.lineSeparator()
            + "  DKKEL port \"Kelby\" 10 54, 10.03 54, 10.03 54.02, 10 54.02"
            + System.lineSeparator(),
        listed);
    assertEquals(
        List.of("DKKEL|Kelby|port|10 54, 10.03 54, 10.03 54.02, 10 54.02"),
        db.dump("SELECT id, name, kind, polygon FROM geofence"));
  }
}
