package io.seawatch.ais;

/** Type 7 (binary acknowledge) and type 13 (safety-related acknowledge): 1 to 4 acknowledgements. */
public final class BinaryAcknowledge extends AisMessage {
  BinaryAcknowledge(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return bits.u(0, 6);
  }

  /** Number of acknowledged stations present (1..4), from the payload length. */
  public int count() {
    return Math.max(1, Math.min(4, (bits.length() - 40 + 2) / 32));
  }

  /** Acknowledged MMSI number {@code i} (1..4), 0 when absent. */
  public int mmsi(int i) {
    return i <= count() ? bits.u(40 + 32 * (i - 1), 30) : 0;
  }

  /** Sequence number of acknowledgement {@code i} (1..4), 0 when absent. */
  public int seqno(int i) {
    return i <= count() ? bits.u(70 + 32 * (i - 1), 2) : 0;
  }

  public int mmsi1() {
    return mmsi(1);
  }

  public int mmsi2() {
    return mmsi(2);
  }

  public int mmsi3() {
    return mmsi(3);
  }

  public int mmsi4() {
    return mmsi(4);
  }

  @Override
  void appendFields(Json j) {
    j.num("mmsi1", mmsi(1)).num("mmsi2", mmsi(2)).num("mmsi3", mmsi(3)).num("mmsi4", mmsi(4));
  }
}
