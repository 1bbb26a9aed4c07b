package io.seawatch.ais;

/** Type 19: extended Class B CS position report (position plus static data). */
public final class ExtendedPositionReportClassB extends AisMessage {
  ExtendedPositionReportClassB(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 19;
  }

  public int reserved() {
    return bits.u(38, 8);
  }

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

  public double course() {
    return course10(bits.u(112, 12));
  }

  public int heading() {
    return heading(bits.u(124, 9));
  }

  public int second() {
    return bits.u(133, 6);
  }

  public int regional() {
    return bits.u(139, 4);
  }

  public String shipname() {
    return bits.text(143, 120);
  }

  public int shiptype() {
    return bits.u(263, 8);
  }

  public int toBow() {
    return bits.u(271, 9);
  }

  public int toStern() {
    return bits.u(280, 9);
  }

  public int toPort() {
    return bits.u(289, 6);
  }

  public int toStarboard() {
    return bits.u(295, 6);
  }

  public int epfd() {
    return bits.u(301, 4);
  }

  public boolean raim() {
    return bits.b(305);
  }

  public int dte() {
    return bits.u(306, 1);
  }

  public boolean assigned() {
    return bits.b(307);
  }

  @Override
  void appendFields(Json j) {
    j.num("reserved", reserved());
    speed10(j, "speed", bits.u(46, 10));
    j.bool("accuracy", accuracy());
    latLon4(j, bits.s(57, 28), bits.s(85, 27));
    course10(j, "course", bits.u(112, 12));
    heading(j, bits.u(124, 9));
    j.num("second", second()).num("regional", regional()).str("shipname", shipname());
    j.num("shiptype", shiptype()).num("to_bow", toBow()).num("to_stern", toStern());
    j.num("to_port", toPort()).num("to_starboard", toStarboard()).num("epfd", epfd());
    j.bool("raim", raim()).num("dte", dte()).bool("assigned", assigned());
  }
}
