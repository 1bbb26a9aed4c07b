package io.seawatch.testdata;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Line files: UTF-8, '\n' after every line, gzip when the name ends in ".gz". */
public final class LineFiles {
  private LineFiles() {}

  public static boolean isGzip(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  public static void write(Path file, Iterable<String> lines) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = isGzip(file) ? new GZIPOutputStream(raw, 1 << 16) : raw;
        BufferedWriter w = new BufferedWriter(
            new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      for (String line : lines) {
        w.write(line);
        w.write('\n');
      }
    }
  }

  public static List<String> read(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = newReader(Files.newInputStream(file), isGzip(file))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /**
   * UTF-8 lines from {@code raw}, gunzipped when {@code gzip}. Closing the reader closes {@code
   * raw}; so does a failure here (a gzip header that does not read), before it is thrown.
   */
  public static BufferedReader newReader(InputStream raw, boolean gzip) throws IOException {
    InputStream in;
    try {
      in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
