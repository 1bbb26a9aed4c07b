package io.seawatch.testdata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Key churn for the state benchmark: vessels appear, report a few positions and go silent for
 * good, while event time advances, so that a pipeline's inactivity timers must free their state.
 * Every second of event time, {@code arrivalsPerSecond} new vessels (fresh MMSIs, counting up from
 * {@link #FIRST_MMSI}) send their first class A position report; each sends {@code reports}
 * reports {@code interval} apart and then stops. About {@code arrivalsPerSecond x (reports - 1) x
 * interval} vessels are active at any time; the distinct MMSIs grow without bound.
 *
 * <p>Lines are in event-time order, one single-sentence {@code !AIVDM} type 1 per report with a
 * tag block ({@code s:churn,c:<unix seconds>}), so the replay's record time is the event time.
 * Positions move slowly east from a start point spread over the North Sea; deterministic, no
 * random numbers. After the last report one line per {@code trailerEvery} of event time keeps the
 * watermark moving for {@code trailer} (vessel 0, a base station-like heartbeat), so timers due
 * after the churn ends still fire.
 */
public final class ChurnGenerator {
  public static final int FIRST_MMSI = 200_000_000;

  private final long vessels;
  private final int arrivalsPerSecond;
  private final int reports;
  private final Duration interval;
  private final Instant start;
  private final Duration trailer;

  public ChurnGenerator(long vessels, int arrivalsPerSecond, int reports, Duration interval,
      Instant start, Duration trailer) {
    if (vessels < 1 || vessels > 500_000_000L || arrivalsPerSecond < 1 || reports < 1
        || interval.isNegative() || interval.isZero() || interval.toMillis() % 1000 != 0
        || trailer.isNegative()) {
      throw new IllegalArgumentException("bad churn parameters");
    }
    this.vessels = vessels;
    this.arrivalsPerSecond = arrivalsPerSecond;
    this.reports = reports;
    this.interval = interval;
    this.start = start;
    this.trailer = trailer;
  }

  /** Vessels reporting at the same time, in steady state. */
  public long activeVessels() {
    return Math.min(vessels, (long) arrivalsPerSecond * Math.max(1, reports - 1)
        * interval.toSeconds());
  }

  /** Lines {@link #generate} produces. */
  public long lines() {
    return vessels * reports + trailer.toSeconds() / 60;
  }

  /** Calls {@code sink} with every line, in event-time order. */
  public void generate(Consumer<String> sink) {
    long step = interval.toSeconds();
    long arrivalSeconds = (vessels + arrivalsPerSecond - 1) / arrivalsPerSecond;
    long lastSecond = arrivalSeconds - 1 + (reports - 1) * step;
    long t0 = start.getEpochSecond();
    for (long s = 0; s <= lastSecond; s++) {
      String tag = Nmea.tagBlock("churn", t0 + s);
      // Report k of the vessels that arrived at second s - k * step.
      for (int k = reports - 1; k >= 0; k--) {
        long arrival = s - k * step;
        if (arrival < 0 || arrival >= arrivalSeconds) {
          continue;
        }
        for (int a = 0; a < arrivalsPerSecond; a++) {
          long index = arrival * arrivalsPerSecond + a;
          if (index >= vessels) {
            break;
          }
          sink.accept(tag + line(index, k, s));
        }
      }
    }
    for (long m = 1; m <= trailer.toSeconds() / 60; m++) {
      long s = lastSecond + m * 60;
      sink.accept(Nmea.tagBlock("churn", t0 + s) + line(-1, 0, s));
    }
  }

  /** Writes every line to {@code file}. */
  public void write(Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      generate(line -> {
        try {
          w.write(line);
          w.write('\n');
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Report {@code k} of vessel {@code index} (-1: the heartbeat vessel) at second {@code s}. */
  static String line(long index, int k, long s) {
    int mmsi = index < 0 ? FIRST_MMSI - 1 : (int) (FIRST_MMSI + index);
    // Start inside 51-58 N, 0-8 E; move 0.1' east per report (about 10 kn at 10 min spacing).
    long spread = index < 0 ? 0 : index;
    int lat = (int) ((51 * 60 + spread % 420) * 10_000);
    int lon = (int) (((spread / 420) % 480 + k) * 1_000);
    PositionReportA r = new PositionReportA(1, 0, mmsi, 0, 0, 100, true, lon, lat, 900, 90,
        (int) (s % 60), 0, false, 0);
    AisPayload p = r.encode();
    return Nmea.sentence(1, 1, "", 'A', p.payload(), p.fillBits());
  }
}
