package io.seawatch.testdata;

import io.seawatch.testdata.NorthSea.Fixed;
import io.seawatch.testdata.NorthSea.Point;
import io.seawatch.testdata.NorthSea.Station;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A deterministic synthetic AIS feed: a fleet of class A and B vessels, base stations and aids to
 * navigation in the North Sea and Channel, received by coastal stations and a satellite, written
 * as NMEA 4.0 lines with tag blocks ({@code s:} station, {@code c:} event time in Unix seconds),
 * in arrival order, with a configurable share of corrupt lines.
 *
 * <p>Same configuration, same bytes: all randomness comes from the seed (one stream per
 * transmitter) and all geometry uses {@link StrictMath}. The start instant is fixed, never "now".
 *
 * <p>Reception: a transmission within 40 nm of a coastal station is received by the nearest one,
 * at once. Out of coastal range it is received by the satellite {@code sat-1} with probability
 * {@code satelliteCoverage}, and delivered 1 to {@code maxSatelliteDelay} minutes late (its
 * {@code c:} is still the event time), otherwise it is lost (and not in the output). Each
 * transmission is received at most once: no duplicates.
 *
 * <p>Schedules (ITU-R M.1371 intervals, {@code positionIntervalScale} thins positions): class A
 * underway every 10 s (0-14 kn) / 6 s (14-23 kn), moored or at anchor every 3 min, type 5 every 6
 * min, type 27 every 3 min when out of coastal range; class B type 18 every 30 s (3 min when
 * stationary), type 24 A+B every 6 min, every 8th class B vessel also type 19 every 6 min; base
 * stations type 4 every {@code baseStationIntervalSeconds}; aids to navigation type 21 every 3 min.
 */
public final class FleetGenerator {
  /** Default start: a fixed instant. */
  public static final Instant DEFAULT_START = Instant.parse("2024-06-01T00:00:00Z");

  // Compile-time constants, so that `seawatch generate` can name them in its option annotations.
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_VESSELS = 200;
  public static final int DEFAULT_HOURS = 2;
  public static final double DEFAULT_CORRUPT_SHARE = 0.01;

  private static final long ANCHORED_INTERVAL = 180;
  private static final long STATIC_INTERVAL = 360;
  private static final long LONG_RANGE_INTERVAL = 180;
  private static final long AID_INTERVAL = 180;
  private static final long CLASS_B_INTERVAL = 30;

  private final long seed;
  private final int vessels;
  private final Instant start;
  private final Duration duration;
  private final double corruptShare;
  private final double positionIntervalScale;
  private final long baseStationIntervalSeconds;
  private final double satelliteCoverage;
  private final Duration maxSatelliteDelay;
  private final List<AnalyticsScenario> scenarios;

  private FleetGenerator(Builder b) {
    this.seed = b.seed;
    this.vessels = b.vessels;
    this.start = b.start;
    this.duration = b.duration;
    this.corruptShare = b.corruptShare;
    this.positionIntervalScale = b.positionIntervalScale;
    this.baseStationIntervalSeconds = b.baseStationIntervalSeconds;
    this.satelliteCoverage = b.satelliteCoverage;
    this.maxSatelliteDelay = b.maxSatelliteDelay;
    this.scenarios = List.copyOf(b.scenarios);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configuration; every setting has a default (seed 42, 200 vessels, 2 h from 2024-06-01). */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private int vessels = DEFAULT_VESSELS;
    private Instant start = DEFAULT_START;
    private Duration duration = Duration.ofHours(DEFAULT_HOURS);
    private double corruptShare = DEFAULT_CORRUPT_SHARE;
    private double positionIntervalScale = 1.0;
    private long baseStationIntervalSeconds = 60;
    private double satelliteCoverage = 0.8;
    private Duration maxSatelliteDelay = Duration.ofMinutes(30);
    private List<AnalyticsScenario> scenarios = List.of();

    private Builder() {}

    /**
     * Named analytics scenarios merged into the feed by event time (their own sources and
     * MMSIs, received at once); the fleet's own lines stay exactly as without them.
     */
    public Builder scenarios(List<AnalyticsScenario> scenarios) {
      this.scenarios = List.copyOf(scenarios);
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder vessels(int vessels) {
      this.vessels = vessels;
      return this;
    }

    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    /** Share of corrupt lines among all lines, 0 <= share < 1. */
    public Builder corruptShare(double share) {
      this.corruptShare = share;
      return this;
    }

    /** Multiplies the class A position report intervals (default 1: the ITU rates). */
    public Builder positionIntervalScale(double scale) {
      this.positionIntervalScale = scale;
      return this;
    }

    /** Type 4 interval; ITU says 10 s, the default 60 s keeps the volume down. */
    public Builder baseStationIntervalSeconds(long seconds) {
      this.baseStationIntervalSeconds = seconds;
      return this;
    }

    /** Probability that the satellite receives an out-of-range transmission (default 0.8). */
    public Builder satelliteCoverage(double probability) {
      this.satelliteCoverage = probability;
      return this;
    }

    /** Upper bound of the satellite's delivery delay (default 30 min, at least 1 min). */
    public Builder maxSatelliteDelay(Duration delay) {
      this.maxSatelliteDelay = delay;
      return this;
    }

    public FleetGenerator build() {
      if (vessels < 0) {
        throw new IllegalArgumentException("vessels must be >= 0: " + vessels);
      }
      if (duration.isNegative() || duration.isZero() || duration.getNano() != 0) {
        throw new IllegalArgumentException("duration must be a positive whole number of seconds: "
            + duration);
      }
      if (!(corruptShare >= 0 && corruptShare < 1)) {
        throw new IllegalArgumentException("corrupt share must be in [0, 1): " + corruptShare);
      }
      if (!(positionIntervalScale > 0)) {
        throw new IllegalArgumentException("position interval scale must be > 0");
      }
      if (baseStationIntervalSeconds < 1) {
        throw new IllegalArgumentException("base station interval must be >= 1 s");
      }
      if (!(satelliteCoverage >= 0 && satelliteCoverage <= 1)) {
        throw new IllegalArgumentException("satellite coverage must be in [0, 1]");
      }
      if (maxSatelliteDelay.getSeconds() < 60) {
        throw new IllegalArgumentException("max satellite delay must be >= 1 min");
      }
      if (start.getNano() != 0) {
        throw new IllegalArgumentException("start must be a whole second: " + start);
      }
      return new FleetGenerator(this);
    }
  }

  public long seed() {
    return seed;
  }

  public int vessels() {
    return vessels;
  }

  public Instant start() {
    return start;
  }

  public Duration duration() {
    return duration;
  }

  public double corruptShare() {
    return corruptShare;
  }

  // ---------------------------------------------------------------------------------------------
  // Simulation

  private enum Role { CARGO, TANKER, PASSENGER, FISHING, SPECIAL, PLEASURE, SAILING, SMALL_FISHING }

  /** One transmitter with its own random stream. */
  private static final class Vessel {
    final Random rnd;
    int mmsi;
    boolean classA;
    Role role;
    int positionType = 1;
    int navStatus;
    Track track;
    double speedKn;
    double startNm;
    Point fixed;
    double fixedHeading;
    boolean rotSensor;
    boolean headingSensor = true;
    boolean accuracy;
    boolean sendsType19;
    int channelCounter;
    StaticVoyageData voyage;
    StaticDataReportA partA;
    StaticDataReportB partB;
    String name;
    int shipType;
    int toBow;
    int toStern;
    int toPort;
    int toStarboard;

    Vessel(Random rnd) {
      this.rnd = rnd;
    }

    char nextChannel() {
      return (channelCounter++ & 1) == 0 ? 'A' : 'B';
    }
  }

  /** One transmission as received by one station, or one corrupt line. */
  private static final class Emission {
    final long event;
    final long arrival;
    final int tie;
    final Station station;
    final char channel;
    final AisMessage message;
    final CorruptionKind corruption;
    final String raw;

    Emission(long event, long arrival, int tie, Station station, char channel, AisMessage message,
        CorruptionKind corruption, String raw) {
      this.event = event;
      this.arrival = arrival;
      this.tie = tie;
      this.station = station;
      this.channel = channel;
      this.message = message;
      this.corruption = corruption;
      this.raw = raw;
    }
  }

  /** Runs the simulation. */
  public GeneratedFleet generate() {
    long t0 = start.getEpochSecond();
    long t1 = t0 + duration.getSeconds();
    Names names = new Names();
    List<Vessel> fleet = new ArrayList<>();
    int classB = (int) Math.round(vessels * 0.25);
    for (int i = 0; i < vessels; i++) {
      fleet.add(createVessel(i, i >= vessels - classB, names, t0));
    }
    List<Emission> out = new ArrayList<>();
    for (Vessel v : fleet) {
      if (v.classA) {
        simulateClassA(v, t0, t1, out);
      } else {
        simulateClassB(v, t0, t1, out);
      }
    }
    int fixedIndex = 0;
    for (Fixed b : NorthSea.BASE_STATIONS) {
      simulateBaseStation(b, random(1000 + fixedIndex++), t0, t1, out);
    }
    for (Fixed a : NorthSea.AIDS) {
      simulateAid(a, random(1000 + fixedIndex++), t0, t1, out);
    }
    addCorruption(fleet, out);
    addScenarios(out);
    out.sort(Comparator.<Emission>comparingLong(e -> e.arrival).thenComparingInt(e -> e.tie));
    return render(out);
  }

  /** The scenario reports as received at once by their own station; ties by MMSI. */
  private void addScenarios(List<Emission> out) {
    java.util.Map<Integer, Integer> sent = new HashMap<>();
    for (AnalyticsScenario sc : scenarios) {
      for (ScenarioReport r : sc.reports()) {
        long t = r.timeMillis() / 1000;
        int n = sent.merge(r.mmsi(), 1, Integer::sum);
        Station st = new Station(r.source(), new Point(0, 0), false, false);
        out.add(new Emission(t, t, r.mmsi(), st, n % 2 == 1 ? 'A' : 'B', r.message(), null,
            null));
      }
    }
  }

  /**
   * The random stream of one transmitter (or of corruption/rendering): java.util.Random, whose
   * algorithm is specified, seeded by a SplitMix64 mix of seed and stream so streams differ.
   */
  private Random random(long stream) {
    long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new Random(z ^ (z >>> 31));
  }

  private Vessel createVessel(int index, boolean classB, Names names, long t0) {
    Vessel v = new Vessel(random(index));
    Random r = v.rnd;
    v.mmsi = names.shipMmsi(r);
    v.classA = !classB;
    v.accuracy = r.nextDouble() < 0.3;
    v.rotSensor = r.nextDouble() < 0.7;
    if (v.classA) {
      double roll = r.nextDouble();
      v.role = roll < 0.40 ? Role.CARGO : roll < 0.60 ? Role.TANKER : roll < 0.70 ? Role.PASSENGER
          : roll < 0.90 ? Role.FISHING : Role.SPECIAL;
      double type = r.nextDouble();
      v.positionType = type < 0.75 ? 1 : type < 0.80 ? 2 : 3;
      double state = r.nextDouble();
      if (state < 0.08) {
        v.navStatus = 5;
        v.fixed = jitter(NorthSea.PORTS.get(r.nextInt(NorthSea.PORTS.size())), r, 0.02);
      } else if (state < 0.15) {
        v.navStatus = 1;
        v.fixed = jitter(NorthSea.ANCHORAGES.get(r.nextInt(NorthSea.ANCHORAGES.size())), r, 0.05);
      } else {
        v.navStatus = v.role == Role.FISHING ? 7 : 0;
        assignMovement(v, r);
      }
      v.fixedHeading = r.nextInt(360);
      assignDimensions(v, r);
      v.name = names.shipName(r, v.role == Role.FISHING || v.role == Role.SPECIAL);
      int imo = v.role == Role.FISHING || v.role == Role.SPECIAL ? 0 : Names.imo(r);
      ZonedDateTime eta = Instant.ofEpochSecond(t0 + 3600L * (6 + r.nextInt(72)))
          .atZone(ZoneOffset.UTC);
      int draught = switch (v.role) {
        case TANKER -> 80 + r.nextInt(80);
        case CARGO -> 60 + r.nextInt(90);
        case PASSENGER -> 55 + r.nextInt(20);
        default -> 30 + r.nextInt(40);
      };
      v.voyage = new StaticVoyageData(0, v.mmsi, 2, imo, Names.callsign(v.mmsi, r), v.name,
          v.shipType, v.toBow, v.toStern, v.toPort, v.toStarboard, 1, eta.getMonthValue(),
          eta.getDayOfMonth(), eta.getHour(), 10 * r.nextInt(6), draught,
          Names.DESTINATIONS.get(r.nextInt(Names.DESTINATIONS.size())), false);
    } else {
      double roll = r.nextDouble();
      v.role = roll < 0.6 ? Role.PLEASURE : roll < 0.85 ? Role.SAILING : Role.SMALL_FISHING;
      v.headingSensor = r.nextDouble() < 0.4;
      v.sendsType19 = index % 8 == 0;
      if (r.nextDouble() < 0.25) {
        v.fixed = jitter(NorthSea.MARINAS.get(r.nextInt(NorthSea.MARINAS.size())), r, 0.01);
      } else {
        assignMovement(v, r);
      }
      v.fixedHeading = r.nextInt(360);
      assignDimensions(v, r);
      v.name = names.shipName(r, true);
      v.partA = new StaticDataReportA(0, v.mmsi, v.name);
      String vendor = List.of("SRT", "TRU", "ACR", "GAR", "MMP").get(r.nextInt(5));
      v.partB = new StaticDataReportB(0, v.mmsi, v.shipType, vendor, 1 + r.nextInt(15),
          r.nextInt(1 << 20), Names.callsign(v.mmsi, r), v.toBow, v.toStern, v.toPort,
          v.toStarboard);
    }
    return v;
  }

  private static Point jitter(Point p, Random r, double deg) {
    return new Point(p.lat() + (r.nextDouble() * 2 - 1) * deg,
        p.lon() + (r.nextDouble() * 2 - 1) * deg * 1.6);
  }

  private static void assignMovement(Vessel v, Random r) {
    switch (v.role) {
      case CARGO, TANKER -> {
        v.track = new Track(NorthSea.LANES.get(r.nextInt(NorthSea.LANES.size())),
            0.4 + 0.6 * r.nextDouble());
        v.speedKn = v.role == Role.CARGO ? 12 + 8 * r.nextDouble() : 10 + 6 * r.nextDouble();
      }
      case PASSENGER -> {
        v.track = new Track(NorthSea.FERRIES.get(r.nextInt(NorthSea.FERRIES.size())), 0.3);
        v.speedKn = 16 + 6 * r.nextDouble();
      }
      case FISHING, SMALL_FISHING -> {
        v.track = loop(NorthSea.FISHING_GROUNDS.get(r.nextInt(NorthSea.FISHING_GROUNDS.size())),
            r, 0.25);
        v.speedKn = 2.5 + 3.5 * r.nextDouble();
      }
      case SPECIAL -> {
        v.track = loop(NorthSea.PORTS.get(r.nextInt(NorthSea.PORTS.size())), r, 0.08);
        v.speedKn = 5 + 5 * r.nextDouble();
      }
      default -> {
        v.track = loop(NorthSea.MARINAS.get(r.nextInt(NorthSea.MARINAS.size())), r, 0.15);
        v.speedKn = 3 + 5 * r.nextDouble();
      }
    }
    v.startNm = r.nextDouble() * 2 * v.track.lengthNm();
  }

  /** A closed random loop of five points around {@code center}. */
  private static Track loop(Point center, Random r, double deg) {
    List<Point> pts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pts.add(jitter(center, r, deg));
    }
    pts.add(pts.get(0));
    return new Track(pts, 0);
  }

  private static void assignDimensions(Vessel v, Random r) {
    int length;
    int beam;
    switch (v.role) {
      case CARGO -> {
        v.shipType = new int[] {70, 70, 70, 71, 72, 79}[r.nextInt(6)];
        length = 90 + r.nextInt(210);
        beam = 15 + r.nextInt(33);
      }
      case TANKER -> {
        v.shipType = new int[] {80, 80, 81, 82, 84}[r.nextInt(5)];
        length = 100 + r.nextInt(180);
        beam = 18 + r.nextInt(28);
      }
      case PASSENGER -> {
        v.shipType = r.nextBoolean() ? 60 : 69;
        length = 120 + r.nextInt(100);
        beam = 22 + r.nextInt(10);
      }
      case FISHING -> {
        v.shipType = 30;
        length = 15 + r.nextInt(30);
        beam = 6 + r.nextInt(5);
      }
      case SPECIAL -> {
        v.shipType = new int[] {52, 50, 33}[r.nextInt(3)];
        length = v.shipType == 33 ? 60 + r.nextInt(60) : 15 + r.nextInt(20);
        beam = v.shipType == 33 ? 12 + r.nextInt(10) : 5 + r.nextInt(6);
      }
      case PLEASURE -> {
        v.shipType = 37;
        length = 6 + r.nextInt(12);
        beam = 2 + r.nextInt(3);
      }
      case SAILING -> {
        v.shipType = 36;
        length = 8 + r.nextInt(10);
        beam = 3 + r.nextInt(2);
      }
      default -> {
        v.shipType = 30;
        length = 10 + r.nextInt(8);
        beam = 4 + r.nextInt(3);
      }
    }
    v.toBow = (int) Math.round(length * (0.7 + 0.2 * r.nextDouble()));
    v.toStern = length - v.toBow;
    v.toPort = Math.max(1, beam / 2 - r.nextInt(Math.max(1, beam / 4)));
    v.toStarboard = beam - v.toPort;
  }

  /** Position, course over ground and speed at {@code t}. */
  private record State(
      double lat, double lon, double cog, double sog, double heading, boolean turning) {}

  private State state(Vessel v, long t, long t0) {
    Random r = v.rnd;
    if (v.track == null) {
      return new State(v.fixed.lat() + r.nextGaussian() * 0.00002,
          v.fixed.lon() + r.nextGaussian() * 0.00003, v.fixedHeading, 0, v.fixedHeading, false);
    }
    Track.Fix f = v.track.at(v.startNm + v.speedKn * (t - t0) / 3600.0);
    double cog = f.course() + r.nextGaussian();
    double sog = Math.max(0, v.speedKn + r.nextGaussian() * 0.2);
    return new State(f.lat(), f.lon(), cog, sog, cog + r.nextGaussian() * 2, f.turning());
  }

  private void simulateClassA(Vessel v, long t0, long t1, List<Emission> out) {
    Random r = v.rnd;
    long first = v.track == null ? ANCHORED_INTERVAL : 10;
    for (long t = t0 + r.nextInt((int) first); t < t1; ) {
      long now = t;
      State s = state(v, now, t0);
      t += classAInterval(v, s);
      boolean moving = v.track != null;
      int rot = !v.rotSensor ? AisUnits.ROT_NOT_AVAILABLE
          : moving ? AisUnits.rot(r.nextGaussian() * 2) : 0;
      PositionReportA m = new PositionReportA(v.positionType, 0, v.mmsi, v.navStatus, rot,
          AisUnits.sog(s.sog()), v.accuracy, AisUnits.lonLat(s.lon()), AisUnits.lonLat(s.lat()),
          moving ? AisUnits.cog(s.cog()) : AisUnits.COG_NOT_AVAILABLE, AisUnits.heading(s.heading()),
          (int) (now % 60), 0, false, r.nextInt(1 << 19));
      receive(v, now, s, m, out);
    }
    for (long t = t0 + r.nextInt((int) STATIC_INTERVAL); t < t1; t += STATIC_INTERVAL) {
      receive(v, t, state(v, t, t0), v.voyage, out);
    }
    for (long t = t0 + r.nextInt((int) LONG_RANGE_INTERVAL); t < t1; t += LONG_RANGE_INTERVAL) {
      State s = state(v, t, t0);
      if (NorthSea.coastalStation(s.lat(), s.lon()) == null) {
        LongRangeReport m = new LongRangeReport(0, v.mmsi, v.accuracy, false, v.navStatus,
            AisUnits.lonLatTenthMinute(s.lon()), AisUnits.lonLatTenthMinute(s.lat()),
            (int) Math.min(62, Math.round(s.sog())), v.track == null ? 511
                : AisUnits.heading(s.cog()), false);
        receive(v, t, s, m, out);
      }
    }
  }

  /**
   * ITU-R M.1371 class A reporting interval: 3 min at anchor or moored; 10 s at 0-14 kn (3 s when
   * changing course), 6 s at 14-23 kn (2 s when changing course), 2 s above 23 kn; then scaled.
   */
  private long classAInterval(Vessel v, State s) {
    if (v.track == null) {
      return ANCHORED_INTERVAL;
    }
    double itu = s.sog() > 23 ? 2 : s.sog() > 14 ? (s.turning() ? 2 : 6) : (s.turning() ? 3 : 10);
    return Math.max(1, Math.round(itu * positionIntervalScale));
  }

  private void simulateClassB(Vessel v, long t0, long t1, List<Emission> out) {
    Random r = v.rnd;
    long interval = v.track == null ? ANCHORED_INTERVAL : CLASS_B_INTERVAL;
    for (long t = t0 + r.nextInt((int) interval); t < t1; t += interval) {
      State s = state(v, t, t0);
      boolean moving = v.track != null;
      PositionReportB m = new PositionReportB(0, v.mmsi, AisUnits.sog(s.sog()), v.accuracy,
          AisUnits.lonLat(s.lon()), AisUnits.lonLat(s.lat()),
          moving ? AisUnits.cog(s.cog()) : AisUnits.COG_NOT_AVAILABLE,
          v.headingSensor ? AisUnits.heading(s.heading()) : AisUnits.HEADING_NOT_AVAILABLE,
          (int) (t % 60), true, false, true, true, true, false, false, PositionReportB.CS_RADIO);
      receive(v, t, s, m, out);
    }
    for (long t = t0 + r.nextInt((int) STATIC_INTERVAL); t < t1; t += STATIC_INTERVAL) {
      State s = state(v, t, t0);
      receive(v, t, s, v.partA, out);
      receive(v, t, s, v.partB, out);
    }
    if (v.sendsType19) {
      for (long t = t0 + r.nextInt((int) STATIC_INTERVAL); t < t1; t += STATIC_INTERVAL) {
        State s = state(v, t, t0);
        boolean moving = v.track != null;
        ExtendedPositionReportB m = new ExtendedPositionReportB(0, v.mmsi, 0,
            AisUnits.sog(s.sog()), v.accuracy, AisUnits.lonLat(s.lon()), AisUnits.lonLat(s.lat()),
            moving ? AisUnits.cog(s.cog()) : AisUnits.COG_NOT_AVAILABLE,
            v.headingSensor ? AisUnits.heading(s.heading()) : AisUnits.HEADING_NOT_AVAILABLE,
            (int) (t % 60), 0, v.name, v.shipType, v.toBow, v.toStern, v.toPort, v.toStarboard, 1,
            false, false, false);
        receive(v, t, s, m, out);
      }
    }
  }

  private void simulateBaseStation(Fixed b, Random r, long t0, long t1, List<Emission> out) {
    Station station = NorthSea.COASTAL_STATIONS.stream()
        .filter(s -> s.id().equals(b.name())).findFirst().orElseThrow();
    int channel = 0;
    long interval = baseStationIntervalSeconds;
    for (long t = t0 + r.nextInt((int) Math.min(interval, Integer.MAX_VALUE)); t < t1;
        t += interval) {
      ZonedDateTime utc = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
      BaseStationReport m = new BaseStationReport(0, b.mmsi(), utc.getYear(), utc.getMonthValue(),
          utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond(), true,
          AisUnits.lonLat(b.at().lon()), AisUnits.lonLat(b.at().lat()), 7, false,
          r.nextInt(1 << 19));
      out.add(new Emission(t, t, r.nextInt(), station, (channel++ & 1) == 0 ? 'A' : 'B', m, null,
          null));
    }
  }

  private void simulateAid(Fixed a, Random r, long t0, long t1, List<Emission> out) {
    Vessel carrier = new Vessel(r);
    for (long t = t0 + r.nextInt((int) AID_INTERVAL); t < t1; t += AID_INTERVAL) {
      AidToNavigationReport m = new AidToNavigationReport(0, a.mmsi(), a.aidType(), a.name(), true,
          AisUnits.lonLat(a.at().lon()), AisUnits.lonLat(a.at().lat()), 5, 5, 5, 5, 7,
          (int) (t % 60), false, 0, false, false, false, "");
      receive(carrier, t, new State(a.at().lat(), a.at().lon(), 0, 0, 0, false), m, out);
    }
  }

  /** Routes one transmission to the station that receives it, if any. */
  private void receive(Vessel v, long t, State s, AisMessage m, List<Emission> out) {
    Random r = v.rnd;
    int tie = r.nextInt();
    char channel = v.nextChannel();
    Station station = NorthSea.coastalStation(s.lat(), s.lon());
    if (station != null) {
      out.add(new Emission(t, t, tie, station, channel, m, null, null));
    } else if (r.nextDouble() < satelliteCoverage) {
      long delay = 60 + r.nextInt((int) (maxSatelliteDelay.getSeconds() - 59));
      out.add(new Emission(t, t + delay, tie, NorthSea.SATELLITE, channel, m, null, null));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Corruption

  private void addCorruption(List<Vessel> fleet, List<Emission> out) {
    long validLines = 0;
    List<Emission> singles = new ArrayList<>();
    for (Emission e : out) {
      int n = e.message instanceof StaticVoyageData ? 2 : 1;
      validLines += n;
      if (n == 1 && e.message.type() != 21 && e.message.type() != 4) {
        singles.add(e);
      }
    }
    if (corruptShare == 0 || singles.isEmpty()) {
      return;
    }
    List<StaticVoyageData> voyages = new ArrayList<>();
    for (Vessel v : fleet) {
      if (v.voyage != null) {
        voyages.add(v.voyage);
      }
    }
    long corrupt = Math.round(validLines * corruptShare / (1 - corruptShare));
    Random r = random(-1);
    CorruptionKind[] kinds = CorruptionKind.values();
    for (long i = 0; i < corrupt; i++) {
      CorruptionKind kind = kinds[(int) (i % kinds.length)];
      if (voyages.isEmpty()
          && (kind == CorruptionKind.ORPHAN_FRAGMENT || kind == CorruptionKind.SHORT_TYPE5)) {
        kind = CorruptionKind.WRONG_CHECKSUM;
      }
      Emission src = singles.get(r.nextInt(singles.size()));
      AisMessage m = src.message;
      String raw = null;
      switch (kind) {
        case ORPHAN_FRAGMENT, SHORT_TYPE5 -> m = voyages.get(r.nextInt(voyages.size()));
        case GARBAGE_TEXT -> raw = garbageText(r);
        case RANDOM_BYTES -> raw = randomBytes(r);
        case UNKNOWN_TYPE -> raw = new AisBitWriter().unsigned(6, 30).unsigned(2, 0)
            .unsigned(30, src.message.mmsi()).unsigned(62, r.nextLong() >>> 2)
            .unsigned(62, r.nextLong() >>> 2).unsigned(6, r.nextInt(64)).toPayload().payload();
        default -> {
          // WRONG_CHECKSUM and TRUNCATED start from the source message.
        }
      }
      out.add(new Emission(src.event, src.arrival, r.nextInt(), src.station, src.channel, m, kind,
          raw));
    }
  }

  static String garbageText(Random r) {
    int n = 5 + r.nextInt(76);
    StringBuilder sb = new StringBuilder(n);
    sb.append((char) ('A' + r.nextInt(26)));
    while (sb.length() < n) {
      char c = (char) (0x20 + r.nextInt(0x5F));
      if (c != '!' && c != '\\') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String randomBytes(Random r) {
    int n = 5 + r.nextInt(76);
    StringBuilder sb = new StringBuilder(n);
    sb.append((char) (0xC0 + r.nextInt(0x40)));
    while (sb.length() < n) {
      char c = (char) r.nextInt(256);
      // never a line break, for any reader (Java, Python splitlines, Unicode NEL)
      if (c != '\n' && c != '\r' && c != 0x0B && c != 0x0C && (c < 0x1C || c > 0x1E)
          && c != 0x85) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private GeneratedFleet render(List<Emission> emissions) {
    Map<Station, NmeaWriter> writers = new HashMap<>();
    Map<Station, int[]> groups = new HashMap<>();
    Random r = random(-2);
    List<String> lines = new ArrayList<>(emissions.size() + emissions.size() / 40);
    long valid = 0;
    long multipart = 0;
    Map<CorruptionKind, Long> corrupt = new EnumMap<>(CorruptionKind.class);
    SortedMap<Integer, Long> byType = new TreeMap<>();
    SortedMap<String, Long> byStation = new TreeMap<>();
    Set<Integer> mmsis = new HashSet<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Emission e : emissions) {
      Station st = e.station;
      NmeaWriter writer = writers.computeIfAbsent(st, k -> new NmeaWriter());
      String tag = Nmea.tagBlock(st.id(), e.event);
      if (e.corruption == null) {
        List<String> sentences = writer.sentences(e.message.encode(), e.channel);
        addWithTags(lines, sentences, st, e.event, groups);
        int n = sentences.size();
        valid += n;
        if (n > 1) {
          multipart += n;
        }
        byType.merge(e.message.type(), 1L, Long::sum);
        byStation.merge(st.id(), (long) n, Long::sum);
        mmsis.add(e.message.mmsi());
        first = Math.min(first, e.event);
        last = Math.max(last, e.event);
        continue;
      }
      corrupt.merge(e.corruption, 1L, Long::sum);
      switch (e.corruption) {
        case WRONG_CHECKSUM -> {
          AisPayload p = e.message.encode();
          String s = Nmea.sentence(1, 1, "", e.channel, p.payload(), p.fillBits());
          int good = Integer.parseInt(s.substring(s.length() - 2), 16);
          lines.add(tag + s.substring(0, s.length() - 2)
              + Nmea.hex2(good ^ (1 + r.nextInt(255))));
        }
        case TRUNCATED -> {
          AisPayload p = e.message.encode();
          String s = Nmea.sentence(1, 1, "", e.channel, p.payload(), p.fillBits());
          int payloadStart = s.indexOf(e.channel + ",") + 2;
          int cut = payloadStart + 1 + r.nextInt(p.payload().length() - 1);
          lines.add(tag + s.substring(0, cut));
        }
        case GARBAGE_TEXT, RANDOM_BYTES -> lines.add(e.raw);
        case ORPHAN_FRAGMENT -> {
          List<String> sentences = writer.sentences(e.message.encode(), e.channel);
          List<String> all = new ArrayList<>();
          addWithTags(all, sentences, st, e.event, groups);
          lines.add(all.get(0));
        }
        case UNKNOWN_TYPE -> lines.add(tag + Nmea.sentence(1, 1, "", e.channel, e.raw, 0));
        case SHORT_TYPE5 -> lines.add(tag + Nmea.sentence(1, 1, "", e.channel,
            e.message.encode().payload().substring(0, 40), 0));
        default -> throw new IllegalStateException(e.corruption.name());
      }
    }
    FleetManifest manifest = new FleetManifest(lines.size(), valid, multipart, corrupt, byType,
        mmsis.size(), first == Long.MAX_VALUE ? null : Instant.ofEpochSecond(first),
        last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(last), byStation);
    return new GeneratedFleet(lines, manifest);
  }

  /** Prefixes tag blocks: s:/c: on each line, or a g: group for stations that use them. */
  private static void addWithTags(List<String> lines, List<String> sentences, Station st,
      long event, Map<Station, int[]> groups) {
    int n = sentences.size();
    if (n == 1 || !st.groups()) {
      String tag = Nmea.tagBlock(st.id(), event);
      for (String s : sentences) {
        lines.add(tag + s);
      }
      return;
    }
    int[] counter = groups.computeIfAbsent(st, k -> new int[] {1000});
    int id = counter[0]++;
    lines.add(Nmea.groupTagBlock(n, id, st.id(), event) + sentences.get(0));
    for (int i = 1; i < n; i++) {
      lines.add(Nmea.groupTagBlock(i + 1, n, id) + sentences.get(i));
    }
  }
}
