package io.seawatch.cli;

import static org.junit.Assert.assertEquals;

import io.seawatch.db.TestSchema;
import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.ExpectedEvent;
import io.seawatch.testdata.LineFiles;
import io.seawatch.testdata.ScenarioGeofence;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * End to end on the real Postgres: every named scenario's NMEA lines, ingested as one file (the
 * decoder, every rule, the sinks), leave exactly the scenarios' expected rows in {@code
 * vessel_event}: no more (no open GAP at the end of the input), no fewer.
 */
public class AnalyticsScenariosIT {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  @Rule public final TestSchema db = new TestSchema("scenarios");

  @Test
  public void everyScenarioGivesExactlyItsEventsInVesselEvent() throws Exception {
    Path file = TMP.getRoot().toPath().resolve("scenarios.nmea");
    List<String> lines = AnalyticsScenarios.allLines();
    LineFiles.write(file, lines);
    db.migrate();
    for (AnalyticsScenario s : AnalyticsScenarios.all()) {
      for (ScenarioGeofence g : s.geofences()) {
        db.exec("INSERT INTO geofence (id, name, kind, polygon) VALUES ('" + g.id() + "', '"
            + g.name() + "', '" + g.kind() + "', '" + g.polygon() + "')");
      }
    }

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Seawatch.run(
            new String[] {
              "ingest", "--input=" + file, "--jdbcUrl=" + db.target().url(),
              "--jdbcUser=" + db.target().user()
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(err.toString(StandardCharsets.UTF_8), 0, code);

    List<String> expected = new ArrayList<>();
    Map<String, Long> byKind = new TreeMap<>();
    for (AnalyticsScenario s : AnalyticsScenarios.all()) {
      for (ExpectedEvent e : s.events()) {
        expected.add(row(e));
        byKind.merge(e.kind(), 1L, Long::sum);
      }
    }
    expected.sort(null);
    List<String> got = new ArrayList<>(db.dump(query()));
    got.sort(null);
    assertEquals(expected, got);
    assertEquals(
        List.of(
            "ENCOUNTER|1", "GAP|4", "GEOFENCE_ENTRY|1", "GEOFENCE_EXIT|1", "LOITERING|1",
            "PORT_VISIT|1", "SEGMENT|14", "SPOOFED_JUMP|2"),
        db.dump("SELECT kind, count(*) FROM vessel_event GROUP BY 1 ORDER BY 1"));
    List<String> counts = new ArrayList<>();
    byKind.forEach((k, v) -> counts.add(k + "|" + v));
    assertEquals(counts, db.dump("SELECT kind, count(*) FROM vessel_event GROUP BY 1 ORDER BY 1"));
    assertEquals(List.of(Integer.toString(lines.size())),
        db.dump("SELECT count(*) FROM ais_position"));
    assertEquals(List.of("0"), db.dump("SELECT count(*) FROM dead_letter"));
  }

  /** kind|mmsi|other|start ms|end ms|open|key=value,... (key details only, sorted). */
  private static String query() {
    StringBuilder keys = new StringBuilder("CASE kind");
    new TreeMap<>(ExpectedEvent.KEY_DETAILS)
        .forEach(
            (kind, list) -> {
              keys.append(" WHEN '").append(kind).append("' THEN ARRAY[");
              for (int i = 0; i < list.size(); i++) {
                keys.append(i == 0 ? "" : ",").append('\'').append(list.get(i)).append('\'');
              }
              keys.append("]");
            });
    keys.append(" END");
    return "SELECT kind, mmsi, coalesce(other_mmsi, 0),"
        + " (extract(epoch FROM start_ts) * 1000)::bigint,"
        + " (extract(epoch FROM end_ts) * 1000)::bigint, open,"
        + " (SELECT string_agg(k || '=' || (details ->> k), ',' ORDER BY k)"
        + "  FROM jsonb_object_keys(details) k WHERE k = ANY(" + keys + "))"
        + " FROM vessel_event";
  }

  private static String row(ExpectedEvent e) {
    StringBuilder d = new StringBuilder();
    e.details().forEach((k, v) -> d.append(d.length() == 0 ? "" : ",").append(k).append('=')
        .append(v));
    return e.kind() + "|" + e.mmsi() + "|" + e.otherMmsi() + "|" + e.start().toEpochMilli() + "|"
        + (e.end() == null ? "null" : Long.toString(e.end().toEpochMilli())) + "|"
        + (e.open() ? "t" : "f") + "|" + (d.length() == 0 ? "null" : d);
  }
}
