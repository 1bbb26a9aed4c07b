package io.seawatch.ais;

/** Type 6: addressed binary message. */
public final class BinaryAddressedMessage extends AisMessage {
  BinaryAddressedMessage(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 6;
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

  /** Designated area code. */
  public int dac() {
    return bits.u(72, 10);
  }

  /** Function id. */
  public int fid() {
    return bits.u(82, 6);
  }

  /** Number of application payload bits after the DAC/FID. */
  public int dataBits() {
    return bits.length() - 88;
  }

  /** Application payload as left-aligned hex. */
  public String dataHex() {
    return bits.hex(88, dataBits());
  }

  /** The decoded application (DAC 235/250 FID 10 AtoN monitoring), or null. */
  public BinaryApplication application() {
    int dac = dac();
    if ((dac == 235 || dac == 250) && fid() == 10 && bits.length() >= 136) {
      return new AtonMonitoringData(bits);
    }
    return null;
  }

  @Override
  void appendFields(Json j) {
    j.num("seqno", seqno()).num("dest_mmsi", destMmsi()).bool("retransmit", retransmit());
    j.num("dac", dac()).num("fid", fid());
    BinaryApplication app = application();
    if (app != null) {
      app.appendFields(j);
    } else {
      j.str("data", dataBits() + ":" + dataHex());
    }
  }
}
