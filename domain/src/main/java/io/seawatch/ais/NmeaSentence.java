package io.seawatch.ais;

/**
 * One {@code !xxVDM}/{@code !xxVDO} sentence, with its optional NMEA 4.0 tag block. Parsed straight
 * from the characters of the line (no regex, no split); the payload is kept as offsets into the
 * line and only copied when {@link #payload()} is asked for.
 *
 * <p>Accepted: any two-character talker id, VDM or VDO, exactly seven comma-separated fields, a
 * valid checksum (either hex case), fragment count 1..9 and number 1..count, sequence id empty or
 * 0..9, channel empty or one letter/digit, fill bits empty (= 0) or 0..5. Text after the checksum
 * that starts with a comma (USCG receiver metadata) is tolerated, as is trailing white space.
 */
public final class NmeaSentence {
  private final String raw;
  private final TagBlock tagBlock;
  private final String talker;
  private final boolean ownShip;
  private final int fragmentCount;
  private final int fragmentNumber;
  private final int sequenceId;
  private final char channel;
  private final int payloadStart;
  private final int payloadEnd;
  private final int fillBits;
  private String payload;
  private String multipartKey;

  private NmeaSentence(
      String raw,
      TagBlock tagBlock,
      String talker,
      boolean ownShip,
      int fragmentCount,
      int fragmentNumber,
      int sequenceId,
      char channel,
      int payloadStart,
      int payloadEnd,
      int fillBits) {
    this.raw = raw;
    this.tagBlock = tagBlock;
    this.talker = talker;
    this.ownShip = ownShip;
    this.fragmentCount = fragmentCount;
    this.fragmentNumber = fragmentNumber;
    this.sequenceId = sequenceId;
    this.channel = channel;
    this.payloadStart = payloadStart;
    this.payloadEnd = payloadEnd;
    this.fillBits = fillBits;
  }

  /** Parses a whole line: optional tag block, the sentence, optional trailing CR/LF. */
  public static NmeaSentence parse(String line) throws AisException {
    if (line == null) {
      throw new AisException("empty line");
    }
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) <= ' ') {
      end--;
    }
    int start = 0;
    while (start < end && line.charAt(start) <= ' ') {
      start++;
    }
    if (start == end) {
      throw new AisException("empty line");
    }
    TagBlock tag = null;
    if (line.charAt(start) == '\\') {
      // Fast path: one scan finds the checksum and the closing backslash of a well-formed block.
      int close = TagBlock.checkedEnd(line, start + 1, end);
      if (close >= 0) {
        tag = TagBlock.parseFields(line, start + 1, close - 3);
      } else {
        // Anything else takes the original path, which names what is wrong.
        for (int i = start + 1; i < end; i++) {
          if (line.charAt(i) == '\\') {
            close = i;
            break;
          }
        }
        if (close < 0) {
          throw new AisException("unterminated tag block");
        }
        tag = TagBlock.parse(line, start + 1, close);
      }
      start = close + 1;
    }
    if (start >= end || line.charAt(start) != '!') {
      throw new AisException("not an ais sentence");
    }
    if (end - start < 7
        || line.charAt(start + 3) != 'V'
        || line.charAt(start + 4) != 'D'
        || (line.charAt(start + 5) != 'M' && line.charAt(start + 5) != 'O')
        || line.charAt(start + 6) != ',') {
      throw new AisException("not an ais sentence");
    }
    // Checksum: XOR of everything between '!' and '*'; record the commas on the way.
    int sum = 0;
    int star = -1;
    int[] commas = new int[6];
    int ncommas = 0;
    for (int i = start + 1; i < end; i++) {
      char c = line.charAt(i);
      if (c == '*') {
        star = i;
        break;
      }
      if (c == ',') {
        if (ncommas < 6) {
          commas[ncommas] = i;
        }
        ncommas++;
      }
      sum ^= c;
    }
    if (star < 0 || star + 3 > end) {
      throw new AisException("missing checksum");
    }
    int expected = TagBlock.hex2(line, star + 1);
    if (expected < 0 || (star + 3 < end && line.charAt(star + 3) != ',')) {
      throw new AisException("malformed checksum");
    }
    if (expected != sum) {
      throw new AisException("bad checksum");
    }
    if (ncommas != 6) {
      throw new AisException("wrong field count: " + (ncommas + 1));
    }
    int count = digit(line, commas[0] + 1, commas[1]);
    if (count < 1) {
      throw new AisException("bad fragment count");
    }
    int number = digit(line, commas[1] + 1, commas[2]);
    if (number < 1) {
      throw new AisException("bad fragment number");
    }
    if (number > count) {
      throw new AisException("fragment number " + number + " > count " + count);
    }
    int seq = -1;
    if (commas[3] > commas[2] + 1) {
      seq = digit(line, commas[2] + 1, commas[3]);
      if (seq < 0) {
        throw new AisException("bad sequence id");
      }
    }
    char channel = '\0';
    int chLen = commas[4] - commas[3] - 1;
    if (chLen == 1) {
      channel = line.charAt(commas[3] + 1);
      if (!Character.isLetterOrDigit(channel)) {
        throw new AisException("bad channel");
      }
    } else if (chLen > 1) {
      throw new AisException("bad channel");
    }
    int ps = commas[4] + 1;
    int pe = commas[5];
    if (pe == ps) {
      throw new AisException("empty payload");
    }
    for (int i = ps; i < pe; i++) {
      if (Bits.dearmor(line.charAt(i)) < 0) {
        throw new AisException("illegal 6-bit character '" + line.charAt(i) + "'");
      }
    }
    int fill = 0;
    if (star > commas[5] + 1) {
      fill = digit(line, commas[5] + 1, star);
      if (fill < 0) {
        throw new AisException("bad fill bits");
      }
      if (fill > 5) {
        throw new AisException("fill bits out of range: " + fill);
      }
    }
    String talker = talker(line, start + 1);
    return new NmeaSentence(
        line, tag, talker, line.charAt(start + 5) == 'O', count, number, seq, channel, ps, pe, fill);
  }

  /** The two-character talker at {@code at}; the common ones without allocating. */
  private static String talker(String s, int at) {
    char a = s.charAt(at);
    char b = s.charAt(at + 1);
    if (a == 'A' && b == 'I') {
      return "AI";
    }
    if (a == 'A' && b == 'B') {
      return "AB";
    }
    if (a == 'B' && b == 'S') {
      return "BS";
    }
    return s.substring(at, at + 2);
  }

  /** A single decimal digit filling {@code s[from, to)}, or -1. */
  private static int digit(String s, int from, int to) {
    if (to != from + 1) {
      return -1;
    }
    char c = s.charAt(from);
    return c >= '0' && c <= '9' ? c - '0' : -1;
  }

  /** The line exactly as given to {@link #parse}. */
  public String raw() {
    return raw;
  }

  /** Two-character talker id, e.g. {@code AI}, {@code AB}, {@code BS}. */
  public String talker() {
    return talker;
  }

  /** True for VDO (own ship), false for VDM. */
  public boolean ownShip() {
    return ownShip;
  }

  public int fragmentCount() {
    return fragmentCount;
  }

  public int fragmentNumber() {
    return fragmentNumber;
  }

  /** Sequential message id 0..9, -1 if empty. */
  public int sequenceId() {
    return sequenceId;
  }

  /** Radio channel ('A', 'B', '1', '2'), {@code '\0'} if empty. */
  public char channel() {
    return channel;
  }

  /** The armored payload of this fragment. */
  public String payload() {
    String p = payload;
    if (p == null) {
      p = raw.substring(payloadStart, payloadEnd);
      payload = p;
    }
    return p;
  }

  public int fillBits() {
    return fillBits;
  }

  /** The tag block, null when none. */
  public TagBlock tagBlock() {
    return tagBlock;
  }

  /** Tag-block receive time in epoch millis, -1 when absent. */
  public long receiveTimeMillis() {
    return tagBlock == null ? -1 : tagBlock.receiveTimeMillis();
  }

  public boolean isMultipart() {
    return fragmentCount > 1;
  }

  /**
   * Key that all fragments of one message share (null for single-part): the tag-block group id and
   * count when present (continuation lines carry no source), else tag source + channel + sequence
   * id + fragment count. Keys are only unique within one input stream.
   */
  public String multipartKey() {
    if (fragmentCount == 1) {
      return null;
    }
    String k = multipartKey;
    if (k == null) {
      if (tagBlock != null && tagBlock.groupId() >= 0) {
        // Continuation lines of a tag-block group usually carry only g:, no s:, so the source
        // cannot be part of the key; the caller scopes keys to one input stream.
        k = "g|" + tagBlock.groupId() + "|" + tagBlock.groupCount();
      } else {
        String source = tagBlock == null || tagBlock.source() == null ? "" : tagBlock.source();
        k = "s|" + source + "|" + (channel == '\0' ? "" : String.valueOf(channel)) + "|"
            + sequenceId + "|" + fragmentCount;
      }
      multipartKey = k;
    }
    return k;
  }

  /** Appends this fragment's payload characters (used when concatenating fragments). */
  void appendPayload(StringBuilder sb) {
    sb.append(raw, payloadStart, payloadEnd);
  }

  int payloadLength() {
    return payloadEnd - payloadStart;
  }

  /** De-armors this single sentence without copying the payload. */
  Bits bits() throws AisException {
    return Bits.of(raw, payloadStart, payloadEnd, fillBits);
  }

  @Override
  public String toString() {
    return raw;
  }
}
