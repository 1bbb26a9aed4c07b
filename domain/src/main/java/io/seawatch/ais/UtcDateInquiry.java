package io.seawatch.ais;

/** Type 10: UTC/date inquiry. */
public final class UtcDateInquiry extends AisMessage {
  UtcDateInquiry(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 10;
  }

  public int destMmsi() {
    return bits.u(40, 30);
  }

  @Override
  void appendFields(Json j) {
    j.num("dest_mmsi", destMmsi());
  }
}
