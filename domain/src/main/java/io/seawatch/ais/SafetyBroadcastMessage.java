package io.seawatch.ais;

/** Type 14: safety-related broadcast message (free text). */
public final class SafetyBroadcastMessage extends AisMessage {
  SafetyBroadcastMessage(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 14;
  }

  /** Text, up to 161 characters. */
  public String text() {
    return bits.textToEnd(40);
  }

  @Override
  void appendFields(Json j) {
    j.str("text", text());
  }
}
