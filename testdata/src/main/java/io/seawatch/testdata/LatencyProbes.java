package io.seawatch.testdata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Probe vessels for the alert-latency benchmark: {@code perKind} vessels each that enter a
 * geofence, start loitering and go dark, at known event times spread over a window, to be merged
 * into a {@link FleetGenerator} fleet ({@link #scenario()}). The fleet itself has none of these
 * three in a usable number: no fence lies in its area, it has no gaps (docs/analytics.md), and
 * its moored and anchored vessels all reach the loitering minimum at once, four hours in.
 *
 * <p>Each probe is one {@link Probe}: the alert kind it must raise, its MMSI, the event's start
 * and the event time of the input that decides it (the alert's {@code decided_at}):
 *
 * <ul>
 *   <li><b>GEOFENCE_ENTRY</b> ({@code 258_001_000 + i}): appears 9 min before its decision and
 *       sails east at 10 kn reporting every minute into the fence {@link #FENCE} (west edge lon
 *       3.0); its first fix inside is 1 min before the decision, the second (the confirming fix
 *       of the default {@code geofenceConfirmFixes} = 2) is the decision. Then it sails on,
 *       reporting every 10 min until {@code until}.
 *   <li><b>LOITERING_STARTED</b> ({@code 258_002_000 + i}): appears at 10 kn 30 min before its
 *       slow episode, then drifts east at 0.5 kn reporting every 10 min until {@code until}; the
 *       decision is its first slow fix at least {@code loiterMinDuration} after the first slow
 *       fix (the event's start).
 *   <li><b>GAP_OPENED</b> ({@code 258_003_000 + i}): sails east at 10 kn for 30 min reporting
 *       every 10 min and falls silent for good; the decision is last seen + {@code gapThreshold},
 *       reached by the input's clock (the other vessels keep reporting).
 * </ul>
 *
 * <p>Decision times of each kind are spread evenly over the part of [{@code from}, {@code to}]
 * where that kind fits (its lead-in must start at or after {@code from}), in whole seconds. The
 * probes lie at lat 60-65 N (probe i at 60.005 + 0.01 i: 1.1 km apart, no two within an
 * encounter's 500 m), lon 0.5 (gaps), 1.5 (loitering) and from 3.0 (fence), north of the fleet's
 * North Sea, on their own receiving source {@code probe}, received at once, so each deciding
 * line is in event-time order with the rest of the input. Deterministic: no random numbers.
 */
public final class LatencyProbes {
  public static final String SOURCE = "probe";
  public static final int FIRST_ENTRY_MMSI = 258_001_000;
  public static final int FIRST_LOITER_MMSI = 258_002_000;
  public static final int FIRST_GAP_MMSI = 258_003_000;
  /** At most this many probes of each kind (they must fit lat 60-65 N at 0.01 degrees). */
  public static final int MAX_PER_KIND = 500;

  /** The fence the entry probes enter: lon 3-4 E, lat 60-65 N, kind "zone" (no port visits). */
  public static final ScenarioGeofence FENCE = new ScenarioGeofence("LATPROBE",
      "Latency probe zone", "zone", "3 60, 4 60, 4 65, 3 65");

  static final double SPEED_KNOTS = 10;
  static final double DRIFT_KNOTS = 0.5;
  /** Inside the fence's lat 60-65 for every i below MAX_PER_KIND, off its edges. */
  private static final double LAT0 = 60.005;
  private static final double LAT_STEP = 0.01;
  private static final double FENCE_WEST_LON = 3.0;
  private static final double LOITER_LON = 1.5;
  private static final double GAP_LON = 0.5;
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration TEN_MIN = Duration.ofMinutes(10);
  private static final Duration LEAD_IN = Duration.ofMinutes(30);
  /** Fixes of an entry probe before its first fix inside. */
  private static final int ENTRY_FIXES_OUTSIDE = 8;

  /** An alert a probe must raise: kind as in the alert records, event start and decision time. */
  public record Probe(String kind, int mmsi, Instant time, Instant decidedAt) {}

  private final List<Probe> probes = new ArrayList<>();
  private final List<ScenarioReport> reports = new ArrayList<>();

  /**
   * @param perKind probes of each kind, 0 to {@link #MAX_PER_KIND}
   * @param from no probe reports before this
   * @param to no decision after this
   * @param until loitering and entry probes report until this (the end of the fleet)
   * @param gapThreshold the job's {@code gapThresholdMinutes}
   * @param loiterMinDuration the job's {@code loiterMinDurationMinutes}
   */
  public LatencyProbes(int perKind, Instant from, Instant to, Instant until,
      Duration gapThreshold, Duration loiterMinDuration) {
    if (perKind < 0 || perKind > MAX_PER_KIND) {
      throw new IllegalArgumentException("probes per kind must be in [0, " + MAX_PER_KIND + "]: "
          + perKind);
    }
    if (from.getNano() != 0 || to.isBefore(from) || until.isBefore(to)
        || gapThreshold.isNegative() || gapThreshold.isZero() || loiterMinDuration.isNegative()
        || loiterMinDuration.isZero()) {
      throw new IllegalArgumentException("bad probe window or thresholds");
    }
    long loiterDecision = ceil(loiterMinDuration, TEN_MIN);
    for (int i = 0; i < perKind; i++) {
      Instant d = spread(from.plus(MINUTE.multipliedBy(ENTRY_FIXES_OUTSIDE + 1)), to, i, perKind);
      if (d != null) {
        entry(FIRST_ENTRY_MMSI + i, lat(i), d, until);
      }
      d = spread(from.plus(LEAD_IN).plusMillis(loiterDecision), to, i, perKind);
      if (d != null) {
        loiter(FIRST_LOITER_MMSI + i, lat(i), d, loiterDecision, until);
      }
      d = spread(from.plus(LEAD_IN).plus(gapThreshold), to, i, perKind);
      if (d != null) {
        gap(FIRST_GAP_MMSI + i, lat(i), d, gapThreshold);
      }
    }
    probes.sort(Comparator.comparing(Probe::decidedAt).thenComparingInt(Probe::mmsi));
  }

  /** Every probe, by decision time then MMSI. */
  public List<Probe> probes() {
    return List.copyOf(probes);
  }

  /** The probes of one alert kind. */
  public List<Probe> probes(String kind) {
    return probes.stream().filter(p -> p.kind().equals(kind)).toList();
  }

  /**
   * The probe vessels as a scenario for {@link FleetGenerator.Builder#scenarios}, with {@link
   * #FENCE}. It pins no final {@code vessel_event} rows (the exits and segments depend on where
   * the input ends): the measured first versions are {@link #probes()}.
   */
  public AnalyticsScenario scenario() {
    return new AnalyticsScenario("latency-probes",
        "vessels entering a fence, starting to loiter and going dark at known event times",
        reports, List.of(FENCE), List.of());
  }

  /** Probe i's decision: the i-th of n evenly spread over [lo, hi], null if they do not fit. */
  static Instant spread(Instant lo, Instant hi, int i, int n) {
    if (hi.isBefore(lo)) {
      return null;
    }
    long span = hi.getEpochSecond() - lo.getEpochSecond();
    return Instant.ofEpochSecond(lo.getEpochSecond() + Math.round(span * (i + 0.5) / n));
  }

  private static double lat(int i) {
    return LAT0 + LAT_STEP * i;
  }

  private static long ceil(Duration d, Duration step) {
    long n = (d.toMillis() + step.toMillis() - 1) / step.toMillis();
    return n * step.toMillis();
  }

  /** First inside fix half a step east of the fence's west edge, 1 min before the decision. */
  private void entry(int mmsi, double lat, Instant decided, Instant until) {
    double stepM = SPEED_KNOTS * ScenarioTrack.METERS_PER_NM / 60;
    double stepDeg = ScenarioTrack.destination(lat, 0, 90, stepM)[1];
    double lon0 = FENCE_WEST_LON - (ENTRY_FIXES_OUTSIDE - 0.5) * stepDeg;
    Instant first = decided.minus(MINUTE.multipliedBy(ENTRY_FIXES_OUTSIDE + 1));
    ScenarioTrack t = ScenarioTrack.vessel(mmsi, SOURCE, first.toString(), lat, lon0)
        .report(SPEED_KNOTS)
        .sail(90, SPEED_KNOTS, MINUTE.multipliedBy(ENTRY_FIXES_OUTSIDE + 1), MINUTE);
    t.sail(90, SPEED_KNOTS, Duration.between(decided, until), TEN_MIN);
    reports.addAll(t.reports());
    probes.add(new Probe("GEOFENCE_ENTRY", mmsi, decided.minus(MINUTE), decided));
  }

  private void loiter(int mmsi, double lat, Instant decided, long decisionMillis, Instant until) {
    Instant slow = decided.minusMillis(decisionMillis);
    ScenarioTrack t = ScenarioTrack.vessel(mmsi, SOURCE, slow.minus(LEAD_IN).toString(), lat,
            LOITER_LON)
        .report(SPEED_KNOTS)
        .sail(90, SPEED_KNOTS, LEAD_IN.minus(TEN_MIN), TEN_MIN)
        .sail(90, DRIFT_KNOTS, Duration.between(slow.minus(TEN_MIN), until), TEN_MIN);
    reports.addAll(t.reports());
    probes.add(new Probe("LOITERING_STARTED", mmsi, slow, decided));
  }

  private void gap(int mmsi, double lat, Instant decided, Duration threshold) {
    Instant last = decided.minus(threshold);
    ScenarioTrack t = ScenarioTrack.vessel(mmsi, SOURCE, last.minus(LEAD_IN).toString(), lat,
            GAP_LON)
        .report(SPEED_KNOTS)
        .sail(90, SPEED_KNOTS, LEAD_IN, TEN_MIN);
    reports.addAll(t.reports());
    probes.add(new Probe("GAP_OPENED", mmsi, last, decided));
  }
}
