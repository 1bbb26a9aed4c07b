package io.seawatch.testdata;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class EncoderTest {

  /** Payload and fill bits of a sentence list, joined. */
  private static AisPayload payloadOf(List<String> sentences) {
    StringBuilder sb = new StringBuilder();
    int fill = 0;
    for (String s : sentences) {
      String[] f = s.substring(0, s.indexOf('*')).split(",", -1);
      sb.append(f[5]);
      fill = Integer.parseInt(f[6]);
    }
    return new AisPayload(sb.toString(), fill);
  }

  @Test
  public void everyPublishedSampleIsReproducedExactly() {
    for (PublishedSamples.Sample s : PublishedSamples.all()) {
      assertEquals(s.description(), payloadOf(s.sentences()), s.message().encode());
    }
  }

  @Test
  public void singleSentenceSamplesComeBackCharacterForCharacter() {
    for (PublishedSamples.Sample s : PublishedSamples.all()) {
      if (s.sentences().size() != 1) {
        continue;
      }
      char channel = s.sentences().get(0).charAt(12);
      assertEquals(s.description(), s.sentences(),
          new NmeaWriter().sentences(s.message().encode(), channel));
    }
  }

  @Test
  public void type5IsSplitIntoTwoSentencesWithSequenceId() {
    NmeaWriter writer = new NmeaWriter();
    // The published example carries sequence id 1: let the writer use 0 first.
    writer.sentences(PublishedSamples.TYPE5.message().encode(), 'A');
    List<String> lines = writer.sentences(PublishedSamples.TYPE5.message().encode(), 'A');
    assertEquals(PublishedSamples.TYPE5.sentences(), lines);
    assertEquals(424, PublishedSamples.TYPE5.message().encode().bitLength());
  }

  @Test
  public void sequenceIdCyclesZeroToNinePerChannel() {
    NmeaWriter writer = new NmeaWriter();
    AisPayload p = PublishedSamples.TYPE5.message().encode();
    StringBuilder seqA = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      seqA.append(writer.sentences(p, 'A').get(1).split(",")[3]);
    }
    assertEquals("012345678901", seqA.toString());
    assertEquals("0", writer.sentences(p, 'B').get(0).split(",")[3]);
    // single-sentence messages have an empty sequence id and do not advance the cycle
    assertEquals("", writer.sentences(PublishedSamples.TYPE1.message().encode(), 'A')
        .get(0).split(",")[3]);
    assertEquals("2", writer.sentences(p, 'A').get(0).split(",")[3]);
  }

  @Test
  public void type21WithNameExtension() {
    // gpsd sample.aivdm type 21 (Mike Greene): name "CHINA ROSE MURPHY EXPRESS ALERT".
    // The transmitter sent 12 extension characters and 2 spare bits (346 bits, fill 2); we pad to
    // a byte boundary as ITU asks (344 bits, fill 4): the payload characters are the same.
    AidToNavigationReport m = new AidToNavigationReport(0, 123456789, 20, "CHINA ROSE MURPHY EX",
        false, -73619155, 28752371, 5, 5, 5, 5, 1, 50, false, 165, false, false, false,
        "PRESS ALERT@");
    AisPayload p = m.encode();
    assertEquals("E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q:D44QDlp0C1DU00", p.payload());
    assertEquals(4, p.fillBits());
  }

  @Test
  public void type21WithoutExtensionIs272Bits() {
    AidToNavigationReport m = new AidToNavigationReport(0, 992446001, 29, "MAAS CENTER", true,
        AisUnits.lonLat(3.498), AisUnits.lonLat(52.0), 0, 0, 0, 0, 7, 12, false, 0, false, false,
        false, "");
    assertEquals(272, m.encode().payload().length() * 6 - m.encode().fillBits());
    assertEquals(4, m.encode().fillBits());
  }

  @Test
  public void checksumIsXorBetweenBangAndStar() {
    assertEquals(0x4A, Nmea.checksum("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0", 0, 43));
    assertEquals("!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13",
        Nmea.sentence(1, 1, "", 'B', "15N4cJ`005Jrek0H@9n`DW5608EP", 0));
    assertTrue(Nmea.checksumsValid("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A"));
    assertFalse(Nmea.checksumsValid("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B"));
  }

  @Test
  public void tagBlockChecksumCoversTheCharactersBetweenBackslashAndStar() {
    // gpsd www/AIVDM.adoc tag block example
    assertEquals("\\g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A\\",
        Nmea.tagBlock("g:1-2-73874,n:157036,s:r003669945,c:1241544035"));
    assertEquals("\\s:2573135,c:1671620143*0B\\", Nmea.tagBlock("2573135", 1671620143L));
    assertEquals("\\g:1-2-42,s:hoek,c:1717200000*" + Nmea.hex2(
        Nmea.checksum("g:1-2-42,s:hoek,c:1717200000", 0, 28)) + "\\",
        Nmea.groupTagBlock(2, 42, "hoek", 1717200000L));
    assertEquals("\\g:2-2-73874*62\\", Nmea.groupTagBlock(2, 2, 73874));
    assertTrue(Nmea.checksumsValid(
        "\\g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A\\"
            + "!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13"));
    assertFalse(Nmea.checksumsValid(
        "\\g:1-2-73874,n:157036,s:r003669945,c:1241544036*4A\\"
            + "!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13"));
  }

  @Test
  public void fragmentsAreAtMostSixtyCharacters() {
    String payload = "0".repeat(121);
    assertEquals(List.of("0".repeat(60), "0".repeat(60), "0"), Nmea.fragments(payload));
    assertEquals(List.of("0".repeat(60)), Nmea.fragments("0".repeat(60)));
    List<String> lines = new NmeaWriter().sentences(new AisPayload(payload, 4), 'B');
    assertEquals("!AIVDM,3,1,0,B," + "0".repeat(60) + ",0*", lines.get(0).substring(0, 78));
    assertTrue(lines.get(2).startsWith("!AIVDM,3,3,0,B,0,4*"));
  }

  @Test
  public void bitWriterArmorsAndCountsFillBits() {
    AisPayload p = new AisBitWriter().unsigned(6, 1).unsigned(6, 39).unsigned(6, 40)
        .unsigned(6, 63).unsigned(2, 3).toPayload();
    assertEquals("1W`w", p.payload().substring(0, 4));
    assertEquals("h", p.payload().substring(4));
    assertEquals(4, p.fillBits());
    assertEquals("0", new AisBitWriter().signed(6, 0).toPayload().payload());
    assertEquals("w", new AisBitWriter().signed(6, -1).toPayload().payload());
    assertEquals("P", new AisBitWriter().signed(6, -32).toPayload().payload());
  }

  @Test
  public void bitWriterRejectsValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> new AisBitWriter().unsigned(4, 16));
    assertThrows(IllegalArgumentException.class, () -> new AisBitWriter().unsigned(4, -1));
    assertThrows(IllegalArgumentException.class, () -> new AisBitWriter().signed(8, 128));
    assertThrows(IllegalArgumentException.class, () -> new AisBitWriter().text(2, "ABC"));
    assertThrows(IllegalArgumentException.class, () -> new AisBitWriter().text(2, "é"));
  }

  @Test
  public void textIsPaddedWithAtSignsAndUpperCased() {
    assertEquals(new AisBitWriter().text(3, "AB@").toPayload(),
        new AisBitWriter().text(3, "ab").toPayload());
  }

  @Test
  public void unitsFollowItuScaling() {
    assertEquals(-74037230, AisUnits.lonLat(-123.395383333));
    assertEquals(123, AisUnits.sog(12.3));
    assertEquals(1022, AisUnits.sog(150));
    assertEquals(0, AisUnits.cog(359.99));
    assertEquals(2240, AisUnits.cog(224.0));
    assertEquals(0, AisUnits.rot(0));
    assertEquals(15, AisUnits.rot(10));   // 4.733 * sqrt(10) = 14.97
    assertEquals(-15, AisUnits.rot(-10));
    assertEquals(126, AisUnits.rot(720)); // 4.733 * sqrt(720) = 127.0, limited to 126
    assertEquals(345, AisUnits.heading(-15));
  }
}
