package io.seawatch.ais;

/** GLA aid-to-navigation monitoring data (type 6, DAC 235 or 250, FID 10). */
public final class AtonMonitoringData extends BinaryApplication {
  AtonMonitoringData(Bits bits) {
    super(bits);
  }

  @Override
  public int dac() {
    return bits.u(72, 10);
  }

  @Override
  public int fid() {
    return 10;
  }

  /** Internal analogue supply in volts (0.05 V steps). */
  public double anaInt() {
    return bits.u(88, 10) * 0.05;
  }

  public double anaExt1() {
    return bits.u(98, 10) * 0.05;
  }

  public double anaExt2() {
    return bits.u(108, 10) * 0.05;
  }

  /** RACON status: 0 none, 1 not monitored, 2 operational, 3 error. */
  public int racon() {
    return bits.u(118, 2);
  }

  /** Light status: 0 none/not monitored, 1 on, 2 off, 3 error. */
  public int light() {
    return bits.u(120, 2);
  }

  /** Health: true = alarm. */
  public boolean alarm() {
    return bits.b(122);
  }

  /** External digital inputs, 8 bits. */
  public int statExt() {
    return bits.u(123, 8);
  }

  public boolean offPos() {
    return bits.b(131);
  }

  @Override
  void appendFields(Json j) {
    j.bool("off_pos", offPos()).bool("alarm", alarm()).num("stat_ext", statExt());
    j.dec("ana_int", anaInt(), 2).dec("ana_ext1", anaExt1(), 2).dec("ana_ext2", anaExt2(), 2);
    j.num("racon", racon()).num("light", light());
  }
}
