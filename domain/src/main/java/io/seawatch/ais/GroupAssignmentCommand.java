package io.seawatch.ais;

/** Type 23: group assignment command for the stations in an area. */
public final class GroupAssignmentCommand extends AisMessage {
  GroupAssignmentCommand(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 23;
  }

  public double neLon() {
    return lon1(bits.s(40, 18));
  }

  public double neLat() {
    return lat1(bits.s(58, 17));
  }

  public double swLon() {
    return lon1(bits.s(75, 18));
  }

  public double swLat() {
    return lat1(bits.s(93, 17));
  }

  public int stationtype() {
    return bits.u(110, 4);
  }

  public int shiptype() {
    return bits.u(114, 8);
  }

  public int txrx() {
    return bits.u(144, 2);
  }

  /** Reporting interval code 0..15. */
  public int interval() {
    return bits.u(146, 4);
  }

  /** Quiet time in minutes, 0 = none. */
  public int quiet() {
    return bits.u(150, 4);
  }

  @Override
  void appendFields(Json j) {
    j.dec("ne_lon", neLon(), 6).dec("ne_lat", neLat(), 6);
    j.dec("sw_lon", swLon(), 6).dec("sw_lat", swLat(), 6);
    j.num("stationtype", stationtype()).num("shiptype", shiptype()).num("txrx", txrx());
    j.num("interval", interval()).num("quiet", quiet());
  }
}
