package io.seawatch.testdata;

/** Type 24 part A: class B static data, the name (160 bits). */
public record StaticDataReportA(int repeat, int mmsi, String shipName) implements AisMessage {

  @Override
  public int type() {
    return 24;
  }

  @Override
  public AisPayload encode() {
    return AisMessage.header(24, repeat, mmsi).unsigned(2, 0).text(20, shipName).toPayload();
  }
}
