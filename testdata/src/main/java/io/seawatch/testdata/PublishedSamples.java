package io.seawatch.testdata;

import java.util.List;

/**
 * Published AIVDM sentences with their decoded fields, as test vectors for the encoder here and
 * for any decoder. Sentences and field values are data from the gpsd project's regression tests
 * ({@code test/sample.aivdm}, {@code test/daemon/ais-18-27.log} and their decoded {@code .chk}
 * dumps, BSD-2-Clause, https://gitlab.com/gpsd/gpsd); fields gpsd does not print (spare bits, the
 * type 18 "assigned" flag) were read from the payload bits.
 *
 * <p>Texts are given exactly as transmitted: some transmitters pad with spaces, not '@'.
 */
public final class PublishedSamples {

  /** One published message: where it comes from, its sentences, and its fields. */
  public record Sample(String description, List<String> sentences, AisMessage message) {}

  private PublishedSamples() {}

  /** Type 1, SOTDMA, turning right faster than 5 deg/30 s (ROT -127 = no turn indicator). */
  public static final Sample TYPE1 = new Sample(
      "gpsd sample.aivdm type 1 (Kurt Schwehr)",
      List.of("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A"),
      new PositionReportA(1, 0, 371798000, 0, -127, 123, true, -74037230, 29028980, 2240, 215, 33,
          0, false, 34017));

  /** Type 1 with ROT and heading "not available". */
  public static final Sample TYPE1_NOT_AVAILABLE = new Sample(
      "gpsd sample.aivdm type 1 (Kurt Schwehr), heading 511",
      List.of("!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42"),
      new PositionReportA(1, 0, 440348000, 0, -128, 0, false, -42454920, 25848090, 934, 511, 13,
          0, false, 33274));

  /** Type 2. */
  public static final Sample TYPE2 = new Sample(
      "gpsd sample.aivdm type 2 (Kurt Schwehr)",
      List.of("!AIVDM,1,1,,B,25Cjtd0Oj;Jp7ilG7=UkKBoB0<06,0*60"),
      new PositionReportA(2, 0, 356302000, 0, 127, 139, false, -42975686, 24235415, 877, 91, 41,
          0, false, 49158));

  /** Type 3, moored. */
  public static final Sample TYPE3 = new Sample(
      "gpsd sample.aivdm type 3 (Kurt Schwehr)",
      List.of("!AIVDM,1,1,,A,38Id705000rRVJhE7cl9n;160000,0*40"),
      new PositionReportA(3, 0, 563808000, 5, 0, 0, true, -45796520, 22146000, 2520, 352, 35, 0,
          false, 0));

  /** Type 4 at 2007-05-14T19:57:39Z. */
  public static final Sample TYPE4 = new Sample(
      "gpsd sample.aivdm type 4",
      List.of("!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D"),
      new BaseStationReport(0, 3669702, 2007, 5, 14, 19, 57, 39, true, -45811417, 22130260, 7,
          false, 67039));

  /** Type 5 in two sentences (the AIVDM.adoc example, EVER DIADEM), texts padded with spaces. */
  public static final Sample TYPE5 = new Sample(
      "gpsd sample.aivdm type 5 (EVER DIADEM)",
      List.of(
          "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
          "!AIVDM,2,2,1,A,88888888880,2*25"),
      new StaticVoyageData(0, 351759000, 0, 9134270, "3FOF8  ", "EVER DIADEM         ", 70, 225,
          70, 1, 31, 1, 5, 15, 14, 0, 122, "NEW YORK            ", false));

  /** Type 18, class B CS. */
  public static final Sample TYPE18 = new Sample(
      "gpsd sample.aivdm type 18 (Kurt Schwehr)",
      List.of("!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C"),
      new PositionReportB(0, 338087471, 1, false, -44443279, 24410724, 796, 511, 49, true, false,
          true, true, true, false, true, 917510));

  /** Type 18 from the Mediterranean (positive longitude). */
  public static final Sample TYPE18_EAST = new Sample(
      "gpsd test/daemon/ais-18-27.log type 18",
      List.of("!AIVDM,1,1,,A,B3KLehP0B@LTN6`Vl;rrBE063P06,0*5A"),
      new PositionReportB(0, 230108610, 73, false, 14978829, 36098238, 2980, 298, 0, true, true,
          false, false, false, false, false, 917510));

  /** Type 19. */
  public static final Sample TYPE19 = new Sample(
      "gpsd sample.aivdm type 19 (Mike Greene)",
      List.of("!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B"),
      new ExtendedPositionReportB(0, 367059850, 248, 87, false, -53286235, 17726217, 3359, 511,
          46, 4, "CAPT.J.RIMES", 70, 5, 21, 4, 4, 1, false, false, false));

  /** Type 24 part A. */
  public static final Sample TYPE24A = new Sample(
      "gpsd sample.aivdm type 24 part A (Nirgal)",
      List.of("!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D"),
      new StaticDataReportA(0, 271041815, "PROGUY"));

  /** Type 24 part B. */
  public static final Sample TYPE24B = new Sample(
      "gpsd sample.aivdm type 24 part B (Nirgal)",
      List.of("!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40"),
      new StaticDataReportB(0, 271041815, 60, "1D0", 12, 199796, "TC6163", 0, 15, 0, 5));

  /** Type 27, repeat indicator 1, negative longitude. */
  public static final Sample TYPE27 = new Sample(
      "gpsd sample.aivdm type 27 (Christian Gagneraud via aishub)",
      List.of("!AIVDM,1,1,,A,KCQ9r=hrFUnH7P00,0*41"),
      new LongRangeReport(1, 236091959, false, false, 3, -92521, 52239, 0, 0, false));

  /** Type 27 with position latency set. */
  public static final Sample TYPE27_LATENCY = new Sample(
      "gpsd test/daemon/ais-18-27.log type 27",
      List.of("!AIVDM,1,1,,A,K3KLehP0rPTJ10Qr,0*2A"),
      new LongRangeReport(0, 230108610, false, false, 0, 14978, 36098, 1, 30, true));

  /** All samples, in the order above. */
  public static List<Sample> all() {
    return List.of(TYPE1, TYPE1_NOT_AVAILABLE, TYPE2, TYPE3, TYPE4, TYPE5, TYPE18, TYPE18_EAST,
        TYPE19, TYPE24A, TYPE24B, TYPE27, TYPE27_LATENCY);
  }
}
