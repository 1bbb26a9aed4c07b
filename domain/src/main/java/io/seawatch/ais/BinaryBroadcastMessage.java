package io.seawatch.ais;

/** Type 8: binary broadcast message. */
public final class BinaryBroadcastMessage extends AisMessage {
  BinaryBroadcastMessage(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 8;
  }

  /** Designated area code. */
  public int dac() {
    return bits.u(40, 10);
  }

  /** Function id. */
  public int fid() {
    return bits.u(50, 6);
  }

  /** Number of application payload bits after the DAC/FID. */
  public int dataBits() {
    return bits.length() - 56;
  }

  /** Application payload as left-aligned hex. */
  public String dataHex() {
    return bits.hex(56, dataBits());
  }

  /**
   * The decoded application, or null: DAC 1 FID 31 ({@link MeteoHydroDataImo289}) and DAC 1 FID 11
   * ({@link MeteoHydroDataImo236}), each when the payload is long enough.
   */
  public BinaryApplication application() {
    if (dac() == 1) {
      int fid = fid();
      if (fid == 31 && bits.length() >= 350) {
        return new MeteoHydroDataImo289(bits);
      }
      if (fid == 11 && bits.length() >= 346) {
        return new MeteoHydroDataImo236(bits);
      }
    }
    return null;
  }

  @Override
  void appendFields(Json j) {
    j.num("dac", dac()).num("fid", fid());
    BinaryApplication app = application();
    if (app != null) {
      app.appendFields(j);
    } else {
      j.str("data", dataBits() + ":" + dataHex());
    }
  }
}
