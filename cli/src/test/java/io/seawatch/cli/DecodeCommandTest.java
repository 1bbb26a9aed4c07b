package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DecodeCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  // Sentences from gpsd's test/sample.aivdm (BSD licence, published test data).
  private static final String TYPE1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
  private static final String TYPE5_1 =
      "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
  private static final String TYPE5_2 = "!AIVDM,2,2,1,A,88888888880,2*25";

  private static final String TYPE1_JSON =
      "{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":371798000,\"scaled\":true,\"status\":0,"
          + "\"turn\":\"fastleft\",\"speed\":12.3,\"accuracy\":true,\"lon\":-123.395383,"
          + "\"lat\":48.381633,\"course\":224.0,\"heading\":215,\"second\":33,\"maneuver\":0,"
          + "\"raim\":false,\"radio\":34017}";
  private static final String TYPE5_JSON =
      "{\"class\":\"AIS\",\"type\":5,\"repeat\":0,\"mmsi\":351759000,\"scaled\":true,"
          + "\"imo\":9134270,\"ais_version\":0,\"callsign\":\"3FOF8\",\"shipname\":\"EVER DIADEM\","
          + "\"shiptype\":70,\"to_bow\":225,\"to_stern\":70,\"to_port\":1,\"to_starboard\":31,"
          + "\"epfd\":1,\"eta\":\"05-15T14:00Z\",\"draught\":12.2,\"destination\":\"NEW YORK\","
          + "\"dte\":0}";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "decode";
    System.arraycopy(args, 0, all, 1, args.length);
    return Seawatch.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path file(String name, String... lines) throws IOException {
    Path p = tmp.getRoot().toPath().resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  @Test
  public void decodesSingleAndMultipartAndReportsRejects() throws IOException {
    Path p = file("in.nmea",
        TYPE1,
        "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B",
        TYPE5_1,
        TYPE5_2,
        "garbage",
        sentence("AIVDM,2,2,3,B,88888888880,2"),
        sentence("AIVDM,2,1,7,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0"));
    assertEquals(0, run(p.toString()));
    assertEquals(TYPE1_JSON + "\n" + TYPE5_JSON + "\n", out().replace("\r", ""));
    assertEquals(
        "line 2: bad checksum: !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B\n"
            + "line 5: not an ais sentence: garbage\n"
            + "line 6: orphan fragment: " + sentence("AIVDM,2,2,3,B,88888888880,2") + "\n"
            + "line 7: incomplete multipart message: "
            + sentence("AIVDM,2,1,7,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0") + "\n"
            + "7 lines, 2 messages, 4 rejected\n",
        err().replace("\r", ""));
  }

  @Test
  public void rejectsEveryFragmentOfAnUndecodableMessage() throws IOException {
    // A well-framed two-part message whose payload is of unknown type 30 ('N').
    Path p =
        file("bad.nmea", sentence("AIVDM,2,1,4,A,N0000000,0"), sentence("AIVDM,2,2,4,A,0000,0"));
    assertEquals(0, run(p.toString()));
    assertEquals("", out());
    assertEquals(
        "line 1: unknown message type 30: " + sentence("AIVDM,2,1,4,A,N0000000,0") + "\n"
            + "line 2: unknown message type 30: " + sentence("AIVDM,2,2,4,A,0000,0") + "\n"
            + "2 lines, 0 messages, 2 rejected\n",
        err().replace("\r", ""));
  }

  @Test
  public void readsGzipAndTagBlocks() throws IOException {
    Path p = tmp.getRoot().toPath().resolve("in.nmea.gz");
    String tagged = "\\" + tagBlock("c:1700000000,s:rec1") + "\\" + TYPE1;
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
      o.write((tagged + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    assertEquals(0, run(p.toString()));
    assertEquals(TYPE1_JSON + "\n", out().replace("\r", ""));
    assertEquals("1 lines, 1 messages, 0 rejected\n", err().replace("\r", ""));
  }

  @Test
  public void helpPrintsUsage() {
    assertEquals(0, run("--help"));
    assertTrue(out(),
        out().startsWith("Usage: seawatch decode [-h] [--verbose[=true|false]] [FILE]\n"));
    assertEquals("", err());
  }

  @Test
  public void missingFileIsAOneLineFailure() {
    assertEquals(1, run("/nonexistent/x.nmea"));
    assertEquals("seawatch decode: error: no such file: /nonexistent/x.nmea\n",
        err().replace("\r", ""));
  }

  @Test
  public void directoryIsAOneLineFailure() {
    assertEquals(1, run(tmp.getRoot().toString()));
    assertEquals("seawatch decode: error: " + tmp.getRoot() + " is a directory\n",
        err().replace("\r", ""));
    assertEquals("", out());
  }

  @Test
  public void gzFileThatIsNotGzipIsAOneLineFailure() throws IOException {
    Path p = file("plain.nmea.gz", TYPE1);
    assertEquals(1, run(p.toString()));
    assertEquals("seawatch decode: error: " + p + " is not gzip-compressed (Not in GZIP format)\n",
        err().replace("\r", ""));
  }

  @Test
  public void truncatedGzipIsAOneLineFailure() throws IOException {
    Path p = tmp.getRoot().toPath().resolve("cut.nmea.gz");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      o.write((TYPE1 + "\n").repeat(1000).getBytes(StandardCharsets.US_ASCII));
    }
    Files.write(p, java.util.Arrays.copyOf(gz.toByteArray(), gz.size() - 12));
    assertEquals(1, run(p.toString()));
    assertEquals("seawatch decode: error: cannot read " + p
        + ": Unexpected end of ZLIB input stream\n", err().replace("\r", ""));
  }

  @Test
  public void verboseAddsTheStackTraceOfAFailure() {
    assertEquals(1, run("/nonexistent/x.nmea", "--verbose"));
    String[] lines = err().replace("\r", "").split("\n");
    assertEquals("seawatch decode: error: no such file: /nonexistent/x.nmea", lines[0]);
    assertEquals("io.seawatch.cli.CommandFailure: no such file: /nonexistent/x.nmea", lines[1]);
    assertTrue(lines[2], lines[2].startsWith("\tat io.seawatch.cli.DecodeCommand.open("));
  }

  @Test
  public void unknownOptionIsAUsageError() {
    assertEquals(2, run("--colour"));
    assertEquals(
        "seawatch decode: error: unknown option '--colour'\n"
            + "Usage: seawatch decode [-h] [--verbose[=true|false]] [FILE]\n"
            + "See 'seawatch decode --help'.\n",
        err().replace("\r", ""));
  }

  @Test
  public void reportsNonPrintableBytesEscaped() throws IOException {
    Path p = tmp.getRoot().toPath().resolve("binary");
    byte[] binary = {'a', 0x01, 0x1B, '[', '3', '1', 'm', (byte) 0xFF, 0x7F, '\\', '\n'};
    Files.write(p, binary);
    Files.writeString(p, TYPE1 + "\n", StandardOpenOption.APPEND);
    assertEquals(0, run(p.toString()));
    assertEquals(TYPE1_JSON + "\n", out().replace("\r", ""));
    assertEquals(
        "line 1: not an ais sentence: a\\x01\\x1B[31m\\uFFFD\\x7F\\\n"
            + "2 lines, 1 messages, 1 rejected\n",
        err().replace("\r", ""));
  }

  @Test
  public void escapesAndCutsWhatItReports() {
    assertEquals(TYPE1, DecodeCommand.printable(TYPE1, 256));
    assertEquals("\\x00\\x09\\x0A\\x0D\\x7F\\xE9\\u20AC\\c:1",
        DecodeCommand.printable("\u0000\t\n\r\u007F\u00E9\u20AC\\c:1", 256));
    assertEquals("abc... (2 more characters)", DecodeCommand.printable("abcde", 3));
  }

  /** {@code !body*hh} with the right checksum. */
  static String sentence(String body) {
    return "!" + body + "*" + checksum(body);
  }

  static String tagBlock(String body) {
    return body + "*" + checksum(body);
  }

  static String checksum(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum ^= body.charAt(i);
    }
    return String.format("%02X", sum);
  }
}
