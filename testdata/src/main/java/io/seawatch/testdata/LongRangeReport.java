package io.seawatch.testdata;

/**
 * Type 27: long-range broadcast for satellite reception (96 bits): position in 1/10 minute, speed
 * in whole knots (63 = n/a), course in whole degrees (511 = n/a); {@code positionLatency} true
 * means the position is more than 5 s old (gpsd calls this bit "gnss").
 */
public record LongRangeReport(
    int repeat,
    int mmsi,
    boolean accuracy,
    boolean raim,
    int navStatus,
    int lon,
    int lat,
    int sog,
    int cog,
    boolean positionLatency)
    implements AisMessage {

  @Override
  public int type() {
    return 27;
  }

  @Override
  public AisPayload encode() {
    return AisMessage.header(27, repeat, mmsi)
        .flag(accuracy)
        .flag(raim)
        .unsigned(4, navStatus)
        .signed(18, lon)
        .signed(17, lat)
        .unsigned(6, sog)
        .unsigned(9, cog)
        .flag(positionLatency)
        .unsigned(1, 0)
        .toPayload();
  }
}
