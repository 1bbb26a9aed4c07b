package io.seawatch.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Hostile input lines and what a decoder must make of them. */
public record GarbageSet(List<String> lines, GarbageManifest manifest) {
  public GarbageSet {
    lines = List.copyOf(lines);
  }

  /** Writes the lines to {@code file} (gzip if its name ends in ".gz"). */
  public void write(Path file) throws IOException {
    LineFiles.write(file, lines);
  }
}
