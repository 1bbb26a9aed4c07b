package io.seawatch.testdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a correct decoder must produce from a generated data set, exactly.
 *
 * <p>{@code totalLines = validLines + corruptLineCount()}: every valid line ends in one decoded
 * message (a two-fragment type 5 is two lines and one message), every corrupt line in one dead
 * letter. Message type 24 counts parts A and B as separate messages.
 *
 * @param totalLines lines in the data set
 * @param validLines lines that belong to decoded messages
 * @param multipartLines of {@code validLines}, those in multipart messages
 * @param corruptLines lines per corruption kind (every kind present, possibly 0)
 * @param messagesByType decoded messages per AIS message type
 * @param distinctMmsis distinct source MMSIs among the decoded messages
 * @param firstEventTime earliest event time ({@code c:}) of a decoded message
 * @param lastEventTime latest event time of a decoded message
 * @param validLinesByStation valid lines per receiving station ({@code s:})
 */
public record FleetManifest(
    long totalLines,
    long validLines,
    long multipartLines,
    Map<CorruptionKind, Long> corruptLines,
    SortedMap<Integer, Long> messagesByType,
    long distinctMmsis,
    Instant firstEventTime,
    Instant lastEventTime,
    SortedMap<String, Long> validLinesByStation) {

  public FleetManifest {
    EnumMap<CorruptionKind, Long> c = new EnumMap<>(CorruptionKind.class);
    for (CorruptionKind k : CorruptionKind.values()) {
      c.put(k, corruptLines.getOrDefault(k, 0L));
    }
    corruptLines = Collections.unmodifiableMap(c);
    messagesByType = Collections.unmodifiableSortedMap(new TreeMap<>(messagesByType));
    validLinesByStation = Collections.unmodifiableSortedMap(new TreeMap<>(validLinesByStation));
  }

  /** Lines that must become dead letters. */
  public long corruptLineCount() {
    return corruptLines.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Messages a correct decoder emits. */
  public long decodedMessages() {
    return messagesByType.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Decoded messages of one type (0 if none). */
  public long messages(int type) {
    return messagesByType.getOrDefault(type, 0L);
  }

  /** One "name: value" line per number, for people and for the command line. */
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    out.add("lines: " + totalLines);
    out.add("valid lines: " + validLines);
    out.add("multipart lines: " + multipartLines);
    out.add("corrupt lines: " + corruptLineCount());
    corruptLines.forEach((k, v) -> out.add("corrupt " + k.name().toLowerCase() + ": " + v));
    out.add("decoded messages: " + decodedMessages());
    messagesByType.forEach((k, v) -> out.add("messages type " + k + ": " + v));
    out.add("distinct mmsis: " + distinctMmsis);
    out.add("first event time: " + firstEventTime);
    out.add("last event time: " + lastEventTime);
    validLinesByStation.forEach((k, v) -> out.add("valid lines station " + k + ": " + v));
    return out;
  }
}
