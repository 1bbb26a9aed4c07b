package io.seawatch.testdata;

/**
 * Type 18: standard class B position report (168 bits). {@code radio} is 20 bits: the
 * communication-state selector flag followed by the 19-bit state (as gpsd reports it).
 */
public record PositionReportB(
    int repeat,
    int mmsi,
    int sog,
    boolean accuracy,
    int lon,
    int lat,
    int cog,
    int heading,
    int second,
    boolean csUnit,
    boolean display,
    boolean dsc,
    boolean band,
    boolean msg22,
    boolean assigned,
    boolean raim,
    int radio)
    implements AisMessage {

  /** Radio field of a carrier-sense (CS) unit: selector 1 (ITDMA) and its fixed default state. */
  public static final int CS_RADIO = 917510;

  @Override
  public int type() {
    return 18;
  }

  @Override
  public AisPayload encode() {
    return AisMessage.header(18, repeat, mmsi)
        .unsigned(8, 0)
        .unsigned(10, sog)
        .flag(accuracy)
        .signed(28, lon)
        .signed(27, lat)
        .unsigned(12, cog)
        .unsigned(9, heading)
        .unsigned(6, second)
        .unsigned(2, 0)
        .flag(csUnit)
        .flag(display)
        .flag(dsc)
        .flag(band)
        .flag(msg22)
        .flag(assigned)
        .flag(raim)
        .unsigned(20, radio)
        .toPayload();
  }
}
