package io.seawatch.ais;

import static org.junit.Assert.assertEquals;

import java.util.Random;
import org.junit.Test;

public class BitsTest {
  @Test
  public void randomFieldsRoundTripAcrossWordBoundaries() throws AisException {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(60);
      int[] widths = new int[n];
      long[] values = new long[n];
      Payload p = new Payload();
      for (int i = 0; i < n; i++) {
        widths[i] = 1 + random.nextInt(32);
        values[i] = random.nextLong() & ((1L << widths[i]) - 1);
        p.u(values[i], widths[i]);
      }
      Bits bits = Bits.of(p.armored(), p.fill());
      assertEquals(p.length(), bits.length());
      int at = 0;
      for (int i = 0; i < n; i++) {
        assertEquals("round " + round + " field " + i, values[i], bits.bits(at, widths[i]));
        long signed = (values[i] << (64 - widths[i])) >> (64 - widths[i]);
        assertEquals(signed, bits.s(at, widths[i]));
        at += widths[i];
      }
      assertEquals(0, bits.bits(at, 8)); // past the end reads zero, fill bits included
    }
  }

  @Test
  public void textStopsAtPaddingAndTrimsSpaces() throws AisException {
    Bits b = Bits.of(new Payload().text("AB C  ", 8).text("XY", 2).armored(), 0);
    assertEquals("AB C", b.text(0, 48));
    assertEquals("AB C", b.text(0, 36));
    assertEquals("XY", b.text(48, 12));
    assertEquals("X", b.text(48, 6));
    assertEquals("AB C  @@", b.rawText(0, 8));
    assertEquals("", b.text(60, 12)); // past the end
  }

  @Test
  public void hexIsLeftAlignedAndMasked() throws AisException {
    Bits b = Bits.of(new Payload().u(0xABC, 12).u(0b101, 3).armored(), 3);
    assertEquals(15, b.length());
    assertEquals("abca", b.hex(0, 15));
    assertEquals("bc", b.hex(4, 8));
  }
}
