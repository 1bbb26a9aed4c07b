package io.seawatch.cli;

import io.seawatch.ais.AisDecoder;
import io.seawatch.ais.AisException;
import io.seawatch.ais.AisJson;
import io.seawatch.ais.AisMessage;
import io.seawatch.ais.MultipartAssembler;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.testdata.LineFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch decode [FILE]}: NMEA lines in (file, .gz file or stdin), one gpsd-style JSON
 * object per decoded message out, every undecodable line on stderr as {@code line N: <reason>:
 * <raw line>}, then the summary {@code N lines, M messages, K rejected} where N = lines consumed by
 * decoded messages + K. What it reports of the input is escaped ({@link #printable}): a binary
 * file does not reach the terminal as raw bytes.
 */
@CommandLine.Command(
    name = "decode",
    sortOptions = false,
    sortSynopsis = false,
    description = {
      "Decode NMEA AIS sentences to gpsd-style JSON lines.",
      "",
      "Decodes AIS NMEA sentences (!AIVDM/!AIVDO, optional NMEA 4.0 tag blocks) from FILE (plain"
          + " or .gz) or from stdin, one line each, and prints one gpsd-style JSON object per"
          + " decoded message. Multipart messages are reassembled (timeout "
          + DecodeCommand.MULTIPART_TIMEOUT_MILLIS / 1000
          + " s of tag-block time, else arrival time). Rejected lines go to stderr as"
          + " 'line N: <reason>: <raw line>' (control and non-ASCII characters escaped as \\xNN"
          + " or \\uNNNN, long lines cut at " + DecodeCommand.MAX_REPORTED_CHARS + " characters),"
          + " then a summary 'N lines, M messages, K rejected'."
    })
public final class DecodeCommand implements Callable<Integer> {
  /** Multipart messages not completed within this time (tag-block time, else arrival) expire. */
  static final long MULTIPART_TIMEOUT_MILLIS = 60_000;

  /** Characters reported of a rejected line: an NMEA sentence has 82 at most, tags add some. */
  static final int MAX_REPORTED_CHARS = 256;

  @Mixin private HelpOption help;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "NMEA file, gzip if it ends in .gz; stdin if absent or -.")
  private String file;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    Seawatch seawatch = Seawatch.of(spec);
    boolean stdin = file == null || file.equals("-");
    String name = stdin ? "stdin" : file;
    boolean gzip = !stdin && file.endsWith(".gz");
    BufferedReader reader;
    try {
      reader = LineFiles.newReader(stdin ? System.in : open(file), gzip);
    } catch (IOException e) {
      // Only the gzip header is read here: an empty file or other bytes.
      throw new CommandFailure(file + " is not gzip-compressed (" + reason(e) + ")", e);
    }
    try (reader) {
      new Run(seawatch.out, seawatch.err).decode(reader);
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + name + ": " + reason(e), e);
    }
    return 0;
  }

  private static String reason(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static InputStream open(String file) {
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw new CommandFailure(file + " is a directory");
    }
    try {
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new CommandFailure("no such file: " + file, e);
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + file + ": " + reason(e), e);
    }
  }

  /**
   * {@code s} with every character outside printable ASCII escaped (backslash x and two hex digits
   * below U+0100, backslash u and four above; undecodable UTF-8 is U+FFFD), cut after {@code max}
   * characters. NMEA is printable ASCII: a valid line is reported unchanged, and a backslash (tag
   * blocks) stays as it is.
   */
  static String printable(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 16);
    int n = Math.min(s.length(), max);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        b.append(c);
      } else if (c < 0x100) {
        b.append(String.format("\\x%02X", (int) c));
      } else {
        b.append(String.format("\\u%04X", (int) c));
      }
    }
    if (s.length() > max) {
      b.append("... (").append(s.length() - max).append(" more characters)");
    }
    return b.toString();
  }

  /** One decoding pass: the counters and the line number of every pending fragment. */
  private static final class Run {
    private final PrintStream out;
    private final PrintStream err;
    private final MultipartAssembler assembler = new MultipartAssembler(MULTIPART_TIMEOUT_MILLIS);
    private final Map<NmeaSentence, Long> lineOf = new IdentityHashMap<>();
    private final StringBuilder json = new StringBuilder(512);
    private long lines;
    private long messages;
    private long rejected;

    Run(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    void decode(BufferedReader reader) throws IOException {
      String line;
      while ((line = reader.readLine()) != null) {
        lines++;
        NmeaSentence s;
        try {
          s = NmeaSentence.parse(line);
        } catch (AisException e) {
          reject(lines, e.reason(), line);
          continue;
        }
        long tagTime = s.receiveTimeMillis();
        long now = tagTime >= 0 ? tagTime : System.currentTimeMillis();
        rejectAll(assembler.expire(now), "multipart timeout");
        if (s.isMultipart()) {
          lineOf.put(s, lines);
        }
        List<NmeaSentence> done = assembler.add(s, now);
        rejectAll(assembler.drainOrphans(), "orphan fragment");
        if (!done.isEmpty()) {
          emit(done);
        }
      }
      rejectAll(assembler.flush(), "incomplete multipart message");
      err.println(lines + " lines, " + messages + " messages, " + rejected + " rejected");
      out.flush();
    }

    private void emit(List<NmeaSentence> fragments) {
      try {
        AisMessage m = AisDecoder.decode(fragments);
        json.setLength(0);
        AisJson.appendJson(m, json);
        out.println(json);
        messages++;
      } catch (AisException e) {
        // A message that does not decode rejects every line it was made of.
        for (NmeaSentence f : fragments) {
          reject(lineNumber(f), e.reason(), f.raw());
        }
      }
      for (NmeaSentence f : fragments) {
        lineOf.remove(f);
      }
    }

    private long lineNumber(NmeaSentence s) {
      Long n = lineOf.get(s);
      return n == null ? lines : n;
    }

    private void rejectAll(List<NmeaSentence> fragments, String reason) {
      for (NmeaSentence f : fragments) {
        reject(lineNumber(f), reason, f.raw());
        lineOf.remove(f);
      }
    }

    private void reject(long line, String reason, String raw) {
      rejected++;
      err.println("line " + line + ": " + printable(reason, MAX_REPORTED_CHARS) + ": "
          + printable(raw, MAX_REPORTED_CHARS));
    }
  }
}
