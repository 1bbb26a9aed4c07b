package io.seawatch.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Generated lines in arrival order, and the manifest of what they must decode to. */
public record GeneratedFleet(List<String> lines, FleetManifest manifest) {
  public GeneratedFleet {
    lines = List.copyOf(lines);
  }

  /** Writes the lines to {@code file} (gzip if its name ends in ".gz"). */
  public void write(Path file) throws IOException {
    LineFiles.write(file, lines);
  }
}
