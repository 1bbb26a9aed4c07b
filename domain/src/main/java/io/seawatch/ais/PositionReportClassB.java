package io.seawatch.ais;

/** Type 18: standard Class B CS position report. */
public final class PositionReportClassB extends AisMessage {
  PositionReportClassB(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 18;
  }

  /** Regional reserved (8 bits). */
  public int reserved() {
    return bits.u(38, 8);
  }

  /** Speed over ground in knots, NaN when not available. */
  public double speed() {
    return speed10(bits.u(46, 10));
  }

  public boolean accuracy() {
    return bits.b(56);
  }

  public double lon() {
    return lon4(bits.s(57, 28));
  }

  public double lat() {
    return lat4(bits.s(85, 27));
  }

  /** Course over ground in degrees, NaN when not available. */
  public double course() {
    return course10(bits.u(112, 12));
  }

  /** True heading, -1 when not available. */
  public int heading() {
    return heading(bits.u(124, 9));
  }

  public int second() {
    return bits.u(133, 6);
  }

  public int regional() {
    return bits.u(139, 2);
  }

  /** Carrier-sense unit (true) or SOTDMA unit (false). */
  public boolean cs() {
    return bits.b(141);
  }

  public boolean display() {
    return bits.b(142);
  }

  public boolean dsc() {
    return bits.b(143);
  }

  public boolean band() {
    return bits.b(144);
  }

  public boolean msg22() {
    return bits.b(145);
  }

  public boolean assigned() {
    return bits.b(146);
  }

  public boolean raim() {
    return bits.b(147);
  }

  public int radio() {
    return bits.u(148, 20);
  }

  @Override
  void appendFields(Json j) {
    j.num("reserved", reserved());
    speed10(j, "speed", bits.u(46, 10));
    j.bool("accuracy", accuracy());
    latLon4(j, bits.s(57, 28), bits.s(85, 27));
    course10(j, "course", bits.u(112, 12));
    heading(j, bits.u(124, 9));
    j.num("second", second()).num("regional", regional()).bool("cs", cs());
    j.bool("display", display()).bool("dsc", dsc()).bool("band", band()).bool("msg22", msg22());
    j.bool("assigned", assigned()).bool("raim", raim()).num("radio", radio());
  }
}
