package io.seawatch.ais;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/**
 * One reading of the tag block's {@code c:} everywhere: the decoder ({@link NmeaSentence}), the
 * sources' event time ({@link ReceiveTimes}) and replay (pipelines' {@code NmeaPeek}) all go through
 * {@link TagBlock#receiveTimeMillis}. These are the edges where they used to differ.
 */
public class ReceiveTimeTest {
  private static final String TYPE1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";

  private static long parse(String value) {
    return TagBlock.receiveTimeMillis(value, 0, value.length());
  }

  @Test
  public void secondsBelowTenToTheElevenMilliseconds() {
    assertEquals(1_700_000_000_000L, parse("1700000000"));
    assertEquals(99_999_999_999_000L, parse("99999999999"));
    assertEquals(100_000_000_000L, parse("100000000000"));
    assertEquals(1_700_000_000_123L, parse("1700000000123"));
    assertEquals(0L, parse("0"));
  }

  @Test
  public void notATimeIsMinusOne() {
    assertEquals(-1L, parse(""));
    assertEquals(-1L, parse("1700000000.75"));
    assertEquals(-1L, parse("-1"));
    assertEquals(-1L, parse("17e8"));
    assertEquals(-1L, parse("1234567890123456789"));
  }

  /** Beam cannot timestamp an element after 294247 CE; anything after 9999 is malformed here. */
  @Test
  public void afterTheYear9999IsNotATime() {
    assertEquals(TagBlock.MAX_RECEIVE_TIME_MILLIS, parse("253402300799999"));
    assertEquals(-1L, parse("253402300800000"));
    assertEquals(-1L, parse("9999999999999999"));
  }

  @Test
  public void theDecoderAndThePeekAgree() throws AisException {
    for (String value : new String[] {"1700000000", "99999999999", "100000000000", "1700000000123"}) {
      String line = "\\c:" + value + "*" + checksum("c:" + value) + "\\" + TYPE1;
      assertEquals(value, parse(value), NmeaSentence.parse(line).receiveTimeMillis());
      assertEquals(value, parse(value), ReceiveTimes.peekMillis(line));
    }
    for (String value : new String[] {"1700000000.75", "253402300800000", ""}) {
      String line = "\\c:" + value + "*" + checksum("c:" + value) + "\\" + TYPE1;
      assertEquals(value, -1L, ReceiveTimes.peekMillis(line));
      try {
        NmeaSentence.parse(line);
        throw new AssertionError("accepted " + line);
      } catch (AisException e) {
        assertEquals(value, "bad tag block time", e.getMessage());
      }
    }
  }

  private static String checksum(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum ^= body.charAt(i);
    }
    return String.format("%02X", sum);
  }
}
