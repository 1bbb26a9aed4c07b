package io.seawatch.testdata;

/** Type 19: extended class B position report (312 bits, one sentence). */
public record ExtendedPositionReportB(
    int repeat,
    int mmsi,
    int reserved,
    int sog,
    boolean accuracy,
    int lon,
    int lat,
    int cog,
    int heading,
    int second,
    int regional,
    String shipName,
    int shipType,
    int toBow,
    int toStern,
    int toPort,
    int toStarboard,
    int epfd,
    boolean raim,
    boolean dte,
    boolean assigned)
    implements AisMessage {

  @Override
  public int type() {
    return 19;
  }

  @Override
  public AisPayload encode() {
    return AisMessage.header(19, repeat, mmsi)
        .unsigned(8, reserved)
        .unsigned(10, sog)
        .flag(accuracy)
        .signed(28, lon)
        .signed(27, lat)
        .unsigned(12, cog)
        .unsigned(9, heading)
        .unsigned(6, second)
        .unsigned(4, regional)
        .text(20, shipName)
        .unsigned(8, shipType)
        .unsigned(9, toBow)
        .unsigned(9, toStern)
        .unsigned(6, toPort)
        .unsigned(6, toStarboard)
        .unsigned(4, epfd)
        .flag(raim)
        .flag(dte)
        .flag(assigned)
        .unsigned(4, 0)
        .toPayload();
  }
}
