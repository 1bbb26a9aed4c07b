package io.seawatch.testdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a correct decoder must make of a {@link GarbageSet}: {@code lines = rejectedLines +
 * validLines}; every rejected line is one dead letter, every valid line one message.
 */
public record GarbageManifest(
    long lines,
    long rejectedLines,
    long validLines,
    Map<GarbageKind, Long> linesByKind,
    SortedMap<Integer, Long> validMessagesByType) {

  public GarbageManifest {
    EnumMap<GarbageKind, Long> k = new EnumMap<>(GarbageKind.class);
    for (GarbageKind g : GarbageKind.values()) {
      k.put(g, linesByKind.getOrDefault(g, 0L));
    }
    linesByKind = Collections.unmodifiableMap(k);
    validMessagesByType = Collections.unmodifiableSortedMap(new TreeMap<>(validMessagesByType));
  }

  /** One "name: value" line per number. */
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    out.add("lines: " + lines);
    out.add("rejected lines: " + rejectedLines);
    out.add("valid lines: " + validLines);
    linesByKind.forEach((k, v) -> out.add("kind " + k.name().toLowerCase() + ": " + v));
    validMessagesByType.forEach((k, v) -> out.add("valid messages type " + k + ": " + v));
    return out;
  }
}
