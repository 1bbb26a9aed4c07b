package io.seawatch.ais;

/** Type 21: aid-to-navigation report, name extension included. */
public final class AidToNavigationReport extends AisMessage {
  AidToNavigationReport(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 21;
  }

  /** Aid type 0..31 (0 = not specified). */
  public int aidType() {
    return bits.u(38, 5);
  }

  /** Name: the 20-character field, continued by the name extension (bits 272..) when full. */
  public String name() {
    String base = bits.rawText(43, 20);
    int at = base.indexOf('@');
    String name = at >= 0 ? base.substring(0, at) : base;
    if (at < 0 && bits.length() > 272) {
      name = name + bits.textToEnd(272);
    }
    int end = name.length();
    while (end > 0 && name.charAt(end - 1) == ' ') {
      end--;
    }
    return name.substring(0, end);
  }

  public boolean accuracy() {
    return bits.b(163);
  }

  public double lon() {
    return lon4(bits.s(164, 28));
  }

  public double lat() {
    return lat4(bits.s(192, 27));
  }

  public int toBow() {
    return bits.u(219, 9);
  }

  public int toStern() {
    return bits.u(228, 9);
  }

  public int toPort() {
    return bits.u(237, 6);
  }

  public int toStarboard() {
    return bits.u(243, 6);
  }

  public int epfd() {
    return bits.u(249, 4);
  }

  public int second() {
    return bits.u(253, 6);
  }

  public boolean offPosition() {
    return bits.b(259);
  }

  public int regional() {
    return bits.u(260, 8);
  }

  public boolean raim() {
    return bits.b(268);
  }

  public boolean virtualAid() {
    return bits.b(269);
  }

  public boolean assigned() {
    return bits.b(270);
  }

  @Override
  void appendFields(Json j) {
    j.num("aid_type", aidType()).str("name", name());
    latLon4(j, bits.s(164, 28), bits.s(192, 27));
    j.bool("accuracy", accuracy()).num("to_bow", toBow()).num("to_stern", toStern());
    j.num("to_port", toPort()).num("to_starboard", toStarboard()).num("epfd", epfd());
    j.num("second", second()).num("regional", regional()).bool("off_position", offPosition());
    j.bool("raim", raim()).bool("virtual_aid", virtualAid()).bool("assigned", assigned());
  }
}
