package io.seawatch.testdata;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Plausible, deterministic identities: MMSIs, names, call signs, IMO numbers, destinations. */
final class Names {
  /** European MIDs (2xx) with their call sign prefixes. */
  private static final int[] MIDS = {244, 245, 211, 218, 232, 235, 219, 257, 205, 226, 265, 230};
  private static final String[] CALLSIGN_PREFIX =
      {"PD", "PB", "DA", "DH", "MZ", "GB", "OX", "LA", "OT", "FN", "SB", "OJ"};

  private static final List<String> FIRST = List.of("NORTH", "BALTIC", "ATLANTIC", "ORANGE",
      "SILVER", "OCEAN", "STELLA", "AURORA", "HELGA", "FRISIAN", "HANSA", "CELTIC", "VIKING",
      "NORDIC", "AMBER", "POLAR", "CORAL", "EMERALD", "IRON", "GOLDEN");
  private static final List<String> SECOND = List.of("STAR", "SPIRIT", "TRADER", "EXPRESS",
      "PIONEER", "CARRIER", "BREEZE", "HORIZON", "WAVE", "PRIDE", "FORTUNE", "VOYAGER", "MARINER",
      "BRIDGE", "RIVER", "COAST", "DAWN", "ISLAND");
  private static final List<String> SMALL = List.of("ZEEMEEUW", "JOHANNA", "ALBATROS", "WINDROOS",
      "MOLLY", "SEA BREEZE", "BLUE MOON", "KIEVIT", "FREYA", "LOTTE", "NAUTILUS", "GULL",
      "OTTER", "SANDPIPER", "TERN", "DOLPHIN", "MARLIJN", "SKIPPER");
  static final List<String> DESTINATIONS = List.of("NLRTM", "DEHAM", "GBFXT", "FRLEH", "DKEBJ",
      "GBHUL", "GBABD", "BEZEE", "NLAMS", "DEBRV", "GBLON", "FRCQF", "GBDVR", "GBSOU", "NLIJM");
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final Set<Integer> mmsis = new HashSet<>();
  private final Set<String> names = new HashSet<>();

  /** A fresh ship MMSI MIDxxxxxx; also returns the MID index through {@link #midIndex}. */
  int shipMmsi(Random rnd) {
    while (true) {
      int m = rnd.nextInt(MIDS.length);
      int mmsi = MIDS[m] * 1_000_000 + 100_000 + rnd.nextInt(900_000);
      if (mmsis.add(mmsi)) {
        return mmsi;
      }
    }
  }

  static String callsign(int mmsi, Random rnd) {
    int mid = mmsi / 1_000_000;
    String prefix = "PD";
    for (int i = 0; i < MIDS.length; i++) {
      if (MIDS[i] == mid) {
        prefix = CALLSIGN_PREFIX[i];
      }
    }
    StringBuilder sb = new StringBuilder(prefix);
    sb.append(LETTERS.charAt(rnd.nextInt(26))).append(LETTERS.charAt(rnd.nextInt(26)));
    if (rnd.nextBoolean()) {
      sb.append((char) ('0' + rnd.nextInt(10)));
    }
    return sb.toString();
  }

  /** A unique ship name of at most 20 characters. */
  String shipName(Random rnd, boolean small) {
    String base = small ? SMALL.get(rnd.nextInt(SMALL.size()))
        : FIRST.get(rnd.nextInt(FIRST.size())) + " " + SECOND.get(rnd.nextInt(SECOND.size()));
    String name = base;
    for (int n = 2; !names.add(name); n++) {
      name = base + " " + n;
    }
    return name;
  }

  /** A 7-digit IMO number with a valid check digit. */
  static int imo(Random rnd) {
    int[] d = new int[6];
    d[0] = 9;
    int sum = 9 * 7;
    for (int i = 1; i < 6; i++) {
      d[i] = rnd.nextInt(10);
      sum += d[i] * (7 - i);
    }
    int v = 0;
    for (int x : d) {
      v = v * 10 + x;
    }
    return v * 10 + sum % 10;
  }
}
