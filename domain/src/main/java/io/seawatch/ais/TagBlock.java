package io.seawatch.ais;

/**
 * An NMEA 4.0 tag block ({@code \c:1700000000,s:rec1,g:1-2-1234*hh\}): receive time, source and
 * sentence group. Parameters other than c, s and g are accepted and ignored.
 */
public final class TagBlock {
  /** {@code c:} values from this on are milliseconds, below it seconds (10^11 s is year 5138). */
  static final long MILLIS_THRESHOLD = 100_000_000_000L;

  /** The latest receive time read as one, 9999-12-31T23:59:59.999Z; later ones are malformed. */
  static final long MAX_RECEIVE_TIME_MILLIS = 253_402_300_799_999L;

  private final long receiveTimeMillis;
  // The source is copied out of the line only when asked for: most consumers never do.
  private final String line;
  private final int sourceFrom;
  private final int sourceTo;
  private String source;
  private final int groupSentence;
  private final int groupCount;
  private final int groupId;

  /** {@code sourceFrom} is -1 when there is no source. */
  private TagBlock(long receiveTimeMillis, String line, int sourceFrom, int sourceTo,
      int groupSentence, int groupCount, int groupId) {
    this.receiveTimeMillis = receiveTimeMillis;
    this.line = line;
    this.sourceFrom = sourceFrom;
    this.sourceTo = sourceTo;
    this.groupSentence = groupSentence;
    this.groupCount = groupCount;
    this.groupId = groupId;
  }

  /**
   * The index of the closing backslash when the block starting at {@code from} has the form
   * {@code ...*hh\} with a matching checksum and no backslash before the {@code *}; else -1 (the
   * caller then takes {@link #parse}, which reports what is wrong). One scan instead of three.
   */
  static int checkedEnd(String s, int from, int end) {
    int sum = 0;
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == '*') {
        int close = i + 3;
        if (close < end && s.charAt(close) == '\\' && hex2(s, i + 1) == sum) {
          return close;
        }
        return -1;
      }
      if (c == '\\') {
        return -1;
      }
      sum ^= c;
    }
    return -1;
  }

  /**
   * Parses the text between the two backslashes, checksum included.
   *
   * @param s the whole line
   * @param from index after the opening backslash
   * @param to index of the closing backslash
   */
  static TagBlock parse(String s, int from, int to) throws AisException {
    int star = -1;
    int sum = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '*') {
        star = i;
        break;
      }
      sum ^= c;
    }
    if (star < 0 || to - star != 3) {
      throw new AisException("missing tag block checksum");
    }
    int expected = hex2(s, star + 1);
    if (expected < 0) {
      throw new AisException("bad tag block checksum");
    }
    if (expected != sum) {
      throw new AisException("bad tag block checksum");
    }
    return parseFields(s, from, star);
  }

  /** Parses the fields of {@code s[from, star)}, the checksum already verified. */
  static TagBlock parseFields(String s, int from, int star) throws AisException {
    long time = -1;
    int sourceFrom = -1;
    int sourceTo = -1;
    int gs = -1;
    int gc = -1;
    int gid = -1;
    int i = from;
    while (i < star) {
      int end = i;
      while (end < star && s.charAt(end) != ',') {
        end++;
      }
      if (end - i < 2 || s.charAt(i + 1) != ':') {
        throw new AisException("bad tag block field");
      }
      char key = s.charAt(i);
      int v = i + 2;
      if (key == 'c') {
        time = receiveTimeMillis(s, v, end);
        if (time < 0) {
          throw new AisException("bad tag block time");
        }
      } else if (key == 's') {
        sourceFrom = v;
        sourceTo = end;
      } else if (key == 'g') {
        int d1 = indexOf(s, '-', v, end);
        int d2 = d1 < 0 ? -1 : indexOf(s, '-', d1 + 1, end);
        if (d2 < 0) {
          throw new AisException("bad tag block group");
        }
        gs = (int) parseLong(s, v, d1);
        gc = (int) parseLong(s, d1 + 1, d2);
        gid = (int) parseLong(s, d2 + 1, end);
        if (gs < 1 || gc < 1 || gid < 0 || gs > gc) {
          throw new AisException("bad tag block group");
        }
      }
      i = end + 1;
    }
    return new TagBlock(time, s, sourceFrom, sourceTo, gs, gc, gid);
  }

  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** Non-negative decimal in {@code s[from, to)}, or -1 when empty, too long or not digits. */
  /**
   * The {@code c:} value in s[from, to) in epoch milliseconds, or -1 when it is not a receive time
   * (empty, not all digits, more than 18 digits, or after year 9999: such a time cannot be an
   * element timestamp). Values of at least {@link #MILLIS_THRESHOLD} are milliseconds, smaller ones
   * seconds. The one reading of {@code c:}: the decoder, the sources' event time ({@link
   * ReceiveTimes}) and replay's record timestamps agree on every input.
   */
  public static long receiveTimeMillis(String s, int from, int to) {
    long v = parseLong(s, from, to);
    if (v < 0) {
      return -1;
    }
    long millis = v >= MILLIS_THRESHOLD ? v : v * 1000;
    return millis <= MAX_RECEIVE_TIME_MILLIS ? millis : -1;
  }

  static long parseLong(String s, int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Two hex digits (either case) at {@code i}, or -1. */
  static int hex2(String s, int i) {
    int hi = hexDigit(s.charAt(i));
    int lo = hexDigit(s.charAt(i + 1));
    return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** Receive time ({@code c:}) in epoch millis, -1 when absent. */
  public long receiveTimeMillis() {
    return receiveTimeMillis;
  }

  /** Source ({@code s:}), null when absent. */
  public String source() {
    String src = source;
    if (src == null && sourceFrom >= 0) {
      src = line.substring(sourceFrom, sourceTo);
      source = src;
    }
    return src;
  }

  /** Sentence number within the group ({@code g:}), -1 when absent. */
  public int groupSentence() {
    return groupSentence;
  }

  /** Number of sentences in the group, -1 when absent. */
  public int groupCount() {
    return groupCount;
  }

  /** Group id, -1 when absent. */
  public int groupId() {
    return groupId;
  }

  @Override
  public String toString() {
    return "TagBlock{c=" + receiveTimeMillis + ", s=" + source() + ", g=" + groupSentence + "-"
        + groupCount + "-" + groupId + "}";
  }
}
