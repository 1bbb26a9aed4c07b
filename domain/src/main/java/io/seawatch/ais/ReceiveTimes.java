package io.seawatch.ais;

/**
 * Reads only the receive time ({@code c:}) of a line's NMEA 4.0 tag block, without parsing the
 * sentence: sources call it for every record to assign event time before decoding.
 */
public final class ReceiveTimes {
  private ReceiveTimes() {}

  /**
   * Returns the tag block's {@code c:} time in epoch milliseconds, or -1 when the line has no tag
   * block, no {@code c:} field, a malformed value or a wrong tag-block checksum.
   */
  public static long peekMillis(String line) {
    int n = line.length();
    if (n < 4 || line.charAt(0) != '\\') {
      return -1;
    }
    int end = line.indexOf('\\', 1);
    if (end < 0) {
      return -1;
    }
    int star = line.lastIndexOf('*', end);
    int bodyEnd = star > 0 ? star : end;
    if (star > 0 && !checksumMatches(line, 1, star, end)) {
      return -1;
    }
    int i = 1;
    while (i < bodyEnd) {
      int comma = line.indexOf(',', i);
      int fieldEnd = comma < 0 || comma > bodyEnd ? bodyEnd : comma;
      if (fieldEnd - i > 2 && line.charAt(i) == 'c' && line.charAt(i + 1) == ':') {
        return TagBlock.receiveTimeMillis(line, i + 2, fieldEnd);
      }
      i = fieldEnd + 1;
    }
    return -1;
  }

  private static boolean checksumMatches(String s, int from, int star, int end) {
    if (end - star != 3) {
      return false;
    }
    int sum = 0;
    for (int i = from; i < star; i++) {
      sum ^= s.charAt(i);
    }
    int hi = Character.digit(s.charAt(star + 1), 16);
    int lo = Character.digit(s.charAt(star + 2), 16);
    return hi >= 0 && lo >= 0 && ((hi << 4) | lo) == sum;
  }
}
