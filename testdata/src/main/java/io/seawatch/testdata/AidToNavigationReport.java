package io.seawatch.testdata;

/**
 * Type 21: aid-to-navigation report (272 bits plus an optional name extension of up to 14
 * characters, padded with spare bits to a byte boundary as ITU-R M.1371 asks).
 */
public record AidToNavigationReport(
    int repeat,
    int mmsi,
    int aidType,
    String name,
    boolean accuracy,
    int lon,
    int lat,
    int toBow,
    int toStern,
    int toPort,
    int toStarboard,
    int epfd,
    int second,
    boolean offPosition,
    int regional,
    boolean raim,
    boolean virtualAid,
    boolean assigned,
    String nameExtension)
    implements AisMessage {

  @Override
  public int type() {
    return 21;
  }

  @Override
  public AisPayload encode() {
    AisBitWriter w = AisMessage.header(21, repeat, mmsi)
        .unsigned(5, aidType)
        .text(20, name)
        .flag(accuracy)
        .signed(28, lon)
        .signed(27, lat)
        .unsigned(9, toBow)
        .unsigned(9, toStern)
        .unsigned(6, toPort)
        .unsigned(6, toStarboard)
        .unsigned(4, epfd)
        .unsigned(6, second)
        .flag(offPosition)
        .unsigned(8, regional)
        .flag(raim)
        .flag(virtualAid)
        .flag(assigned)
        .unsigned(1, 0);
    if (!nameExtension.isEmpty()) {
      w.text(nameExtension.length(), nameExtension).padTo(8);
    }
    return w.toPayload();
  }
}
