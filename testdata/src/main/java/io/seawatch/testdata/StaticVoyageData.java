package io.seawatch.testdata;

/**
 * Type 5: static and voyage related data (424 bits, two sentences). Texts are sent as given and
 * padded with '@'; {@code draught} is in 1/10 m; {@code dte} true means "not ready".
 */
public record StaticVoyageData(
    int repeat,
    int mmsi,
    int aisVersion,
    int imo,
    String callsign,
    String shipName,
    int shipType,
    int toBow,
    int toStern,
    int toPort,
    int toStarboard,
    int epfd,
    int etaMonth,
    int etaDay,
    int etaHour,
    int etaMinute,
    int draught,
    String destination,
    boolean dte)
    implements AisMessage {

  @Override
  public int type() {
    return 5;
  }

  @Override
  public AisPayload encode() {
    return AisMessage.header(5, repeat, mmsi)
        .unsigned(2, aisVersion)
        .unsigned(30, imo)
        .text(7, callsign)
        .text(20, shipName)
        .unsigned(8, shipType)
        .unsigned(9, toBow)
        .unsigned(9, toStern)
        .unsigned(6, toPort)
        .unsigned(6, toStarboard)
        .unsigned(4, epfd)
        .unsigned(4, etaMonth)
        .unsigned(5, etaDay)
        .unsigned(5, etaHour)
        .unsigned(6, etaMinute)
        .unsigned(8, draught)
        .text(20, destination)
        .flag(dte)
        .unsigned(1, 0)
        .toPayload();
  }
}
