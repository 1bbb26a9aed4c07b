package io.seawatch.testdata;

/** Type 4: base station report (168 bits) with its UTC date and time. */
public record BaseStationReport(
    int repeat,
    int mmsi,
    int year,
    int month,
    int day,
    int hour,
    int minute,
    int second,
    boolean accuracy,
    int lon,
    int lat,
    int epfd,
    boolean raim,
    int radio)
    implements AisMessage {

  @Override
  public int type() {
    return 4;
  }

  @Override
  public AisPayload encode() {
    return AisMessage.header(4, repeat, mmsi)
        .unsigned(14, year)
        .unsigned(4, month)
        .unsigned(5, day)
        .unsigned(5, hour)
        .unsigned(6, minute)
        .unsigned(6, second)
        .flag(accuracy)
        .signed(28, lon)
        .signed(27, lat)
        .unsigned(4, epfd)
        .unsigned(10, 0)
        .flag(raim)
        .unsigned(19, radio)
        .toPayload();
  }
}
