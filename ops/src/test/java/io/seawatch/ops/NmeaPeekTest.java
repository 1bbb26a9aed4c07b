package io.seawatch.ops;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.Test;

/**
 * Sentences: the type 1 and type 5 examples of the gpsd "AIVDM/AIVDO protocol decoding" document,
 * with sequence id / channel changed and checksums recomputed.
 */
public class NmeaPeekTest {
  private static final String SINGLE = "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C";
  private static final String PART1 =
      "!AIVDM,2,1,3,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1D";
  private static final String PART2 = "!AIVDM,2,2,3,B,88888888880,2*24";

  private final NmeaPeek peek = new NmeaPeek();

  @Test
  public void singlePartWithoutTagBlockHasNeitherKeyNorTime() {
    peek.peek(SINGLE);
    assertThat(peek.partitionKey(), nullValue());
    assertThat(peek.timestampMillis(), equalTo(-1L));
  }

  @Test
  public void tagBlockTimeInSecondsBecomesMillis() {
    peek.peek("\\s:r003669945,c:1700000000*7A\\" + SINGLE);
    assertThat(peek.timestampMillis(), equalTo(1_700_000_000_000L));
    assertThat(peek.partitionKey(), nullValue());
  }

  @Test
  public void tagBlockTimeAbove10To11IsMillis() {
    peek.peek("\\c:1700000000123,s:x*00\\" + SINGLE);
    assertThat(peek.timestampMillis(), equalTo(1_700_000_000_123L));
  }

  /** As the decoder, which dead-letters the line ("bad tag block time"): no time, not a guess. */
  @Test
  public void tagBlockTimeWithFractionIsNoTime() {
    peek.peek("\\c:1700000000.75*00\\" + SINGLE);
    assertThat(peek.timestampMillis(), equalTo(-1L));
  }

  @Test
  public void tagBlockWithoutChecksumStillReadsTime() {
    peek.peek("\\c:1700000001\\" + SINGLE);
    assertThat(peek.timestampMillis(), equalTo(1_700_000_001_000L));
  }

  @Test
  public void multipartWithoutTagBlockIsKeyedByChannelAndSequenceId() {
    peek.peek(PART1);
    assertThat(peek.partitionKey(), equalTo(",B,3"));
    peek.peek(PART2);
    assertThat(peek.partitionKey(), equalTo(",B,3"));
    assertThat(peek.timestampMillis(), equalTo(-1L));
  }

  @Test
  public void multipartWithSourceIsKeyedBySourceChannelAndSequenceId() {
    peek.peek("\\s:r003669945,c:1700000005*00\\" + PART1);
    assertThat(peek.partitionKey(), equalTo("r003669945,B,3"));
    assertThat(peek.timestampMillis(), equalTo(1_700_000_005_000L));
  }

  @Test
  public void multipartWithGroupIsKeyedByGroupIdEvenWhenOnlyOneFragmentHasTheSource() {
    peek.peek("\\g:1-2-4242,s:r003669945,c:1700000005*0D\\" + PART1);
    assertThat(peek.partitionKey(), equalTo("g:4242"));
    peek.peek("\\g:2-2-4242*5D\\" + PART2);
    assertThat(peek.partitionKey(), equalTo("g:4242"));
    assertThat(peek.timestampMillis(), equalTo(-1L));
  }

  @Test
  public void dollarSentencesAndOtherTalkersArePeekedToo() {
    peek.peek("$BSVDM,2,1,7,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*00");
    assertThat(peek.partitionKey(), equalTo(",A,7"));
  }

  @Test
  public void stateDoesNotLeakFromOneLineToTheNext() {
    peek.peek("\\g:1-2-4242,c:1700000005*00\\" + PART1);
    peek.peek(SINGLE);
    assertThat(peek.partitionKey(), nullValue());
    assertThat(peek.timestampMillis(), equalTo(-1L));
  }

  @Test
  public void garbageIsLeftAloneWithoutThrowing() {
    String[] garbage = {
      "",
      "hello",
      "\\",
      "\\c:17000",
      "\\c:abc*00\\" + SINGLE,
      "\\c:,g:,s:*00\\" + SINGLE,
      "!AIVDM",
      "!AIVDM,",
      "!AIVDM,x,1,3,B",
      "!AIVDM,2,1,3",
      "\\c:99999999999999999999999*00\\" + SINGLE,
    };
    for (String line : garbage) {
      peek.peek(line);
      assertThat(line, peek.partitionKey(), nullValue());
      assertThat(line, peek.timestampMillis(), equalTo(-1L));
    }
  }
}
