package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FleetGeneratorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final long SAT_LINES = 2834;
  private static final long SAT_LATE = 2833;
  private static final long SAT_VALID = 2801;
  private static final Pattern TAG = Pattern.compile("^\\\\([^*\\\\]*)\\*[0-9A-F]{2}\\\\");

  private static GeneratedFleet tiny(long seed) {
    return FleetGenerator.builder().seed(seed).vessels(10).duration(Duration.ofMinutes(10))
        .build().generate();
  }

  /** A mid-sized fleet with traffic out of coastal range (satellite) and corruption. */
  private static final GeneratedFleet MEDIUM = FleetGenerator.builder().vessels(40)
      .duration(Duration.ofMinutes(40)).corruptShare(0.02).build().generate();

  static String sha256(List<String> lines) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (String l : lines) {
      md.update(l.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static Map<String, String> tags(String line) {
    Map<String, String> out = new TreeMap<>();
    Matcher m = TAG.matcher(line);
    if (m.find()) {
      for (String kv : m.group(1).split(",")) {
        out.put(kv.substring(0, kv.indexOf(':')), kv.substring(kv.indexOf(':') + 1));
      }
    }
    return out;
  }

  @Test
  public void sameSeedGivesTheSameBytes() throws Exception {
    GeneratedFleet a = tiny(42);
    GeneratedFleet b = tiny(42);
    assertEquals(sha256(a.lines()), sha256(b.lines()));
    assertEquals(a.manifest(), b.manifest());
    assertEquals("962984373eb512e038820d8e83a7df427c468dda18cf203d4a9da56964891731",
        sha256(a.lines()));
  }

  @Test
  public void tinyFleetManifestIsExact() {
    FleetManifest m = tiny(42).manifest();
    assertEquals(List.of(
        "lines: 964",
        "valid lines: 954",
        "multipart lines: 22",
        "corrupt lines: 10",
        "corrupt wrong_checksum: 2",
        "corrupt truncated: 2",
        "corrupt garbage_text: 2",
        "corrupt random_bytes: 1",
        "corrupt orphan_fragment: 1",
        "corrupt unknown_type: 1",
        "corrupt short_type5: 1",
        "decoded messages: 943",
        "messages type 1: 787",
        "messages type 3: 4",
        "messages type 4: 50",
        "messages type 5: 11",
        "messages type 18: 43",
        "messages type 19: 2",
        "messages type 21: 31",
        "messages type 24: 10",
        "messages type 27: 5",
        "distinct mmsis: 25",
        "first event time: 2024-06-01T00:00:00Z",
        "last event time: 2024-06-01T00:09:59Z",
        "valid lines station borkum: 3",
        "valid lines station denhelder: 3",
        "valid lines station dover: 88",
        "valid lines station esbjerg: 13",
        "valid lines station harwich: 200",
        "valid lines station helgoland: 13",
        "valid lines station hoek: 13",
        "valid lines station humber: 13",
        "valid lines station ijmuiden: 3",
        "valid lines station lehavre: 406",
        "valid lines station ostend: 28",
        "valid lines station sat-1: 147",
        "valid lines station solent: 24"),
        m.summary());
  }

  @Test
  public void differentSeedGivesDifferentData() throws Exception {
    assertNotEquals(sha256(tiny(42).lines()), sha256(tiny(43).lines()));
  }

  @Test
  public void linesAreValidPlusCorrupt() {
    FleetManifest m = MEDIUM.manifest();
    assertEquals(MEDIUM.lines().size(), m.totalLines());
    assertEquals(m.totalLines(), m.validLines() + m.corruptLineCount());
    assertEquals(m.decodedMessages(), m.validLines() - m.multipartLines() / 2);
    assertEquals(m.messages(5) * 2, m.multipartLines());
  }

  @Test
  public void corruptShareMatchesTheConfiguration() {
    FleetManifest m = MEDIUM.manifest();
    assertEquals(Math.round(m.validLines() * 0.02 / 0.98), m.corruptLineCount());
    assertEquals(0.02, (double) m.corruptLineCount() / m.totalLines(), 0.0005);
    // seven kinds, spread evenly
    for (long n : m.corruptLines().values()) {
      assertTrue(n == m.corruptLineCount() / 7 || n == m.corruptLineCount() / 7 + 1);
    }
  }

  @Test
  public void checksumsAreCorrectExceptOnLinesCorruptedThatWay() {
    FleetManifest m = MEDIUM.manifest();
    long broken = MEDIUM.lines().stream().filter(l -> !Nmea.checksumsValid(l)).count();
    assertEquals(m.corruptLines().get(CorruptionKind.WRONG_CHECKSUM)
        + m.corruptLines().get(CorruptionKind.TRUNCATED)
        + m.corruptLines().get(CorruptionKind.GARBAGE_TEXT)
        + m.corruptLines().get(CorruptionKind.RANDOM_BYTES), broken);
    GeneratedFleet clean = FleetGenerator.builder().vessels(40).duration(Duration.ofMinutes(40))
        .corruptShare(0).build().generate();
    assertEquals(0, clean.manifest().corruptLineCount());
    for (String line : clean.lines()) {
      assertTrue(line, Nmea.checksumsValid(line));
      assertTrue(line, line.length() - line.indexOf('!') <= 82);
    }
  }

  @Test
  public void everyLineHasStationAndTimeExceptGroupContinuationsAndGarbage() {
    FleetManifest m = MEDIUM.manifest();
    long tagged = 0;
    long continuations = 0;
    for (String line : MEDIUM.lines()) {
      Map<String, String> t = tags(line);
      if (t.containsKey("s")) {
        tagged++;
        assertTrue(line, t.containsKey("c"));
      } else if (t.containsKey("g")) {
        continuations++;
        assertTrue(line, t.get("g").startsWith("2-2-"));
      }
    }
    assertEquals(m.totalLines() - m.corruptLines().get(CorruptionKind.GARBAGE_TEXT)
        - m.corruptLines().get(CorruptionKind.RANDOM_BYTES), tagged + continuations);
  }

  @Test
  public void satelliteLinesArriveAfterTheirEventTime() {
    long lastCoastal = Long.MIN_VALUE;
    for (String line : MEDIUM.lines()) {
      Map<String, String> t = tags(line);
      if (t.containsKey("c") && !t.get("s").equals("sat-1")) {
        lastCoastal = Math.max(lastCoastal, Long.parseLong(t.get("c")));
      }
    }
    long coastalClock = Long.MIN_VALUE;
    long satellite = 0;
    long late = 0;
    for (String line : MEDIUM.lines()) {
      Map<String, String> t = tags(line);
      if (!t.containsKey("c")) {
        continue;
      }
      long c = Long.parseLong(t.get("c"));
      if (t.get("s").equals("sat-1")) {
        satellite++;
        // delivered at least a minute late: coastal lines of later event times came first,
        // unless it arrives after the window, behind all coastal traffic
        assertTrue(line + " at coastal time " + coastalClock,
            coastalClock > c || coastalClock == lastCoastal);
        late += coastalClock > c ? 1 : 0;
      } else {
        coastalClock = Math.max(coastalClock, c);
      }
    }
    assertEquals(SAT_LINES, satellite);
    assertEquals(SAT_LATE, late);
    assertEquals(SAT_VALID, (long) MEDIUM.manifest().validLinesByStation().get("sat-1"));
  }

  @Test
  public void eventTimesStayInTheWindow() {
    FleetManifest m = MEDIUM.manifest();
    assertEquals(Instant.parse("2024-06-01T00:00:00Z"), m.firstEventTime());
    assertEquals(Instant.parse("2024-06-01T00:39:59Z"), m.lastEventTime());
    assertNull(FleetGenerator.builder().vessels(0).duration(Duration.ofSeconds(1))
        .baseStationIntervalSeconds(3600).build().generate().manifest().firstEventTime());
  }

  @Test
  public void writesPlainAndGzipFiles() throws Exception {
    GeneratedFleet f = tiny(42);
    Path plain = tmp.getRoot().toPath().resolve("a/fleet.nmea");
    Path gz = tmp.getRoot().toPath().resolve("fleet.nmea.gz");
    f.write(plain);
    f.write(gz);
    assertEquals(f.lines(), LineFiles.read(plain));
    assertEquals(f.lines(), LineFiles.read(gz));
    byte[] head = Files.readAllBytes(gz);
    assertEquals(0x1f, head[0] & 0xff);
    assertEquals(0x8b, head[1] & 0xff);
  }
}
