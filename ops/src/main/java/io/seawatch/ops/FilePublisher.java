package io.seawatch.ops;

import io.seawatch.testdata.LineFiles;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Publishes an NMEA file (plain or gzip) to a Kafka topic, one record per line.
 *
 * <p>Record value: the line as UTF-8 (every line, empty ones too, so that the pipeline sees what a
 * file read would). Record timestamp: the tag block's {@code c:} time when there is one (so event
 * time survives the trip), else the latest {@code c:} before it in the file, else the time of
 * sending. Fragments of a multipart message are keyed alike (see {@link NmeaPeek}) and so land on
 * one partition in file order; single-part lines go round-robin over the partitions, without a
 * key. Both make the partition of every line a function of the file and the partition count alone.
 * {@link LinePublisher} makes and sends the records; this class reads the file and paces it.
 */
public final class FilePublisher {
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private FilePublisher() {}

  /** What one publication did; {@code perPartition} is indexed by partition. */
  public record Report(long lines, long emptyLines, long multipartFragments, long tagBlockTimes,
      long nanos, List<Long> perPartition) {
    public double seconds() {
      return nanos / 1e9;
    }
  }

  /**
   * Publishes {@code file} to {@code topic}, which has {@code partitions} partitions (see
   * {@link KafkaTopics#prepareTopic}).
   *
   * @param rate at most this many lines per second; 0: as fast as possible
   * @param progress a line every 2 s
   * @throws OperatorError when sending fails
   */
  public static Report publish(
      Path file, String bootstrap, String topic, int partitions, int rate, PrintStream progress)
      throws IOException {
    long start = System.nanoTime();
    long lastReport = start;
    long linesAtLastReport = 0;
    LinePublisher out = new LinePublisher(bootstrap, topic, partitions);
    try (out; BufferedReader in = open(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.send(line);
        long lines = out.lines();
        if (out.failed()) {
          break;
        }

        long now = System.nanoTime();
        if (rate > 0) {
          long due = start + lines * 1_000_000_000L / rate;
          if (due > now) {
            sleepNanos(due - now);
            now = System.nanoTime();
          }
        }
        if (now - lastReport >= PROGRESS_EVERY_NANOS) {
          double perSecond = (lines - linesAtLastReport) * 1e9 / (now - lastReport);
          progress.printf(Locale.ROOT, "replayed %,d lines (%,.0f/s)%n", lines, perSecond);
          lastReport = now;
          linesAtLastReport = lines;
        }
      }
      out.flush();
    }
    long nanos = System.nanoTime() - start;
    return new Report(out.lines(), out.emptyLines(), out.multipartFragments(),
        out.tagBlockTimes(), nanos, out.perPartition());
  }

  /** Plain or gzip, told apart by the gzip magic number rather than by the file name. */
  private static BufferedReader open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    return LineFiles.newReader(raw, b1 == 0x1f && b2 == 0x8b);
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorError("interrupted");
    }
  }
}
