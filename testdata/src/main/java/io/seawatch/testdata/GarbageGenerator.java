package io.seawatch.testdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded hostile input: random bytes, truncated lines, wrong checksums, orphan fragments, absurd
 * values, empty payloads, a 10 kB line, lone delimiters, tag blocks without a sentence. Kinds
 * take turns, so every kind appears once {@code n >= 14}; the lines are then shuffled.
 */
public final class GarbageGenerator {
  private static final String STATION = "garbage";
  private static final long T0 = FleetGenerator.DEFAULT_START.getEpochSecond();

  private final long seed;

  public GarbageGenerator(long seed) {
    this.seed = seed;
  }

  /** Exactly {@code n} lines, with their manifest. */
  public GarbageSet generate(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0: " + n);
    }
    Random r = new Random(seed);
    GarbageKind[] kinds = GarbageKind.values();
    List<String> lines = new ArrayList<>(n);
    Map<GarbageKind, Long> byKind = new EnumMap<>(GarbageKind.class);
    long valid = 0;
    for (int i = 0; i < n; i++) {
      GarbageKind kind = kinds[i % kinds.length];
      lines.add(line(kind, i, r));
      byKind.merge(kind, 1L, Long::sum);
      valid += kind.valid() ? 1 : 0;
    }
    Collections.shuffle(lines, r);
    TreeMap<Integer, Long> types = new TreeMap<>();
    if (valid > 0) {
      types.put(1, valid);
    }
    return new GarbageSet(lines, new GarbageManifest(n, n - valid, valid, byKind, types));
  }

  private static String line(GarbageKind kind, int i, Random r) {
    String tag = Nmea.tagBlock(STATION, T0 + i);
    return switch (kind) {
      case RANDOM_BYTES -> FleetGenerator.randomBytes(r);
      case TRUNCATED -> {
        String s = single(position(r, i, 53.5, 4.5).encode());
        yield tag + s.substring(0, 14 + 1 + r.nextInt(27));
      }
      case WRONG_CHECKSUM -> {
        String s = single(position(r, i, 53.5, 4.5).encode());
        int good = Integer.parseInt(s.substring(s.length() - 2), 16);
        yield tag + s.substring(0, s.length() - 2) + Nmea.hex2(good ^ (1 + r.nextInt(255)));
      }
      case ORPHAN_FIRST_FRAGMENT -> {
        String p = voyage(r, i).encode().payload();
        yield tag + Nmea.sentence(2, 1, Integer.toString(i % 5), 'A', p.substring(0, 60), 0);
      }
      case ORPHAN_LAST_FRAGMENT -> {
        AisPayload p = voyage(r, i).encode();
        yield tag + Nmea.sentence(2, 2, Integer.toString(5 + i % 5), 'B',
            p.payload().substring(60), p.fillBits());
      }
      case LATITUDE_OUT_OF_RANGE -> tag + single(position(r, i, 95.0, 4.5).encode());
      case MESSAGE_TYPE_ZERO -> tag + single(new AisBitWriter().unsigned(6, 0).unsigned(2, 0)
          .unsigned(30, mmsi(i)).unsigned(62, r.nextLong() >>> 2)
          .unsigned(62, r.nextLong() >>> 2).unsigned(6, 0).toPayload());
      case EMPTY_PAYLOAD -> tag + Nmea.sentence(1, 1, "", 'A', "", 0);
      case OVERSIZED_LINE -> {
        StringBuilder p = new StringBuilder(10_000).append('1');
        while (p.length() < 10_000) {
          p.append(AisBitWriter.armor(r.nextInt(64)));
        }
        yield tag + Nmea.sentence(1, 1, "", 'A', p.toString(), 0);
      }
      case LONE_BACKSLASH -> "\\";
      case LONE_BANG -> "!";
      case TAG_BLOCK_ONLY -> tag;
      case POSITION_NOT_AVAILABLE -> tag + single(new PositionReportA(1, 0, mmsi(i), 15,
          AisUnits.ROT_NOT_AVAILABLE, AisUnits.SOG_NOT_AVAILABLE, false, AisUnits.LON_NOT_AVAILABLE,
          AisUnits.LAT_NOT_AVAILABLE, AisUnits.COG_NOT_AVAILABLE, AisUnits.HEADING_NOT_AVAILABLE,
          60, 0, false, 0).encode());
      case MOTION_NOT_AVAILABLE -> tag + single(new PositionReportA(1, 0, mmsi(i), 0,
          AisUnits.ROT_NOT_AVAILABLE, AisUnits.SOG_NOT_AVAILABLE, false, AisUnits.lonLat(4.2),
          AisUnits.lonLat(52.1), AisUnits.COG_NOT_AVAILABLE, AisUnits.HEADING_NOT_AVAILABLE,
          (int) ((T0 + i) % 60), 0, false, 0).encode());
    };
  }

  private static int mmsi(int i) {
    return 244_000_000 + 100_000 + i % 900_000;
  }

  private static PositionReportA position(Random r, int i, double lat, double lon) {
    return new PositionReportA(1, 0, mmsi(i), 0, 0, AisUnits.sog(10 * r.nextDouble()), false,
        AisUnits.lonLat(lon), AisUnits.lonLat(lat), AisUnits.cog(360 * r.nextDouble()),
        r.nextInt(360), (int) ((T0 + i) % 60), 0, false, r.nextInt(1 << 19));
  }

  private static StaticVoyageData voyage(Random r, int i) {
    return new StaticVoyageData(0, mmsi(i), 2, 0, "PD" + (char) ('A' + r.nextInt(26)) + "X",
        "ORPHAN " + (i % 1000), 70, 100, 20, 8, 8, 1, 6, 2, 12, 0, 80, "NLRTM", false);
  }

  private static String single(AisPayload p) {
    return Nmea.sentence(1, 1, "", 'A', p.payload(), p.fillBits());
  }
}
