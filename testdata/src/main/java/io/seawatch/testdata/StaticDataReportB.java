package io.seawatch.testdata;

/**
 * Type 24 part B: class B static data (168 bits): ship type, vendor id (3 characters, unit model
 * code and serial number as in ITU-R M.1371-5), call sign and dimensions.
 */
public record StaticDataReportB(
    int repeat,
    int mmsi,
    int shipType,
    String vendorId,
    int model,
    int serial,
    String callsign,
    int toBow,
    int toStern,
    int toPort,
    int toStarboard)
    implements AisMessage {

  @Override
  public int type() {
    return 24;
  }

  @Override
  public AisPayload encode() {
    return AisMessage.header(24, repeat, mmsi)
        .unsigned(2, 1)
        .unsigned(8, shipType)
        .text(3, vendorId)
        .unsigned(4, model)
        .unsigned(20, serial)
        .text(7, callsign)
        .unsigned(9, toBow)
        .unsigned(9, toStern)
        .unsigned(6, toPort)
        .unsigned(6, toStarboard)
        .unsigned(6, 0)
        .toPayload();
  }
}
