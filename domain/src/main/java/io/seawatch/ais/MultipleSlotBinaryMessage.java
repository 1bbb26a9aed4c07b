package io.seawatch.ais;

/** Type 26: multiple slot binary message with communication state (last 20 bits). */
public final class MultipleSlotBinaryMessage extends AisMessage {
  MultipleSlotBinaryMessage(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 26;
  }

  public boolean addressed() {
    return bits.b(38);
  }

  public boolean structured() {
    return bits.b(39);
  }

  public int destMmsi() {
    return addressed() ? bits.u(40, 30) : 0;
  }

  public int appId() {
    return structured() ? bits.u(addressed() ? 70 : 40, 16) : 0;
  }

  public int dac() {
    return structured() ? appId() >>> 6 : -1;
  }

  public int fid() {
    return structured() ? appId() & 63 : -1;
  }

  private int dataStart() {
    return 40 + (addressed() ? 30 : 0) + (structured() ? 16 : 0);
  }

  /** Data bits between the header and the 20-bit communication state. */
  public int dataBits() {
    return bits.length() - 20 - dataStart();
  }

  public String dataHex() {
    return bits.hex(dataStart(), dataBits());
  }

  /** Communication state (the last 20 bits; the ITU layout has a 1-bit selector before it). */
  public int radio() {
    return bits.u(bits.length() - 20, 20);
  }

  @Override
  void appendFields(Json j) {
    j.bool("addressed", addressed()).bool("structured", structured());
    j.num("dest_mmsi", destMmsi()).num("app_id", appId());
    j.str("data", dataBits() + ":" + dataHex()).num("radio", radio());
  }
}
