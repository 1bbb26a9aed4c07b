package io.seawatch.ais;

/** Type 16: assigned mode command for one or two stations. */
public final class AssignmentModeCommand extends AisMessage {
  AssignmentModeCommand(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 16;
  }

  public int mmsi1() {
    return bits.u(40, 30);
  }

  public int offset1() {
    return bits.u(70, 12);
  }

  public int increment1() {
    return bits.u(82, 10);
  }

  /** Whether the second station (144-bit form) is present. */
  public boolean hasSecond() {
    return bits.length() >= 144;
  }

  /** Second station MMSI, 0 when absent. */
  public int mmsi2() {
    return hasSecond() ? bits.u(92, 30) : 0;
  }

  public int offset2() {
    return hasSecond() ? bits.u(122, 12) : 0;
  }

  public int increment2() {
    return hasSecond() ? bits.u(134, 10) : 0;
  }

  @Override
  void appendFields(Json j) {
    j.num("mmsi1", mmsi1()).num("offset1", offset1()).num("increment1", increment1());
    j.num("mmsi2", mmsi2()).num("offset2", offset2()).num("increment2", increment2());
  }
}
