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
 * Start points lie on a grid of 1' steps over 51-58 N, 0-8 E (so vessels are spread over
 * thousands of 0.1 degree cells, and no two reporting vessels are within 1 km of each other);
 * each moves slowly east. Deterministic, no random numbers. After the last report one line per
 * {@code trailerEvery} of event time keeps the watermark moving for {@code trailer} (vessel 0, a base station-like heartbeat), so timers due
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

  /** Event time of the first report. */
  public Instant start() {
    return start;
  }

  /** Seconds of event time over which vessels arrive (the last ones arrive in the last second). */
  public long arrivalSeconds() {
    return (vessels + arrivalsPerSecond - 1) / arrivalsPerSecond;
  }

  /** From a vessel's first report to its last. */
  public Duration reportSpan() {
    return interval.multipliedBy(reports - 1);
  }

  /** Distinct MMSIs (the heartbeat not counted) whose first report is at or before {@code t}. */
  public long arrivedBy(Instant t) {
    long e = t.toEpochMilli() - start.toEpochMilli();
    return e < 0 ? 0 : vesselsArrivingIn(0, Math.floorDiv(e, 1000));
  }

  /**
   * Vessels that a pipeline keeping each vessel's state for {@code hold} after its last report
   * still holds at {@code t}: first report at or before {@code t}, last report + {@code hold}
   * after {@code t}. In steady state {@code arrivalsPerSecond x (reportSpan + hold)} in seconds.
   */
  public long holdingState(Instant t, Duration hold) {
    long e = t.toEpochMilli() - start.toEpochMilli();
    if (e < 0) {
      return 0;
    }
    // Arrival second a holds when a <= e / 1000 and 1000 a + span + hold > e.
    long first = Math.floorDiv(e - reportSpan().toMillis() - hold.toMillis(), 1000) + 1;
    return vesselsArrivingIn(Math.max(0, first), Math.floorDiv(e, 1000));
  }

  /** Vessels whose first report falls in the seconds {@code from..to} (inclusive). */
  private long vesselsArrivingIn(long from, long to) {
    long last = Math.min(to, arrivalSeconds() - 1);
    if (last < from) {
      return 0;
    }
    return Math.min(vessels, (last + 1) * arrivalsPerSecond) - from * arrivalsPerSecond;
  }

  /** Lines {@link #generate} produces. */
  public long lines() {
    return vessels * reports + trailer.toSeconds() / 60;
  }

  /** Calls {@code sink} with every line, in event-time order. */
  public void generate(Consumer<String> sink) {
    long step = interval.toSeconds();
    long arrivalSeconds = arrivalSeconds();
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
    AisPayload p = report(index, k, s).encode();
    return Nmea.sentence(1, 1, "", 'A', p.payload(), p.fillBits());
  }

  /** The position report behind {@link #line}. */
  static PositionReportA report(long index, int k, long s) {
    int mmsi = index < 0 ? FIRST_MMSI - 1 : (int) (FIRST_MMSI + index);
    // Start on a grid of 1' steps inside 51-58 N, 0-8 E (420 x 480 points, neighbours 1.1-1.9 km
    // apart: no two vessels within an encounter distance); move 0.1' east per report (about 10 kn
    // at 10 min spacing). AIS positions are in 1/10,000 minute.
    long spread = index < 0 ? 0 : index;
    int lat = (int) ((51 * 60 + spread % 420) * 10_000);
    int lon = (int) (((spread / 420) % 480) * 10_000 + k * 1_000);
    return new PositionReportA(1, 0, mmsi, 0, 0, 100, true, lon, lat, 900, 90, (int) (s % 60), 0,
        false, 0);
  }
}
