package io.seawatch.ais;

/**
 * Meteorological and hydrological data, IMO SN.1/Circ.289 (type 8, DAC 1, FID 31). Accessors give
 * the scaled value; "not available" is the scaled sentinel documented per field (as gpsd prints).
 */
public final class MeteoHydroDataImo289 extends BinaryApplication {
  MeteoHydroDataImo289(Bits bits) {
    super(bits);
  }

  @Override
  public int dac() {
    return 1;
  }

  @Override
  public int fid() {
    return 31;
  }

  /** Longitude in degrees (1/1000 minute), 181 = not available. */
  public double lon() {
    return bits.s(56, 25) / 60000.0;
  }

  /** Latitude in degrees, 91 = not available. */
  public double lat() {
    return bits.s(81, 24) / 60000.0;
  }

  public boolean accuracy() {
    return bits.b(105);
  }

  /** UTC day 1..31, 0 = not available. */
  public int day() {
    return bits.u(106, 5);
  }

  /** UTC hour, 24 = not available. */
  public int hour() {
    return bits.u(111, 5);
  }

  /** UTC minute, 60 = not available. */
  public int minute() {
    return bits.u(116, 6);
  }

  /** Average wind speed in knots, 127 = not available. */
  public int wspeed() {
    return bits.u(122, 7);
  }

  /** Gust speed in knots, 127 = not available. */
  public int wgust() {
    return bits.u(129, 7);
  }

  /** Wind direction in degrees, 360 = not available. */
  public int wdir() {
    return bits.u(136, 9);
  }

  public int wgustdir() {
    return bits.u(145, 9);
  }

  /** Air temperature in degrees C (0.1), -102.4 = not available. */
  public double airtemp() {
    return bits.s(154, 11) / 10.0;
  }

  /** Relative humidity in %, 101 = not available. */
  public int humidity() {
    return bits.u(165, 7);
  }

  /** Dew point in degrees C, 50.1 = not available. */
  public double dewpoint() {
    return bits.s(172, 10) / 10.0;
  }

  /** Air pressure in hPa (raw + 799), 1310 = not available. */
  public int pressure() {
    return bits.u(182, 9) + 799;
  }

  /** 0 steady, 1 decreasing, 2 increasing, 3 not available. */
  public int pressuretend() {
    return bits.u(191, 2);
  }

  /** True when visibility is greater than the value given. */
  public boolean visgreater() {
    return bits.b(193);
  }

  /** Horizontal visibility in nautical miles (0.1), 12.7 = not available. */
  public double visibility() {
    return bits.u(194, 7) / 10.0;
  }

  /** Water level in metres ((raw - 1000) / 100), 30.01 = not available. */
  public double waterlevel() {
    return (bits.u(201, 12) - 1000) / 100.0;
  }

  public int leveltrend() {
    return bits.u(213, 2);
  }

  /** Surface current speed in knots (0.1), 25.5 = not available. */
  public double cspeed() {
    return bits.u(215, 8) / 10.0;
  }

  public int cdir() {
    return bits.u(223, 9);
  }

  public double cspeed2() {
    return bits.u(232, 8) / 10.0;
  }

  public int cdir2() {
    return bits.u(240, 9);
  }

  /** Measurement depth #2 in metres, 31 = not available. */
  public int cdepth2() {
    return bits.u(249, 5);
  }

  public double cspeed3() {
    return bits.u(254, 8) / 10.0;
  }

  public int cdir3() {
    return bits.u(262, 9);
  }

  public int cdepth3() {
    return bits.u(271, 5);
  }

  /** Significant wave height in metres (0.1), 25.5 = not available. */
  public double waveheight() {
    return bits.u(276, 8) / 10.0;
  }

  /** Wave period in seconds, 63 = not available. */
  public int waveperiod() {
    return bits.u(284, 6);
  }

  public int wavedir() {
    return bits.u(290, 9);
  }

  public double swellheight() {
    return bits.u(299, 8) / 10.0;
  }

  public int swellperiod() {
    return bits.u(307, 6);
  }

  public int swelldir() {
    return bits.u(313, 9);
  }

  /** Beaufort sea state 0..12, 13 = not available. */
  public int seastate() {
    return bits.u(322, 4);
  }

  /** Water temperature in degrees C (0.1), 50.1 = not available. */
  public double watertemp() {
    return bits.s(326, 10) / 10.0;
  }

  /** WMO precipitation type 0..6, 7 = not available. */
  public int preciptype() {
    return bits.u(336, 3);
  }

  /** Salinity in per mille (0.1), 51.1 = not available. */
  public double salinity() {
    return bits.u(339, 9) / 10.0;
  }

  /** Ice: 0 no, 1 yes, 3 = not available. */
  public int ice() {
    return bits.u(348, 2);
  }

  @Override
  void appendFields(Json j) {
    j.dec("lat", lat(), 4).dec("lon", lon(), 4).bool("accuracy", accuracy());
    j.str("timestamp", dayTime(day(), hour(), minute()));
    j.num("wspeed", wspeed()).num("wgust", wgust()).num("wdir", wdir());
    j.num("wgustdir", wgustdir()).num("humidity", humidity());
    j.dec("airtemp", airtemp(), 1).dec("dewpoint", dewpoint(), 1).num("pressure", pressure());
    j.str("pressuretend", trend(pressuretend())).bool("visgreater", visgreater());
    j.dec("visibility", visibility(), 1).dec("waterlevel", waterlevel(), 2);
    j.str("leveltrend", trend(leveltrend()));
    j.dec("cspeed", cspeed(), 1).num("cdir", cdir());
    j.dec("cspeed2", cspeed2(), 1).num("cdir2", cdir2()).num("cdepth2", cdepth2());
    j.dec("cspeed3", cspeed3(), 1).num("cdir3", cdir3()).num("cdepth3", cdepth3());
    j.dec("waveheight", waveheight(), 1).num("waveperiod", waveperiod()).num("wavedir", wavedir());
    j.dec("swellheight", swellheight(), 1).num("swellperiod", swellperiod());
    j.num("swelldir", swelldir()).num("seastate", seastate());
    j.dec("watertemp", watertemp(), 1).num("preciptype", preciptype());
    j.dec("salinity", salinity(), 1).num("ice", ice());
  }
}
