package io.seawatch.ais;

/** Type 22: channel management, for a geographic area or addressed to two stations. */
public final class ChannelManagement extends AisMessage {
  ChannelManagement(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 22;
  }

  public int channelA() {
    return bits.u(40, 12);
  }

  public int channelB() {
    return bits.u(52, 12);
  }

  public int txrx() {
    return bits.u(64, 4);
  }

  /** Low power (true) or high power. */
  public boolean power() {
    return bits.b(68);
  }

  /** Addressed form (dest1/dest2) rather than area form. */
  public boolean addressed() {
    return bits.b(139);
  }

  /** North-east corner longitude in degrees (area form), NaN when addressed or not available. */
  public double neLon() {
    return addressed() ? Double.NaN : lon1(bits.s(69, 18));
  }

  public double neLat() {
    return addressed() ? Double.NaN : lat1(bits.s(87, 17));
  }

  public double swLon() {
    return addressed() ? Double.NaN : lon1(bits.s(104, 18));
  }

  public double swLat() {
    return addressed() ? Double.NaN : lat1(bits.s(122, 17));
  }

  /** First addressed station (addressed form), 0 otherwise. */
  public int dest1() {
    return addressed() ? bits.u(69, 30) : 0;
  }

  public int dest2() {
    return addressed() ? bits.u(104, 30) : 0;
  }

  public boolean bandA() {
    return bits.b(140);
  }

  public boolean bandB() {
    return bits.b(141);
  }

  public int zonesize() {
    return bits.u(142, 3);
  }

  @Override
  void appendFields(Json j) {
    j.num("channel_a", channelA()).num("channel_b", channelB()).num("txrx", txrx());
    j.bool("power", power());
    if (addressed()) {
      j.num("dest1", dest1()).num("dest2", dest2());
    } else {
      j.dec("ne_lon", neLon(), 6).dec("ne_lat", neLat(), 6);
      j.dec("sw_lon", swLon(), 6).dec("sw_lat", swLat(), 6);
    }
    j.bool("addressed", addressed()).bool("band_a", bandA()).bool("band_b", bandB());
    j.num("zonesize", zonesize());
  }
}
