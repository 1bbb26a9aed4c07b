package io.seawatch.ais;

/** Type 25: single slot binary message, addressed or broadcast, structured (app id) or not. */
public final class SingleSlotBinaryMessage extends AisMessage {
  SingleSlotBinaryMessage(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 25;
  }

  public boolean addressed() {
    return bits.b(38);
  }

  /** Structured: the data starts with a 16-bit application id (DAC + FID). */
  public boolean structured() {
    return bits.b(39);
  }

  /** Destination MMSI when addressed, 0 otherwise. */
  public int destMmsi() {
    return addressed() ? bits.u(40, 30) : 0;
  }

  /** Application id (DAC << 6 | FID) when structured, 0 otherwise. */
  public int appId() {
    return structured() ? bits.u(addressed() ? 70 : 40, 16) : 0;
  }

  /** DAC of the application id, -1 when not structured. */
  public int dac() {
    return structured() ? appId() >>> 6 : -1;
  }

  /** FID of the application id, -1 when not structured. */
  public int fid() {
    return structured() ? appId() & 63 : -1;
  }

  private int dataStart() {
    return 40 + (addressed() ? 30 : 0) + (structured() ? 16 : 0);
  }

  public int dataBits() {
    return bits.length() - dataStart();
  }

  public String dataHex() {
    return bits.hex(dataStart(), dataBits());
  }

  @Override
  void appendFields(Json j) {
    j.bool("addressed", addressed()).bool("structured", structured());
    j.num("dest_mmsi", destMmsi()).num("app_id", appId());
    j.str("data", dataBits() + ":" + dataHex());
  }
}
