package io.seawatch.ais;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.seawatch.model.VesselPosition;
import io.seawatch.model.VesselStatic;
import org.junit.Test;

public class AisProjectionsTest {
  private static final long T = 1_700_000_000_000L;

  @Test
  public void classAPosition() throws AisException {
    AisMessage m = AisDecoderTest.decode("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
    VesselPosition p = AisProjections.toPosition(m, T, 99L);
    assertEquals(371798000, p.mmsi());
    assertEquals(T, p.timestampMillis());
    assertEquals(1, p.type());
    assertEquals(48.381633, p.lat(), 1e-6);
    assertEquals(-123.395383, p.lon(), 1e-6);
    assertEquals(12.3, p.speed(), 1e-9);
    assertEquals(224.0, p.course(), 1e-9);
    assertEquals(215, p.heading());
    assertEquals(0, p.status());
    assertTrue(p.accuracy());
    assertEquals(33, p.second());
    assertEquals(99L, p.msgHash());
    assertTrue(p.hasCoordinates());
  }

  @Test
  public void notAvailableBecomesNaNAndMinusOne() throws AisException {
    AisMessage m = Payload.header(18, 0, 211000001).u(0, 8).u(1023, 10).b(false)
        .s(181 * 600000, 28).s(91 * 600000, 27).u(3600, 12).u(511, 9).u(60, 6).padTo(168)
        .decode();
    VesselPosition p = AisProjections.toPosition(m, T, 1L);
    assertEquals(18, p.type());
    assertTrue(Double.isNaN(p.lat()));
    assertTrue(Double.isNaN(p.lon()));
    assertTrue(Double.isNaN(p.speed()));
    assertTrue(Double.isNaN(p.course()));
    assertEquals(-1, p.heading());
    assertEquals(-1, p.status());
    assertEquals(60, p.second());
    assertEquals(false, p.hasCoordinates());
  }

  @Test
  public void otherPositionTypes() throws AisException {
    VesselPosition sar = AisProjections.toPosition(
        AisDecoderTest.decode("!AIVDM,1,1,,B,91b55wi;hbOS@OdQAC062Ch2089h,0*30"), T, 2L);
    assertEquals(9, sar.type());
    assertEquals(42.0, sar.speed(), 1e-9);
    assertEquals(-1, sar.heading());
    assertEquals(-1, sar.status());
    VesselPosition lr = AisProjections.toPosition(
        AisDecoderTest.decode("!AIVDM,1,1,,A,KCQ9r=hrFUnH7P00,0*41"), T, 3L);
    assertEquals(27, lr.type());
    assertEquals(87.065, lr.lat(), 1e-6);
    assertEquals(3, lr.status());
    assertEquals(60, lr.second());
    VesselPosition ext = AisProjections.toPosition(AisDecoderTest.decode(
        "!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B"), T, 4L);
    assertEquals(19, ext.type());
    assertEquals(8.7, ext.speed(), 1e-9);
    assertNull(AisProjections.toPosition(
        AisDecoderTest.decode("!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D"), T, 5L));
  }

  @Test
  public void staticFromType5() throws AisException {
    AisMessage m = AisDecoderTest.decode(
        "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
        "!AIVDM,2,2,1,A,88888888880,2*25");
    assertEquals(new VesselStatic(351759000, T, 5, 9134270, "3FOF8", "EVER DIADEM", 70, 225, 70,
        1, 31, 12.2, "NEW YORK", "05-15T14:00Z"), AisProjections.toStatic(m, T));
    assertNull(AisProjections.toPosition(m, T, 0L));
  }

  @Test
  public void staticNotAvailableValuesAreNull() throws AisException {
    // gpsd sample: IMO 0, no destination, ETA 00-00T24:60Z.
    AisMessage m = AisDecoderTest.decode(
        "!AIVDM,2,1,6,B,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht50000000000,0*3B",
        "!AIVDM,2,2,6,B,00000000000,2*21");
    assertEquals(new VesselStatic(271010059, T, 5, null, "TCA2350", "HEALTH CONTROL 13", 55, 6,
        10, 2, 2, 2.0, null, null), AisProjections.toStatic(m, T));
    AisMessage empty = Payload.header(5, 0, 7).padTo(424).decode();
    assertEquals(new VesselStatic(7, T, 5, null, null, null, null, null, null, null, null, null,
        null, null), AisProjections.toStatic(empty, T));
  }

  @Test
  public void staticFromTypes19And24() throws AisException {
    assertEquals(new VesselStatic(367059850, T, 19, null, null, "CAPT.J.RIMES", 70, 5, 21, 4, 4,
            null, null, null),
        AisProjections.toStatic(AisDecoderTest.decode(
            "!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B"), T));
    assertEquals(new VesselStatic(271041815, T, 24, null, null, "PROGUY", null, null, null, null,
            null, null, null, null),
        AisProjections.toStatic(
            AisDecoderTest.decode("!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D"), T));
    assertEquals(new VesselStatic(271041815, T, 24, null, "TC6163", null, 60, 0, 15, 0, 5, null,
            null, null),
        AisProjections.toStatic(
            AisDecoderTest.decode("!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40"), T));
    assertNull(AisProjections.toStatic(
        AisDecoderTest.decode("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A"), T));
  }
}
