package io.seawatch.ais;

/** Type 12: addressed safety-related message (free text). */
public final class SafetyAddressedMessage extends AisMessage {
  SafetyAddressedMessage(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 12;
  }

  public int seqno() {
    return bits.u(38, 2);
  }

  public int destMmsi() {
    return bits.u(40, 30);
  }

  public boolean retransmit() {
    return bits.b(70);
  }

  /** Text, up to 156 characters. */
  public String text() {
    return bits.textToEnd(72);
  }

  @Override
  void appendFields(Json j) {
    j.num("seqno", seqno()).num("dest_mmsi", destMmsi()).bool("retransmit", retransmit());
    j.str("text", text());
  }
}
