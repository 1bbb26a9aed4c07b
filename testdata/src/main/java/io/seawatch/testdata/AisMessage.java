package io.seawatch.testdata;

/**
 * A message the encoder can write. Implementations are plain records holding the fields in raw ITU
 * units (e.g. longitude in 1/10000 minute), so that published sentences can be reproduced exactly;
 * {@link AisUnits} converts from degrees and knots.
 */
public sealed interface AisMessage
    permits PositionReportA,
        BaseStationReport,
        StaticVoyageData,
        PositionReportB,
        ExtendedPositionReportB,
        AidToNavigationReport,
        StaticDataReportA,
        StaticDataReportB,
        LongRangeReport {

  /** AIS message type (1..27). */
  int type();

  /** Source MMSI. */
  int mmsi();

  /** The armored payload of this message. */
  AisPayload encode();

  /** Writes type, repeat indicator and MMSI: the 38 bits every message starts with. */
  static AisBitWriter header(int type, int repeat, int mmsi) {
    return new AisBitWriter().unsigned(6, type).unsigned(2, repeat).unsigned(30, mmsi);
  }
}
