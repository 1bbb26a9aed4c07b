package io.seawatch.ais;

/** Type 5: static and voyage related data (two sentences; 420..424 bits accepted, as gpsd). */
public final class StaticAndVoyageData extends AisMessage {
  StaticAndVoyageData(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 5;
  }

  public int aisVersion() {
    return bits.u(38, 2);
  }

  /** IMO number, 0 = not available. */
  public int imo() {
    return bits.u(40, 30);
  }

  public String callsign() {
    return bits.text(70, 42);
  }

  public String shipname() {
    return bits.text(112, 120);
  }

  /** Ship and cargo type 0..255 (0 = not available). */
  public int shiptype() {
    return bits.u(232, 8);
  }

  /** Dimension to bow in metres (511 = 511 m or more), 0 = not available. */
  public int toBow() {
    return bits.u(240, 9);
  }

  public int toStern() {
    return bits.u(249, 9);
  }

  public int toPort() {
    return bits.u(258, 6);
  }

  public int toStarboard() {
    return bits.u(264, 6);
  }

  public int epfd() {
    return bits.u(270, 4);
  }

  /** ETA month 1..12, 0 = not available. */
  public int etaMonth() {
    return bits.u(274, 4);
  }

  /** ETA day 1..31, 0 = not available. */
  public int etaDay() {
    return bits.u(278, 5);
  }

  /** ETA hour 0..23, 24 = not available. */
  public int etaHour() {
    return bits.u(283, 5);
  }

  /** ETA minute 0..59, 60 = not available. */
  public int etaMinute() {
    return bits.u(288, 6);
  }

  /** ETA as gpsd prints it: {@code MM-DDTHH:MMZ}. */
  public String eta() {
    return eta(etaMonth(), etaDay(), etaHour(), etaMinute());
  }

  /** Draught in metres (1/10 m resolution), 0 = not available. */
  public double draught() {
    return bits.u(294, 8) / 10.0;
  }

  public String destination() {
    return bits.text(302, 120);
  }

  /** Data terminal ready: 0 = available, 1 = not available. */
  public int dte() {
    return bits.u(422, 1);
  }

  @Override
  void appendFields(Json j) {
    j.num("imo", imo()).num("ais_version", aisVersion()).str("callsign", callsign());
    j.str("shipname", shipname()).num("shiptype", shiptype());
    j.num("to_bow", toBow()).num("to_stern", toStern()).num("to_port", toPort());
    j.num("to_starboard", toStarboard()).num("epfd", epfd()).str("eta", eta());
    j.tenths("draught", bits.u(294, 8)).str("destination", destination()).num("dte", dte());
  }
}
