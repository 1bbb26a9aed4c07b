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

/**
 * {@code seawatch decode [FILE]}: NMEA lines in (file, .gz file or stdin), one gpsd-style JSON
 * object per decoded message out, every undecodable line on stderr as {@code line N: <reason>:
 * <raw line>}, then the summary {@code N lines, M messages, K rejected} where N = lines consumed by
 * decoded messages + K.
 */
public final class DecodeCommand implements Command {
  /** Multipart messages not completed within this time (tag-block time, else arrival) expire. */
  static final long MULTIPART_TIMEOUT_MILLIS = 60_000;

  @Override
  public String name() {
    return "decode";
  }

  @Override
  public String summary() {
    return "Decode NMEA AIS sentences to gpsd-style JSON lines";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    String file = null;
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        usage(out);
        return 0;
      }
      if (a.startsWith("-") && !a.equals("-")) {
        throw new UserError("unknown option '" + a + "' (see seawatch decode --help)");
      }
      if (file != null) {
        throw new UserError("at most one FILE (see seawatch decode --help)");
      }
      file = a;
    }
    boolean stdin = file == null || file.equals("-");
    try (BufferedReader reader =
        LineFiles.newReader(stdin ? System.in : open(file), !stdin && file.endsWith(".gz"))) {
      new Run(out, err).decode(reader);
    }
    return 0;
  }

  private static InputStream open(String file) {
    try {
      return Files.newInputStream(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new UserError("no such file: " + file);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void usage(PrintStream out) {
    out.println("Usage: seawatch decode [FILE]");
    out.println();
    out.println("Decodes AIS NMEA sentences (!AIVDM/!AIVDO, optional NMEA 4.0 tag blocks) from FILE");
    out.println("(plain or .gz) or from stdin, one line each, and prints one gpsd-style JSON object");
    out.println("per decoded message. Multipart messages are reassembled (timeout "
        + MULTIPART_TIMEOUT_MILLIS / 1000 + " s of tag-block");
    out.println("time, else arrival time). Rejected lines go to stderr as");
    out.println("'line N: <reason>: <raw line>', then a summary 'N lines, M messages, K rejected'.");
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
      err.println("line " + line + ": " + reason + ": " + raw);
    }
  }
}
