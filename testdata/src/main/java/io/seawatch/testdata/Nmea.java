package io.seawatch.testdata;

import java.util.ArrayList;
import java.util.List;

/** NMEA 0183 framing: checksums, {@code !AIVDM} sentences and NMEA 4.0 tag blocks. */
public final class Nmea {
  /** Payload characters per sentence: 60 keeps a sentence within NMEA's 82 characters. */
  public static final int MAX_PAYLOAD_CHARS = 60;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Nmea() {}

  /** XOR of the characters in {@code s[from, to)}. */
  public static int checksum(CharSequence s, int from, int to) {
    int x = 0;
    for (int i = from; i < to; i++) {
      x ^= s.charAt(i);
    }
    return x & 0xFF;
  }

  /** Two upper-case hex digits. */
  public static String hex2(int value) {
    return new String(new char[] {HEX[(value >> 4) & 0xF], HEX[value & 0xF]});
  }

  /**
   * One {@code !AIVDM,count,num,seq,channel,payload,fill*hh} sentence; {@code seqId} is empty for
   * single-sentence messages.
   */
  public static String sentence(
      int count, int num, String seqId, char channel, String payload, int fillBits) {
    String body = "AIVDM," + count + "," + num + "," + seqId + "," + channel + "," + payload + ","
        + fillBits;
    return "!" + body + "*" + hex2(checksum(body, 0, body.length()));
  }

  /** Splits a payload into sentence-sized pieces of at most {@link #MAX_PAYLOAD_CHARS}. */
  public static List<String> fragments(String payload) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < payload.length() || i == 0; i += MAX_PAYLOAD_CHARS) {
      out.add(payload.substring(i, Math.min(payload.length(), i + MAX_PAYLOAD_CHARS)));
    }
    return out;
  }

  /** A tag block {@code \body*hh\}; the checksum covers the characters between '\' and '*'. */
  public static String tagBlock(String body) {
    return "\\" + body + "*" + hex2(checksum(body, 0, body.length())) + "\\";
  }

  /** {@code \s:station,c:unixSeconds*hh\}: receiving station and event time. */
  public static String tagBlock(String station, long unixSeconds) {
    return tagBlock("s:" + station + ",c:" + unixSeconds);
  }

  /** First line of a tag-block group: {@code \g:1-n-id,s:station,c:secs*hh\}. */
  public static String groupTagBlock(int total, int groupId, String station, long unixSeconds) {
    return tagBlock("g:1-" + total + "-" + groupId + ",s:" + station + ",c:" + unixSeconds);
  }

  /** A following line of a tag-block group: {@code \g:part-n-id*hh\}. */
  public static String groupTagBlock(int part, int total, int groupId) {
    return tagBlock("g:" + part + "-" + total + "-" + groupId);
  }

  /**
   * True if {@code line} (with or without a tag block) has a correct sentence checksum and, when
   * present, a correct tag-block checksum. A small independent check for tests of generated data.
   */
  public static boolean checksumsValid(String line) {
    int start = 0;
    if (line.startsWith("\\")) {
      int end = line.indexOf('\\', 1);
      if (end < 0) {
        return false;
      }
      int star = line.lastIndexOf('*', end);
      if (star < 1 || end - star != 3 || !hex2(checksum(line, 1, star)).equals(
          line.substring(star + 1, end))) {
        return false;
      }
      start = end + 1;
    }
    if (start >= line.length() || (line.charAt(start) != '!' && line.charAt(start) != '$')) {
      return false;
    }
    int star = line.lastIndexOf('*');
    if (star < start || line.length() - star != 3) {
      return false;
    }
    return hex2(checksum(line, start + 1, star)).equals(line.substring(star + 1));
  }
}
