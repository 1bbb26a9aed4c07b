package io.seawatch.bench;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The benchmarks compare like with like: on every corpus both libraries decode exactly the same
 * number of messages (so neither side is skipping work the other does), and the counts are the
 * ones the generator's manifest implies.
 */
public class CorpusParityTest {
  private static final Blackhole BH = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  /**
   * @param messages messages decoded (both libraries)
   * @param lines lines Seawatch's parser accepts
   * @param assembled messages AisLib assembles before decoding (those of unknown type or too
   *     short still count here)
   */
  private static void check(String corpus, long messages, long lines, long assembled) {
    String[] in = Corpus.lines(corpus);
    assertEquals(Corpus.LINES, in.length);
    assertEquals(corpus + " seawatch", messages, SeawatchRun.decode(in, BH));
    assertEquals(corpus + " seawatch json", messages, SeawatchRun.decodeToJson(in, BH));
    assertEquals(corpus + " aislib", messages, AislibRun.decode(in, BH));
    assertEquals(corpus + " seawatch parse", lines, SeawatchRun.parseOnly(in, BH));
    assertEquals(corpus + " aislib parse", assembled, AislibRun.parseOnly(in, BH));
  }

  @Test
  public void mixed() {
    // 851 lines fail the parser; 433 assembled messages (unknown type, short type 5) decode in
    // neither library.
    check(Corpus.MIXED, 145_756, 149_149, 146_189);
  }

  @Test
  public void clean() {
    // 2,772 two-part messages: 150,000 - 2,772 messages.
    check(Corpus.CLEAN, 147_228, 150_000, 147_228);
  }

  @Test
  public void bare() {
    // Without tag blocks the fragments still pair up (they arrive adjacent).
    check(Corpus.BARE, 147_228, 150_000, 147_228);
  }

  @Test
  public void stripTagBlock() {
    assertEquals("!AIVDM,1,1,,A,13@:7=PP2B04hw@LvpmQO1201UT9,0*7C", Corpus.stripTagBlock(
        "\\s:dover,c:1717200000*54\\!AIVDM,1,1,,A,13@:7=PP2B04hw@LvpmQO1201UT9,0*7C"));
    assertEquals("!AIVDM,2,2,0,A,00000000000,2*24",
        Corpus.stripTagBlock("\\g:2-2-1000*5C\\!AIVDM,2,2,0,A,00000000000,2*24"));
  }
}
