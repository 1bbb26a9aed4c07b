package io.seawatch.ops;

import io.seawatch.ais.TagBlock;

/**
 * Reads the two things publishing a file to Kafka ({@link FilePublisher}) needs from a raw NMEA line, without decoding it:
 * the tag block's {@code c:} time and, for a fragment of a multipart message, a key shared by all
 * fragments of that message (so they land on one partition, in order). Anything it cannot read is
 * left unset: the line is still sent as is, and the pipeline's decoder dead-letters it.
 *
 * <p>One instance is reused for every line (allocation: only the key of multipart fragments).
 * Not thread-safe.
 */
public final class NmeaPeek {
  private long timestampMillis;
  private String partitionKey;

  /** Peeks at one line (without its line terminator). */
  public void peek(String line) {
    timestampMillis = -1;
    partitionKey = null;
    int tagStart = -1;
    int tagEnd = -1;
    int pos = 0;
    if (line.startsWith("\\")) {
      int close = line.indexOf('\\', 1);
      if (close < 0) {
        return;
      }
      tagStart = 1;
      int star = line.lastIndexOf('*', close);
      tagEnd = star > 0 ? star : close;
      pos = close + 1;
    }
    int sentence = firstOf(line, '!', '$', pos);
    // !AIVDM,<fragments>,<fragment number>,<sequence id>,<channel>,<payload>,<fill>*hh
    int f1 = sentence < 0 ? -1 : line.indexOf(',', sentence);
    int f2 = f1 < 0 ? -1 : line.indexOf(',', f1 + 1);
    boolean multipart = f2 > f1 + 1 && parseDigits(line, f1 + 1, f2) > 1;

    String source = "";
    String group = null;
    for (int start = tagStart; start >= 0 && start < tagEnd; ) {
      int comma = line.indexOf(',', start);
      int end = comma < 0 || comma > tagEnd ? tagEnd : comma;
      if (end - start > 2 && line.charAt(start + 1) == ':') {
        char field = line.charAt(start);
        if (field == 'c') {
          timestampMillis = TagBlock.receiveTimeMillis(line, start + 2, end);
        } else if (multipart && field == 's') {
          source = line.substring(start + 2, end);
        } else if (multipart && field == 'g') {
          // g:<fragment>-<fragments>-<group id>: the id is shared by all fragments.
          int dash = line.lastIndexOf('-', end - 1);
          group = dash > start + 2 ? line.substring(dash + 1, end) : null;
        }
      }
      start = end + 1;
    }
    if (!multipart) {
      return;
    }
    if (group != null && !group.isEmpty()) {
      partitionKey = "g:" + group;
      return;
    }
    int f3 = line.indexOf(',', f2 + 1);
    int f4 = f3 < 0 ? -1 : line.indexOf(',', f3 + 1);
    int f5 = f4 < 0 ? -1 : line.indexOf(',', f4 + 1);
    if (f5 < 0) {
      return;
    }
    // source, channel, sequence id: the identity the reassembler uses without a g: group.
    partitionKey = source + ',' + line.substring(f4 + 1, f5) + ',' + line.substring(f3 + 1, f4);
  }

  /** The tag block's {@code c:} time in epoch milliseconds, or -1 when the line has none. */
  public long timestampMillis() {
    return timestampMillis;
  }

  /** The key shared by the fragments of one multipart message, or null for single-part lines. */
  public String partitionKey() {
    return partitionKey;
  }

  private static int firstOf(String s, char a, char b, int from) {
    for (int i = from; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == a || ch == b) {
        return i;
      }
    }
    return -1;
  }

  /** The non-negative number in s[from, to), or -1 if it is empty, not all digits or too long. */
  private static long parseDigits(String s, int from, int to) {
    if (from >= to || to - from > 18) {
      return -1;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      n = n * 10 + (ch - '0');
    }
    return n;
  }
}
