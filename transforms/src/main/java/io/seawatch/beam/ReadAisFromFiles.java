package io.seawatch.beam;

import io.seawatch.beam.coders.RawLineCoder;
import io.seawatch.model.Origin;
import io.seawatch.model.RawLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Reads raw AIS lines from files (a path or glob; {@code .gz} is decompressed), bounded.
 *
 * <p>Each line keeps its file and line number as origin. Event time is the tag block's receive
 * time; a line without one takes the time of the nearest timed line before it in the same file
 * (the receive clock carried forward, as {@code seawatch replay} does for Kafka record
 * timestamps), and lines before the first timed line take the time the file is read. A file is
 * read by one worker from start to end, which is what makes the carried clock and line numbers
 * exact.
 */
public final class ReadAisFromFiles extends PTransform<PBegin, PCollection<RawLine>> {
  private static final long serialVersionUID = 1L;

  static final String STEP_MATCH = "MatchFiles";
  static final String STEP_READ_MATCHES = "ReadMatches";
  static final String STEP_READ_LINES = "ReadLines";

  private final String filepattern;

  private ReadAisFromFiles(String filepattern) {
    this.filepattern = filepattern;
  }

  public static ReadAisFromFiles from(String filepattern) {
    return new ReadAisFromFiles(filepattern);
  }

  @Override
  public PCollection<RawLine> expand(PBegin input) {
    return input
        .apply(STEP_MATCH, FileIO.match().filepattern(filepattern))
        .apply(STEP_READ_MATCHES, FileIO.readMatches().withCompression(Compression.AUTO))
        .apply(STEP_READ_LINES, ParDo.of(new ReadLinesFn()))
        .setCoder(RawLineCoder.of());
  }

  static final class ReadLinesFn extends DoFn<FileIO.ReadableFile, RawLine> {
    private static final long serialVersionUID = 1L;
    private final Counter files = Metrics.counter(IngestMetrics.NAMESPACE, "files_read");

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<RawLine> out)
        throws IOException {
      String name = file.getMetadata().resourceId().toString();
      long clock = Instant.now().getMillis();
      long lineNumber = 0;
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8),
              1 << 16)) {
        String line;
        while ((line = reader.readLine()) != null) {
          lineNumber++;
          long t = AisTimestampPolicy.eventTimeMillis(line, -1);
          if (t >= 0) {
            clock = t;
          }
          out.outputWithTimestamp(new RawLine(line, Origin.file(name, lineNumber)), new Instant(clock));
        }
      }
      files.inc();
    }
  }
}
