package io.seawatch.ais;

/**
 * Type 15: interrogation of one or two stations for up to three message types. Fields beyond the
 * payload length read 0.
 */
public final class Interrogation extends AisMessage {
  Interrogation(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 15;
  }

  /** First interrogated MMSI. */
  public int mmsi1() {
    return bits.u(40, 30);
  }

  /** First message type requested from mmsi1. */
  public int type11() {
    return bits.u(70, 6);
  }

  public int offset11() {
    return bits.u(76, 12);
  }

  /** Second message type requested from mmsi1, 0 when absent. */
  public int type12() {
    return bits.length() > 90 ? bits.u(90, 6) : 0;
  }

  public int offset12() {
    return bits.length() > 90 ? bits.u(96, 12) : 0;
  }

  /** Second interrogated MMSI, 0 when absent. */
  public int mmsi2() {
    return bits.length() > 110 ? bits.u(110, 30) : 0;
  }

  public int type21() {
    return bits.length() > 110 ? bits.u(140, 6) : 0;
  }

  public int offset21() {
    return bits.length() > 110 ? bits.u(146, 12) : 0;
  }

  @Override
  void appendFields(Json j) {
    j.num("mmsi1", mmsi1()).num("type1_1", type11()).num("offset1_1", offset11());
    j.num("type1_2", type12()).num("offset1_2", offset12());
    j.num("mmsi2", mmsi2()).num("type2_1", type21()).num("offset2_1", offset21());
  }
}
