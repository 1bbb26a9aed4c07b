package io.seawatch.testdata;

/**
 * Types 1, 2, 3: class A position report (168 bits). Raw ITU units: {@code sog} 1/10 kn,
 * {@code lon}/{@code lat} 1/10000 min, {@code cog} 1/10 deg, {@code rot} the ITU sqrt-law value;
 * {@code radio} the 19-bit communication state.
 */
public record PositionReportA(
    int type,
    int repeat,
    int mmsi,
    int navStatus,
    int rot,
    int sog,
    boolean accuracy,
    int lon,
    int lat,
    int cog,
    int heading,
    int second,
    int maneuver,
    boolean raim,
    int radio)
    implements AisMessage {

  public PositionReportA {
    if (type < 1 || type > 3) {
      throw new IllegalArgumentException("class A position report type is 1, 2 or 3: " + type);
    }
  }

  @Override
  public AisPayload encode() {
    return AisMessage.header(type, repeat, mmsi)
        .unsigned(4, navStatus)
        .signed(8, rot)
        .unsigned(10, sog)
        .flag(accuracy)
        .signed(28, lon)
        .signed(27, lat)
        .unsigned(12, cog)
        .unsigned(9, heading)
        .unsigned(6, second)
        .unsigned(2, maneuver)
        .unsigned(3, 0)
        .flag(raim)
        .unsigned(19, radio)
        .toPayload();
  }
}
