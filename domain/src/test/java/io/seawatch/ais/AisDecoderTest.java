package io.seawatch.ais;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Field-by-field decodes. Real sentences and their expected values come from gpsd's
 * test/sample.aivdm and sample.aivdm.js.chk (published test data); edge cases are built with the
 * independent test encoder {@link Payload}.
 */
public class AisDecoderTest {
  private static final double EPS = 1e-6;

  static AisMessage decode(String... lines) throws AisException {
    List<NmeaSentence> fragments = new ArrayList<>();
    for (String l : lines) {
      fragments.add(NmeaSentence.parse(l));
    }
    return AisDecoder.decode(fragments);
  }

  private static String reject(Payload p) {
    return assertThrows(AisException.class, p::decode).reason();
  }

  /** Lat 91 / lon 181 mean "not available"; anything else off the globe is corrupt. */
  @Test
  public void coordinatesOutsideTheGlobeAreRejected() throws AisException {
    // type 1: header 38 bits, status 4, turn 8, speed 10, accuracy 1, then lon 28 and lat 27.
    Payload base = Payload.header(1, 0, 244123456).u(0, 4).s(0, 8).u(0, 10).b(false);
    assertEquals("latitude out of range: 95.0",
        reject(Payload.header(1, 0, 244123456).u(0, 4).s(0, 8).u(0, 10).b(false)
            .s(0, 28).s(95 * 600_000, 27).padTo(168)));
    assertEquals("longitude out of range: -190.0",
        reject(Payload.header(1, 0, 244123456).u(0, 4).s(0, 8).u(0, 10).b(false)
            .s(-190 * 600_000, 28).s(0, 27).padTo(168)));
    PositionReportClassA na =
        (PositionReportClassA) base.s(181 * 600_000, 28).s(91 * 600_000, 27).padTo(168).decode();
    assertEquals(Double.NaN, na.lat(), 0.0);
    assertEquals(Double.NaN, na.lon(), 0.0);
  }

  @Test
  public void type1() throws AisException {
    PositionReportClassA m =
        (PositionReportClassA) decode("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
    assertEquals(1, m.type());
    assertEquals(0, m.repeat());
    assertEquals(371798000, m.mmsi());
    assertEquals(0, m.status());
    assertEquals(-127, m.turnRaw());
    assertEquals(Double.NEGATIVE_INFINITY, m.turn(), 0);
    assertEquals(12.3, m.speed(), EPS);
    assertTrue(m.accuracy());
    assertEquals(-123.395383, m.lon(), EPS);
    assertEquals(48.381633, m.lat(), EPS);
    assertEquals(224.0, m.course(), EPS);
    assertEquals(215, m.heading());
    assertEquals(33, m.second());
    assertEquals(0, m.maneuver());
    assertFalse(m.raim());
    assertEquals(34017, m.radio());
    assertEquals(168, m.bitLength());
  }

  @Test
  public void type1NotAvailableHeadingAndTurn() throws AisException {
    PositionReportClassA m =
        (PositionReportClassA) decode("!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42");
    assertEquals(440348000, m.mmsi());
    assertEquals(-128, m.turnRaw());
    assertTrue(Double.isNaN(m.turn()));
    assertEquals(0.0, m.speed(), EPS);
    assertEquals(-70.7582, m.lon(), EPS);
    assertEquals(43.08015, m.lat(), EPS);
    assertEquals(93.4, m.course(), EPS);
    assertEquals(-1, m.heading());
    assertEquals(13, m.second());
    assertEquals(33274, m.radio());
  }

  @Test
  public void type2And3() throws AisException {
    PositionReportClassA t2 =
        (PositionReportClassA) decode("!AIVDM,1,1,,B,25Cjtd0Oj;Jp7ilG7=UkKBoB0<06,0*60");
    assertEquals(2, t2.type());
    assertEquals(356302000, t2.mmsi());
    assertEquals(Double.POSITIVE_INFINITY, t2.turn(), 0);
    assertEquals(13.9, t2.speed(), EPS);
    assertEquals(-71.626143, t2.lon(), EPS);
    assertEquals(40.392358, t2.lat(), EPS);
    assertEquals(87.7, t2.course(), EPS);
    assertEquals(91, t2.heading());
    assertEquals(41, t2.second());
    assertEquals(49158, t2.radio());
    PositionReportClassA t3 =
        (PositionReportClassA) decode("!AIVDM,1,1,,A,38Id705000rRVJhE7cl9n;160000,0*40");
    assertEquals(3, t3.type());
    assertEquals(563808000, t3.mmsi());
    assertEquals(5, t3.status());
    assertEquals(0.0, t3.turn(), EPS);
    assertEquals(-76.327533, t3.lon(), EPS);
    assertEquals(36.91, t3.lat(), EPS);
    assertEquals(252.0, t3.course(), EPS);
    assertEquals(352, t3.heading());
    assertEquals(35, t3.second());
  }

  @Test
  public void positionNotAvailableValuesAreNaNAndNull() throws AisException {
    Payload p = Payload.header(1, 0, 123456789).u(15, 4).s(-128, 8).u(1023, 10).b(false)
        .s(181 * 600000, 28).s(91 * 600000, 27).u(3600, 12).u(511, 9).u(60, 6).u(0, 2).u(0, 3)
        .b(false).u(0, 19);
    PositionReportClassA m = (PositionReportClassA) p.decode();
    assertTrue(Double.isNaN(m.lat()));
    assertTrue(Double.isNaN(m.lon()));
    assertTrue(Double.isNaN(m.speed()));
    assertTrue(Double.isNaN(m.course()));
    assertTrue(Double.isNaN(m.turn()));
    assertEquals(-1, m.heading());
    assertEquals(15, m.status());
    assertEquals(
        "{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":123456789,\"scaled\":true,"
            + "\"status\":15,\"turn\":null,\"speed\":null,\"accuracy\":false,\"lon\":null,"
            + "\"lat\":null,\"course\":null,\"heading\":null,\"second\":60,\"maneuver\":0,"
            + "\"raim\":false,\"radio\":0}",
        AisJson.toJson(m));
  }

  @Test
  public void signedTurnAndNegativeCoordinatesInJson() throws AisException {
    Payload p = Payload.header(1, 0, 1).u(0, 4).s(-20, 8).u(1022, 10).b(true)
        .s(-73_421_000, 28).s(-20_000_000, 27).u(3599, 12).u(359, 9).u(59, 6).padTo(168);
    PositionReportClassA m = (PositionReportClassA) p.decode();
    assertEquals(-(20 / 4.733) * (20 / 4.733), m.turn(), EPS);
    assertEquals(102.2, m.speed(), EPS);
    assertEquals(
        "{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":1,\"scaled\":true,\"status\":0,"
            + "\"turn\":-18,\"speed\":102.2,\"accuracy\":true,\"lon\":-122.368333,"
            + "\"lat\":-33.333333,\"course\":359.9,\"heading\":359,\"second\":59,\"maneuver\":0,"
            + "\"raim\":false,\"radio\":0}",
        AisJson.toJson(m));
  }

  @Test
  public void type4BaseStation() throws AisException {
    BaseStationReport m =
        (BaseStationReport) decode("!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D");
    assertEquals(4, m.type());
    assertEquals(3669702, m.mmsi());
    assertEquals(2007, m.year());
    assertEquals(5, m.month());
    assertEquals(14, m.day());
    assertEquals(19, m.hour());
    assertEquals(57, m.minute());
    assertEquals(39, m.second());
    assertEquals("2007-05-14T19:57:39Z", m.timestamp());
    assertEquals(1179172659000L, m.epochMillis());
    assertTrue(m.accuracy());
    assertEquals(-76.352362, m.lon(), EPS);
    assertEquals(36.883767, m.lat(), EPS);
    assertEquals(7, m.epfd());
    assertFalse(m.raim());
    assertEquals(67039, m.radio());
  }

  @Test
  public void type11AndUnavailableTime() throws AisException {
    BaseStationReport m =
        (BaseStationReport) decode("!AIVDM,1,1,,B,;4R33:1uUK2F`q?mOt@@GoQ00000,0*5D");
    assertEquals(11, m.type());
    assertEquals(304137000, m.mmsi());
    assertEquals("2009-05-22T02:22:40Z", m.timestamp());
    assertEquals(-94.407683, m.lon(), EPS);
    assertEquals(28.409117, m.lat(), EPS);
    assertEquals(1, m.epfd());
    BaseStationReport na =
        (BaseStationReport) decode("!AIVDM,1,1,,A,402Fha0000Htt<tSF0l4Q@000d20,0*65");
    assertEquals("0000-00-00T24:60:60Z", na.timestamp());
    assertEquals(-1, na.epochMillis());
    assertTrue(Double.isNaN(na.lat()));
    assertTrue(Double.isNaN(na.lon()));
  }

  @Test
  public void type5() throws AisException {
    StaticAndVoyageData m = (StaticAndVoyageData) decode(
        "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
        "!AIVDM,2,2,1,A,88888888880,2*25");
    assertEquals(5, m.type());
    assertEquals(351759000, m.mmsi());
    assertEquals(9134270, m.imo());
    assertEquals(0, m.aisVersion());
    assertEquals("3FOF8", m.callsign());
    assertEquals("EVER DIADEM", m.shipname());
    assertEquals(70, m.shiptype());
    assertEquals(225, m.toBow());
    assertEquals(70, m.toStern());
    assertEquals(1, m.toPort());
    assertEquals(31, m.toStarboard());
    assertEquals(1, m.epfd());
    assertEquals(5, m.etaMonth());
    assertEquals(15, m.etaDay());
    assertEquals(14, m.etaHour());
    assertEquals(0, m.etaMinute());
    assertEquals("05-15T14:00Z", m.eta());
    assertEquals(12.2, m.draught(), EPS);
    assertEquals("NEW YORK", m.destination());
    assertEquals(0, m.dte());
    assertEquals(424, m.bitLength());
  }

  @Test
  public void type5ShortVariantsAreLenient() throws AisException {
    Payload p = Payload.header(5, 0, 2).u(1, 2).u(1234567, 30).text("CALL", 7)
        .text("SHORT SHIP  ", 20).u(30, 8).padTo(420);
    StaticAndVoyageData m = (StaticAndVoyageData) p.decode();
    assertEquals(1234567, m.imo());
    assertEquals("CALL", m.callsign());
    assertEquals("SHORT SHIP", m.shipname());
    assertEquals(30, m.shiptype());
    assertEquals(0, m.dte());
    assertEquals("payload too short for type 5: 419 bits",
        reject(Payload.header(5, 0, 2).padTo(419)));
  }

  @Test
  public void type6WithAtonMonitoringAndRawData() throws AisException {
    BinaryAddressedMessage m =
        (BinaryAddressedMessage) decode("!AIVDM,1,1,,B,6B?n;be:cbapalgc;i6?Ow4,2*4A");
    assertEquals(6, m.type());
    assertEquals(1, m.repeat());
    assertEquals(150834090, m.mmsi());
    assertEquals(3, m.seqno());
    assertEquals(313240222, m.destMmsi());
    assertFalse(m.retransmit());
    assertEquals(669, m.dac());
    assertEquals(11, m.fid());
    assertEquals(48, m.dataBits());
    assertEquals("eb2f118f7ff1", m.dataHex());
    assertNull(m.application());
    BinaryAddressedMessage a =
        (BinaryAddressedMessage) decode("!AIVDM,1,1,4,B,6>jR0600V:C0>da4P106P00,2*02");
    assertEquals(992509976, a.mmsi());
    assertEquals(2500912, a.destMmsi());
    assertEquals(235, a.dac());
    assertEquals(10, a.fid());
    AtonMonitoringData app = (AtonMonitoringData) a.application();
    assertEquals(235, app.dac());
    assertEquals(10, app.fid());
    assertEquals(13.70, app.anaInt(), EPS);
    assertEquals(0.05, app.anaExt1(), EPS);
    assertEquals(0.05, app.anaExt2(), EPS);
    assertEquals(2, app.racon());
    assertEquals(2, app.light());
    assertFalse(app.alarm());
    assertEquals(0, app.statExt());
    assertFalse(app.offPos());
  }

  @Test
  public void type7And13Acknowledgements() throws AisException {
    BinaryAcknowledge one = (BinaryAcknowledge) decode("!AIVDM,1,1,,A,702R5`hwCjq8,0*6B");
    assertEquals(7, one.type());
    assertEquals(2655651, one.mmsi());
    assertEquals(1, one.count());
    assertEquals(265538450, one.mmsi1());
    assertEquals(0, one.seqno(1));
    assertEquals(0, one.mmsi2());
    BinaryAcknowledge two = (BinaryAcknowledge) decode("!AIVDM,1,1,,A,7IiQ4T`UjA9lC;b:M<MWE@,4*01");
    assertEquals(2, two.count());
    assertEquals(158483613, two.mmsi1());
    assertEquals(321823389, two.mmsi2());
    assertEquals(0, two.mmsi3());
    BinaryAcknowledge four = (BinaryAcknowledge) Payload.header(13, 0, 9).u(0, 2)
        .u(1, 30).u(1, 2).u(2, 30).u(2, 2).u(3, 30).u(3, 2).u(4, 30).u(0, 2).decode();
    assertEquals(13, four.type());
    assertEquals(4, four.count());
    assertEquals(3, four.mmsi3());
    assertEquals(4, four.mmsi4());
    assertEquals(2, four.seqno(2));
  }

  @Test
  public void type8MeteoHydroImo236() throws AisException {
    BinaryBroadcastMessage m = (BinaryBroadcastMessage) decode(
        "!AIVDM,1,1,,A,85Mwp`1Kf3aCnsNvBWLi=wQuNhA5t43N`5nCuI=p<IBfVqnMgPGs,0*47");
    assertEquals(8, m.type());
    assertEquals(366999712, m.mmsi());
    assertEquals(366, m.dac());
    assertEquals(56, m.fid());
    assertEquals(256, m.dataBits());
    assertEquals("3a53dbb7be4a773137f87d7b0445f040dea05d93f593783194ae9b9d9dbe05fb", m.dataHex());
    assertNull(m.application());
    BinaryBroadcastMessage w = (BinaryBroadcastMessage) decode(
        "!AIVDO,1,1,4,B,8>jR06@0Bk3:wOli;<`WPhh<1rqVBQf2V@Pdt0J82avIM2b<<Rv1t<ot=@1,2*54");
    assertEquals(992509977, w.mmsi());
    MeteoHydroDataImo236 d = (MeteoHydroDataImo236) w.application();
    assertEquals(1, d.dac());
    assertEquals(11, d.fid());
    assertEquals(53.2949, d.lat(), 1e-4);
    assertEquals(-6.1340, d.lon(), 1e-4);
    assertEquals(18, d.day());
    assertEquals(17, d.hour());
    assertEquals(15, d.minute());
    assertEquals(3, d.wspeed());
    assertEquals(6, d.wgust());
    assertEquals(12, d.wdir());
    assertEquals(15, d.wgustdir());
    assertEquals(50, d.humidity());
    assertEquals(14.2, d.airtemp(), EPS);
    assertEquals(12.3, d.dewpoint(), EPS);
    assertEquals(1024, d.pressure());
    assertEquals(2, d.pressuretend()); // gpsd prints "decreasing": its legend table is swapped
    assertEquals(15.3, d.visibility(), EPS);
    assertEquals(-8.4, d.waterlevel(), EPS);
    assertEquals(1, d.leveltrend());
    assertEquals(10.3, d.cspeed(), EPS);
    assertEquals(256, d.cdir());
    assertEquals(10.4, d.cspeed2(), EPS);
    assertEquals(257, d.cdir2());
    assertEquals(10, d.cdepth2());
    assertEquals(12.6, d.cspeed3(), EPS);
    assertEquals(203, d.cdir3());
    assertEquals(20, d.cdepth3());
    assertEquals(4.2, d.waveheight(), EPS);
    assertEquals(35, d.waveperiod());
    assertEquals(25, d.wavedir());
    assertEquals(2.3, d.swellheight(), EPS);
    assertEquals(48, d.swellperiod());
    assertEquals(124, d.swelldir());
    assertEquals(3, d.seastate());
    assertEquals(12.3, d.watertemp(), EPS);
    assertEquals(6, d.preciptype());
    assertEquals(5.3, d.salinity(), EPS);
    assertEquals(0, d.ice());
  }

  @Test
  public void type8MeteoHydroImo289() throws AisException {
    BinaryBroadcastMessage m = (BinaryBroadcastMessage) decode(
        "!AIVDO,1,1,5,A,8>jR06@0Gwli:QQUP3en?wvlFR06EuOwgwl?wnSwe7wvlOwwsAwwnSGmwvh0,0*51   ");
    assertEquals(992509977, m.mmsi());
    assertEquals(1, m.dac());
    assertEquals(31, m.fid());
    MeteoHydroDataImo289 d = (MeteoHydroDataImo289) m.application();
    assertEquals(53.2949, d.lat(), 1e-4);
    assertEquals(-6.1341, d.lon(), 1e-4);
    assertFalse(d.accuracy());
    assertEquals(29, d.day());
    assertEquals(23, d.hour());
    assertEquals(24, d.minute());
    assertEquals(127, d.wspeed());
    assertEquals(127, d.wgust());
    assertEquals(360, d.wdir());
    assertEquals(360, d.wgustdir());
    assertEquals(101, d.humidity());
    assertEquals(-102.4, d.airtemp(), EPS);
    assertEquals(50.1, d.dewpoint(), EPS);
    assertEquals(1310, d.pressure());
    assertEquals(3, d.pressuretend());
    assertFalse(d.visgreater());
    assertEquals(12.7, d.visibility(), EPS);
    assertEquals(30.01, d.waterlevel(), EPS);
    assertEquals(3, d.leveltrend());
    assertEquals(25.5, d.cspeed(), EPS);
    assertEquals(360, d.cdir());
    assertEquals(25.5, d.cspeed2(), EPS);
    assertEquals(360, d.cdir2());
    assertEquals(31, d.cdepth2());
    assertEquals(25.5, d.cspeed3(), EPS);
    assertEquals(360, d.cdir3());
    assertEquals(31, d.cdepth3());
    assertEquals(25.5, d.waveheight(), EPS);
    assertEquals(63, d.waveperiod());
    assertEquals(360, d.wavedir());
    assertEquals(25.5, d.swellheight(), EPS);
    assertEquals(63, d.swellperiod());
    assertEquals(360, d.swelldir());
    assertEquals(13, d.seastate());
    assertEquals(50.1, d.watertemp(), EPS);
    assertEquals(7, d.preciptype());
    assertEquals(51.0, d.salinity(), EPS);
    assertEquals(3, d.ice());
  }

  @Test
  public void type9SarAircraft() throws AisException {
    SarAircraftPositionReport m =
        (SarAircraftPositionReport) decode("!AIVDM,1,1,,B,91b55wi;hbOS@OdQAC062Ch2089h,0*30");
    assertEquals(9, m.type());
    assertEquals(111232511, m.mmsi());
    assertEquals(303, m.alt());
    assertEquals(42.0, m.speed(), EPS);
    assertFalse(m.accuracy());
    assertEquals(-6.278843, m.lon(), EPS);
    assertEquals(58.144, m.lat(), EPS);
    assertEquals(154.5, m.course(), EPS);
    assertEquals(15, m.second());
    assertEquals(0, m.regional());
    assertEquals(1, m.dte());
    assertFalse(m.assigned());
    assertFalse(m.raim());
    assertEquals(33392, m.radio());
    SarAircraftPositionReport na = (SarAircraftPositionReport) Payload.header(9, 0, 1)
        .u(4095, 12).u(1023, 10).padTo(168).decode();
    assertEquals(-1, na.alt());
    assertTrue(Double.isNaN(na.speed()));
  }

  @Test
  public void type10To16() throws AisException {
    UtcDateInquiry t10 = (UtcDateInquiry) decode("!AIVDM,1,1,,B,:5MlU41GMK6@,0*6C");
    assertEquals(366814480, t10.mmsi());
    assertEquals(366832740, t10.destMmsi());
    SafetyAddressedMessage t12 = (SafetyAddressedMessage) decode(
        "!AIVDM,1,1,,A,<02:oP0kKcv0@<51C5PB5@?BDPD?P:?2?EB7PDB16693P381>>5<PikP,0*37");
    assertEquals(2275200, t12.mmsi());
    assertEquals(0, t12.seqno());
    assertEquals(215724000, t12.destMmsi());
    assertFalse(t12.retransmit());
    assertEquals("PLEASE REPORT TO JOBOURG TRAFFIC CHANNEL 13", t12.text());
    SafetyBroadcastMessage t14 = (SafetyBroadcastMessage) decode("!AIVDM,1,1,,A,>5?Per18=HB1U:1@E=B0m<L,2*51");
    assertEquals(351809000, t14.mmsi());
    assertEquals("RCVD YR TEST MSG", t14.text());
    Interrogation t15 = (Interrogation) decode("!AIVDM,1,1,,A,?5OP=l00052HD00,2*5B");
    assertEquals(368578000, t15.mmsi());
    assertEquals(5158, t15.mmsi1());
    assertEquals(5, t15.type11());
    assertEquals(0, t15.offset11());
    assertEquals(0, t15.mmsi2());
    Interrogation full = (Interrogation) decode("!AIVDM,1,1,,A,?39a?2PjKFFPD01o:Gq1igvp2<3w,0*0B");
    assertEquals(211507560, full.mmsi1());
    assertEquals(55, full.type12());
    assertEquals(663, full.offset12());
    assertEquals(605843451, full.mmsi2());
    assertEquals(32, full.type21());
    assertEquals(560, full.offset21());
    AssignmentModeCommand t16 = (AssignmentModeCommand) decode("!AIVDM,1,1,,A,@01uEO@mMk7P<P00,0*18");
    assertEquals(2053501, t16.mmsi());
    assertEquals(224251000, t16.mmsi1());
    assertEquals(200, t16.offset1());
    assertEquals(0, t16.increment1());
    assertFalse(t16.hasSecond());
    AssignmentModeCommand two = (AssignmentModeCommand) decode("!AIVDM,1,1,,B,@6STUk004lQ206bCKNOBAb6SJ@5s,0*74");
    assertEquals(315920, two.mmsi1());
    assertEquals(2049, two.offset1());
    assertEquals(681, two.increment1());
    assertEquals(230137673, two.mmsi2());
    assertEquals(424, two.offset2());
    assertEquals(419, two.increment2());
  }

  @Test
  public void type17Dgnss() throws AisException {
    DgnssBroadcast m = (DgnssBroadcast) decode(
        "!AIVDM,2,1,5,A,A02VqLPA4I6C07h5Ed1h<OrsuBTTwS?r:C?w`?la<gno1RTRwSP9:BcurA8a,0*3A",
        "!AIVDM,2,2,5,A,:Oko02TSwu8<:Jbb,0*11");
    assertEquals(17, m.type());
    assertEquals(2734450, m.mmsi());
    assertEquals(29.13, m.lon(), EPS);
    assertEquals(59.986667, m.lat(), EPS);
    assertEquals(376, m.dataBits());
    assertEquals("7c0556c07031febbf52924fe33fa2933ffa0fd2932fdb7062922fe3809292afde9122929fcf7002923ffd20c29aaaa",
        m.dataHex());
    assertTrue(m.hasHeader());
    assertEquals(31, m.msgType());
    // RTCM header read by hand from the hex above: 011111 0000000101 0101011011000 000 01110 000
    assertEquals(5, m.stationId());
    assertEquals(2776, m.zCount());
    assertEquals(0, m.seqNum());
    assertEquals(14, m.dataWords());
    assertEquals(0, m.health());
  }

  @Test
  public void type18And19ClassB() throws AisException {
    PositionReportClassB b = (PositionReportClassB) decode("!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C");
    assertEquals(18, b.type());
    assertEquals(338087471, b.mmsi());
    assertEquals(0, b.reserved());
    assertEquals(0.1, b.speed(), EPS);
    assertFalse(b.accuracy());
    assertEquals(-74.072132, b.lon(), EPS);
    assertEquals(40.68454, b.lat(), EPS);
    assertEquals(79.6, b.course(), EPS);
    assertEquals(-1, b.heading());
    assertEquals(49, b.second());
    assertEquals(0, b.regional());
    assertTrue(b.cs());
    assertFalse(b.display());
    assertTrue(b.dsc());
    assertTrue(b.band());
    assertTrue(b.msg22());
    assertFalse(b.assigned());
    assertTrue(b.raim());
    assertEquals(917510, b.radio());
    ExtendedPositionReportClassB e = (ExtendedPositionReportClassB) decode(
        "!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B");
    assertEquals(19, e.type());
    assertEquals(367059850, e.mmsi());
    assertEquals(248, e.reserved());
    assertEquals(8.7, e.speed(), EPS);
    assertEquals(-88.810392, e.lon(), EPS);
    assertEquals(29.543695, e.lat(), EPS);
    assertEquals(335.9, e.course(), EPS);
    assertEquals(-1, e.heading());
    assertEquals(46, e.second());
    assertEquals(4, e.regional());
    assertEquals("CAPT.J.RIMES", e.shipname());
    assertEquals(70, e.shiptype());
    assertEquals(5, e.toBow());
    assertEquals(21, e.toStern());
    assertEquals(4, e.toPort());
    assertEquals(4, e.toStarboard());
    assertEquals(1, e.epfd());
    assertFalse(e.raim());
    assertEquals(0, e.dte());
    assertFalse(e.assigned());
  }

  @Test
  public void type20DataLinkManagement() throws AisException {
    DataLinkManagement m = (DataLinkManagement) decode("!AIVDM,1,1,,A,Dh3OvjB8IN>4,0*1D");
    assertEquals(20, m.type());
    assertEquals(3669705, m.mmsi());
    assertEquals(1, m.count());
    assertEquals(2182, m.offset(1));
    assertEquals(5, m.number(1));
    assertEquals(7, m.timeout(1));
    assertEquals(225, m.increment(1));
    assertEquals(0, m.offset(2));
    DataLinkManagement three = (DataLinkManagement) decode("!AIVDM,1,1,,B,D030p8@2tN?b<`O6DmQO6D0,2*5D");
    assertEquals(3, three.count());
    assertEquals(2250, three.offset(2));
    assertEquals(1125, three.increment(2));
    assertEquals(856, three.offset(3));
    assertEquals(5, three.number(3));
  }

  @Test
  public void type21AidToNavigationWithNameExtension() throws AisException {
    AidToNavigationReport m = (AidToNavigationReport) decode(
        "!AIVDM,2,1,5,B,E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q,0*46",
        "!AIVDM,2,2,5,B,:D44QDlp0C1DU00,2*36");
    assertEquals(21, m.type());
    assertEquals(123456789, m.mmsi());
    assertEquals(20, m.aidType());
    assertEquals("CHINA ROSE MURPHY EXPRESS ALERT", m.name());
    assertFalse(m.accuracy());
    assertEquals(-122.698592, m.lon(), EPS);
    assertEquals(47.920618, m.lat(), EPS);
    assertEquals(5, m.toBow());
    assertEquals(5, m.toStern());
    assertEquals(5, m.toPort());
    assertEquals(5, m.toStarboard());
    assertEquals(1, m.epfd());
    assertEquals(50, m.second());
    assertFalse(m.offPosition());
    assertEquals(165, m.regional());
    assertFalse(m.raim());
    assertFalse(m.virtualAid());
    assertFalse(m.assigned());
    AidToNavigationReport plain = (AidToNavigationReport) decode(
        "!AIVDM,2,1,8,B,E03l90w4Q1h3h1:WdPOwwwwwwwwlQdn`:e55020@@@gP0000000000000000,0*47",
        "!AIVDM,2,2,8,B,00,4*19");
    assertEquals("IBC G BUOY", plain.name());
    assertEquals(30, plain.aidType());
  }

  @Test
  public void type22And23() throws AisException {
    ChannelManagement area = (ChannelManagement) decode("!AIVDM,1,1,,A,F030ot22N2P6aoQbhe4736L20000,0*1A");
    assertEquals(22, area.type());
    assertEquals(3160048, area.mmsi());
    assertEquals(2087, area.channelA());
    assertEquals(2088, area.channelB());
    assertEquals(0, area.txrx());
    assertFalse(area.power());
    assertFalse(area.addressed());
    assertEquals(-73.5, area.neLon(), EPS);
    assertEquals(45.55, area.neLat(), EPS);
    assertEquals(-80.166667, area.swLon(), EPS);
    assertEquals(42.333333, area.swLat(), EPS);
    assertEquals(0, area.dest1());
    assertFalse(area.bandA());
    assertFalse(area.bandB());
    assertEquals(4, area.zonesize());
    ChannelManagement addr = (ChannelManagement) decode("!AIVDM,1,1,,A,F@@W>gOP00PH=JrN9l000?wB2HH;,0*44");
    assertTrue(addr.addressed());
    assertEquals(3584, addr.channelA());
    assertEquals(8, addr.channelB());
    assertEquals(1, addr.txrx());
    assertTrue(addr.power());
    assertEquals(28144881, addr.dest1());
    assertEquals(268435519, addr.dest2());
    assertTrue(Double.isNaN(addr.neLon()));
    GroupAssignmentCommand g = (GroupAssignmentCommand) decode("!AIVDM,1,1,,B,G02:Kn01R`sn@291nj600000900,2*12");
    assertEquals(23, g.type());
    assertEquals(2268120, g.mmsi());
    assertEquals(2.63, g.neLon(), EPS);
    assertEquals(51.07, g.neLat(), EPS);
    assertEquals(1.826667, g.swLon(), EPS);
    assertEquals(50.68, g.swLat(), EPS);
    assertEquals(6, g.stationtype());
    assertEquals(0, g.shiptype());
    assertEquals(0, g.txrx());
    assertEquals(9, g.interval());
    assertEquals(0, g.quiet());
  }

  @Test
  public void type24PartsAAndB() throws AisException {
    StaticDataReport a = (StaticDataReport) decode("!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D");
    assertEquals(24, a.type());
    assertEquals(271041815, a.mmsi());
    assertTrue(a.isPartA());
    assertEquals(0, a.partNumber());
    assertEquals("PROGUY", a.shipname());
    assertNull(a.callsign());
    assertEquals(-1, a.shiptype());
    assertEquals(-1, a.toBow());
    StaticDataReport b = (StaticDataReport) decode("!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40");
    assertTrue(b.isPartB());
    assertNull(b.shipname());
    assertEquals(60, b.shiptype());
    assertEquals("1D00014", b.vendorid());
    assertEquals("1D0", b.manufacturer());
    assertEquals(12, b.model());
    assertEquals(199796, b.serial());
    assertEquals("TC6163", b.callsign());
    assertFalse(b.isAuxiliary());
    assertEquals(0, b.toBow());
    assertEquals(15, b.toStern());
    assertEquals(0, b.toPort());
    assertEquals(5, b.toStarboard());
    assertEquals(-1, b.mothershipMmsi());
  }

  @Test
  public void type24AuxiliaryCraftCarriesMothership() throws AisException {
    StaticDataReport b = (StaticDataReport) Payload.header(24, 0, 981234567).u(1, 2).u(37, 8)
        .text("ABC", 3).u(1, 4).u(42, 20).text("DAUX", 7).u(211234560, 30).padTo(168).decode();
    assertTrue(b.isAuxiliary());
    assertEquals("ABC", b.manufacturer());
    assertEquals(1, b.model());
    assertEquals(42, b.serial());
    assertEquals("DAUX", b.callsign());
    assertEquals(211234560, b.mothershipMmsi());
    assertEquals(-1, b.toBow());
    assertTrue(AisJson.toJson(b).endsWith("\"callsign\":\"DAUX\",\"mothership_mmsi\":211234560}"));
    assertEquals("bad type 24 part number 2",
        reject(Payload.header(24, 0, 1).u(2, 2).padTo(168)));
    assertEquals("payload too short for type 24: 158 bits",
        reject(Payload.header(24, 0, 1).u(0, 2).padTo(158)));
  }

  @Test
  public void type25And26Binary() throws AisException {
    SingleSlotBinaryMessage a = (SingleSlotBinaryMessage) decode("!AIVDM,1,1,,A,I6SWo?8P00a3PKpEKEVj0?vNP<65,0*73");
    assertEquals(25, a.type());
    assertEquals(440006460, a.mmsi());
    assertTrue(a.addressed());
    assertFalse(a.structured());
    assertEquals(134218384, a.destMmsi());
    assertEquals(0, a.appId());
    assertEquals(-1, a.dac());
    assertEquals(98, a.dataBits());
    assertEquals("e06f855b566c803fe7a0306140", a.dataHex());
    SingleSlotBinaryMessage s = (SingleSlotBinaryMessage) decode("!AIVDM,1,1,,A,I8IRGB40QPPa0:<HP::V=gwv0l48,0*0E");
    assertFalse(s.addressed());
    assertTrue(s.structured());
    assertEquals(134, s.appId());
    assertEquals(2, s.dac());
    assertEquals(6, s.fid());
    assertEquals("082900a31880a2a636fffe034108", s.dataHex());
    MultipleSlotBinaryMessage m = (MultipleSlotBinaryMessage) decode(
        "!AIVDM,1,1,,A,JB3R0GO7p>vQL8tjw0b5hqpd0706kh9d3lR2vbl0400,2*40");
    assertEquals(26, m.type());
    assertEquals(137920605, m.mmsi());
    assertTrue(m.addressed());
    assertTrue(m.structured());
    assertEquals(838351848, m.destMmsi());
    assertEquals(23587, m.appId());
    assertEquals(150, m.dataBits());
    assertEquals("ccbf02a170e78b001c01b3c09b03d220beab40", m.dataHex());
    assertEquals(4096, m.radio());
  }

  @Test
  public void type27LongRange() throws AisException {
    LongRangePositionReport m = (LongRangePositionReport) decode("!AIVDM,1,1,,A,KCQ9r=hrFUnH7P00,0*41");
    assertEquals(27, m.type());
    assertEquals(1, m.repeat());
    assertEquals(236091959, m.mmsi());
    assertFalse(m.accuracy());
    assertFalse(m.raim());
    assertEquals(3, m.status());
    assertEquals(-154.201667, m.lon(), EPS);
    assertEquals(87.065, m.lat(), EPS);
    assertEquals(0.0, m.speed(), EPS);
    assertEquals(0.0, m.course(), EPS);
    assertFalse(m.gnss());
    LongRangePositionReport na = (LongRangePositionReport) Payload.header(27, 0, 5).b(true)
        .b(false).u(15, 4).s(181 * 600, 18).s(91 * 600, 17).u(63, 6).u(511, 9).b(true).u(0, 1)
        .decode();
    assertTrue(Double.isNaN(na.lat()));
    assertTrue(Double.isNaN(na.lon()));
    assertTrue(Double.isNaN(na.speed()));
    assertTrue(Double.isNaN(na.course()));
    assertTrue(na.gnss());
    assertTrue(AisJson.toJson(na).endsWith(
        "\"status\":15,\"accuracy\":true,\"lon\":null,\"lat\":null,\"speed\":null,"
            + "\"course\":null,\"raim\":false,\"gnss\":true}"));
  }

  @Test
  public void unknownTypesAreRejected() {
    assertEquals("unknown message type 0", reject(Payload.header(0, 0, 1).padTo(168)));
    for (int t = 28; t <= 63; t++) {
      assertEquals("unknown message type " + t, reject(Payload.header(t, 0, 1).padTo(168)));
    }
    assertEquals("unknown message type 30", reject(Payload.type(30)));
  }

  @Test
  public void truncatedPayloadsAreRejected() {
    assertEquals("payload too short for type 1: 162 bits", reject(Payload.header(1, 0, 1).padTo(162)));
    assertEquals("payload too short for type 18: 120 bits", reject(Payload.header(18, 0, 1).padTo(120)));
    assertEquals("payload too short for type 19: 311 bits", reject(Payload.header(19, 0, 1).padTo(311)));
    assertEquals("payload too short for type 27: 95 bits", reject(Payload.header(27, 0, 1).padTo(95)));
    assertEquals("payload too short for type 1: 6 bits", reject(Payload.type(1)));
    assertEquals("payload too long for type 27: 174 bits", reject(Payload.header(27, 0, 1).padTo(174)));
    assertEquals("payload too short for type 25: 60 bits",
        reject(Payload.header(25, 0, 1).b(true).b(true).padTo(60)));
    assertEquals("payload too long: 1014 bits (an AIS message has at most 1008)", reject(Payload.header(8, 0, 1).padTo(1014)));
  }

  @Test
  public void type1ShortVariantDecodesWithZeroedTail() throws AisException {
    // gpsd sample: the same report sent with 5 fill bits (163 bits) still decodes.
    PositionReportClassA m =
        (PositionReportClassA) decode("!AIVDM,1,1,,A,13aIkM@P00PJ@qPNL=e@0?wJ28JO,5*63");
    assertEquals(163, m.bitLength());
    assertEquals(244740981, m.mmsi());
    assertEquals(53.199235, m.lat(), EPS);
    assertEquals(5.737467, m.lon(), EPS);
    assertTrue(m.raim());
  }

  @Test
  public void decodeFromPayloadStringAndFragmentChecks() throws AisException {
    AisMessage m = AisDecoder.decode("15RTgt0PAso;90TKcjM8h6g208CQ", 0);
    assertEquals(371798000, m.mmsi());
    assertEquals("fill bits out of range: 6",
        assertThrows(AisException.class, () -> AisDecoder.decode("15RTgt0PAso;90TKcjM8h6g208CQ", 6)).reason());
    assertEquals("illegal 6-bit character '!'",
        assertThrows(AisException.class, () -> AisDecoder.decode("15RTgt0PAso;90TKcjM8h6g208C!", 0)).reason());
    assertEquals("empty payload",
        assertThrows(AisException.class, () -> AisDecoder.decode("", 0)).reason());
    NmeaSentence p1 = NmeaSentence.parse(
        "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C");
    NmeaSentence p2 = NmeaSentence.parse("!AIVDM,2,2,1,A,88888888880,2*25");
    assertEquals("fragments out of order",
        assertThrows(AisException.class, () -> AisDecoder.decode(List.of(p2, p1))).reason());
    assertEquals("incomplete multipart message",
        assertThrows(AisException.class, () -> AisDecoder.decode(List.of(p1))).reason());
    assertEquals("no fragments",
        assertThrows(AisException.class, () -> AisDecoder.decode(List.<NmeaSentence>of())).reason());
  }

  @Test
  public void payloadHashIsStableAndContentBased() throws AisException {
    AisMessage a = decode("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
    AisMessage b = decode("!AIVDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0*49");
    AisMessage c = decode("!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42");
    assertEquals(a.payloadHash(), b.payloadHash());
    assertTrue(a.payloadHash() != c.payloadHash());
    // '1','5','R','T' = 000001 000101 100010 100100
    assertEquals("0458a4", b.payloadHex().substring(0, 6));
    assertEquals(42, b.payloadHex().length());
  }
}
