package io.seawatch.ais;

import static io.seawatch.ais.Payload.checksum;
import static io.seawatch.ais.Payload.sentence;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class NmeaSentenceTest {
  // gpsd test/sample.aivdm
  private static final String TYPE1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";

  private static String reject(String line) {
    return assertThrows(AisException.class, () -> NmeaSentence.parse(line)).reason();
  }

  @Test
  public void parsesAllFields() throws AisException {
    NmeaSentence s = NmeaSentence.parse(TYPE1 + "\r\n");
    assertEquals("AI", s.talker());
    assertFalse(s.ownShip());
    assertEquals(1, s.fragmentCount());
    assertEquals(1, s.fragmentNumber());
    assertEquals(-1, s.sequenceId());
    assertEquals('A', s.channel());
    assertEquals("15RTgt0PAso;90TKcjM8h6g208CQ", s.payload());
    assertEquals(0, s.fillBits());
    assertNull(s.tagBlock());
    assertFalse(s.isMultipart());
    assertNull(s.multipartKey());
    assertEquals(-1, s.receiveTimeMillis());
    assertEquals(TYPE1 + "\r\n", s.raw());
  }

  @Test
  public void parsesMultipartFragmentVdoAndOtherTalkers() throws AisException {
    NmeaSentence s = NmeaSentence.parse(sentence("BSVDO,2,2,7,2,88888888880,2"));
    assertEquals("BS", s.talker());
    assertTrue(s.ownShip());
    assertEquals(2, s.fragmentCount());
    assertEquals(2, s.fragmentNumber());
    assertEquals(7, s.sequenceId());
    assertEquals('2', s.channel());
    assertEquals(2, s.fillBits());
    assertTrue(s.isMultipart());
    assertEquals("s||2|7|2", s.multipartKey());
    for (String talker : new String[] {"AB", "AD", "AN", "AR", "AS", "AT", "AX", "SA"}) {
      assertEquals(talker, NmeaSentence.parse(sentence(talker + "VDM,1,1,,B,13aIkM@P00PJ@qPNL=e@0?wJ28JO,0")).talker());
    }
  }

  @Test
  public void emptyChannelAndLowerCaseChecksumAndUscgTrailer() throws AisException {
    String body = "AIVDM,1,1,,,15RTgt0PAso;90TKcjM8h6g208CQ,0";
    NmeaSentence s = NmeaSentence.parse("!" + body + "*" + checksum(body).toLowerCase());
    assertEquals('\0', s.channel());
    // gpsd sample: USCG receiver metadata after the checksum is tolerated.
    NmeaSentence u = NmeaSentence.parse("!AIVDM,1,1,,B,:6TMCD1GOS60,0*5B,s36310,d-081,T59.01777335");
    assertEquals(":6TMCD1GOS60", u.payload());
  }

  @Test
  public void parsesTagBlock() throws AisException {
    String tag = "c:1700000000,s:rec1,g:1-2-1234";
    String line = "\\" + tag + "*" + checksum(tag) + "\\" + sentence("AIVDM,2,1,3,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0");
    NmeaSentence s = NmeaSentence.parse(line);
    TagBlock t = s.tagBlock();
    assertEquals(1_700_000_000_000L, t.receiveTimeMillis());
    assertEquals(1_700_000_000_000L, s.receiveTimeMillis());
    assertEquals("rec1", t.source());
    assertEquals(1, t.groupSentence());
    assertEquals(2, t.groupCount());
    assertEquals(1234, t.groupId());
    assertEquals("g|1234|2", s.multipartKey());
    assertSame(s.multipartKey(), s.multipartKey());
  }

  @Test
  public void tagBlockTimeInMillisAndAbsentFields() throws AisException {
    String tag = "c:1700000000123,x:9";
    NmeaSentence s = NmeaSentence.parse("\\" + tag + "*" + checksum(tag) + "\\" + TYPE1);
    assertEquals(1_700_000_000_123L, s.tagBlock().receiveTimeMillis());
    assertNull(s.tagBlock().source());
    assertEquals(-1, s.tagBlock().groupSentence());
    assertEquals(-1, s.tagBlock().groupCount());
    assertEquals(-1, s.tagBlock().groupId());
    String src = "s:r2";
    NmeaSentence m = NmeaSentence.parse("\\" + src + "*" + checksum(src) + "\\"
        + sentence("AIVDM,2,1,5,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0"));
    assertEquals(-1, m.tagBlock().receiveTimeMillis());
    assertEquals("s|r2|B|5|2", m.multipartKey());
  }

  @Test
  public void rejects() {
    assertEquals("bad checksum", reject("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B"));
    assertEquals("missing checksum", reject("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0"));
    assertEquals("malformed checksum", reject("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*ZZ"));
    assertEquals("bad tag block checksum", reject("\\c:1700000000*00\\" + TYPE1));
    assertEquals("missing tag block checksum", reject("\\c:1700000000\\" + TYPE1));
    assertEquals("unterminated tag block", reject("\\c:1700000000*00" + TYPE1));
    assertEquals("wrong field count: 6", reject(sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ")));
    assertEquals("wrong field count: 8",
        reject(sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0,0")));
    assertEquals("fragment number 3 > count 2", reject(sentence("AIVDM,2,3,1,A,0000,0")));
    assertEquals("bad fragment number", reject(sentence("AIVDM,2,0,1,A,0000,0")));
    assertEquals("bad fragment count", reject(sentence("AIVDM,x,1,1,A,0000,0")));
    assertEquals("bad sequence id", reject(sentence("AIVDM,2,1,12,A,0000,0")));
    assertEquals("bad channel", reject(sentence("AIVDM,1,1,,AB,15RTgt0PAso;90TKcjM8h6g208CQ,0")));
    assertEquals("fill bits out of range: 6",
        reject(sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,6")));
    assertEquals("bad fill bits", reject(sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,x")));
    assertEquals("illegal 6-bit character 'x'",
        reject(sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208Cx,0")));
    assertEquals("illegal 6-bit character 'X'", reject(sentence("AIVDM,1,1,,A,1X,0")));
    assertEquals("empty payload", reject(sentence("AIVDM,1,1,,A,,0")));
    assertEquals("not an ais sentence", reject("AIVDM,2,2,1,B,00000000000,2*26"));
    assertEquals("not an ais sentence", reject(sentence("GPGGA,1,1,,A,0,0")));
    assertEquals("empty line", reject("   "));
    assertEquals("empty line", reject(null));
  }
}
