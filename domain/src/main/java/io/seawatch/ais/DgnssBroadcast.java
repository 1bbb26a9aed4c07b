package io.seawatch.ais;

/**
 * Type 17: DGNSS broadcast binary message. The correction data follows the RTCM SC-104 v2 layout of
 * ITU-R M.823; its header is exposed, the rest as hex.
 */
public final class DgnssBroadcast extends AisMessage {
  DgnssBroadcast(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 17;
  }

  /** Reference station longitude in degrees (1/10 minute), NaN when not available. */
  public double lon() {
    return lon1(bits.s(40, 18));
  }

  /** Reference station latitude in degrees, NaN when not available. */
  public double lat() {
    return lat1(bits.s(58, 17));
  }

  /** Number of correction data bits (from bit 80). */
  public int dataBits() {
    return bits.length() - 80;
  }

  public String dataHex() {
    return bits.hex(80, dataBits());
  }

  /** Whether the 40-bit RTCM header is present. */
  public boolean hasHeader() {
    return bits.length() >= 120;
  }

  /** RTCM message type (6 bits), -1 without header. */
  public int msgType() {
    return hasHeader() ? bits.u(80, 6) : -1;
  }

  /** Reference station id (10 bits), -1 without header. */
  public int stationId() {
    return hasHeader() ? bits.u(86, 10) : -1;
  }

  /** Modified Z-count, units of 0.6 s (13 bits), -1 without header. */
  public int zCount() {
    return hasHeader() ? bits.u(96, 13) : -1;
  }

  /** Sequence number (3 bits), -1 without header. */
  public int seqNum() {
    return hasHeader() ? bits.u(109, 3) : -1;
  }

  /** Number of data words that follow (5 bits), -1 without header. */
  public int dataWords() {
    return hasHeader() ? bits.u(112, 5) : -1;
  }

  /** Reference station health (3 bits), -1 without header. */
  public int health() {
    return hasHeader() ? bits.u(117, 3) : -1;
  }

  @Override
  void appendFields(Json j) {
    j.dec("lon", lon(), 6).dec("lat", lat(), 6);
    j.str("data", dataBits() + ":" + dataHex());
  }
}
