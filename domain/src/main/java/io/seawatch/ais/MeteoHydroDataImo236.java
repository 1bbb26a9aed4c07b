package io.seawatch.ais;

/**
 * Meteorological and hydrological data, IMO SN/Circ.236 (type 8, DAC 1, FID 11; superseded by
 * FID 31 but still on the air). Accessors give the scaled value; "not available" is the scaled
 * sentinel documented per field (as gpsd prints).
 */
public final class MeteoHydroDataImo236 extends BinaryApplication {
  MeteoHydroDataImo236(Bits bits) {
    super(bits);
  }

  @Override
  public int dac() {
    return 1;
  }

  @Override
  public int fid() {
    return 11;
  }

  /** Latitude in degrees (1/1000 minute). */
  public double lat() {
    return bits.s(56, 24) / 60000.0;
  }

  /** Longitude in degrees (1/1000 minute). */
  public double lon() {
    return bits.s(80, 25) / 60000.0;
  }

  public int day() {
    return bits.u(105, 5);
  }

  public int hour() {
    return bits.u(110, 5);
  }

  public int minute() {
    return bits.u(115, 6);
  }

  /** Average wind speed in knots, 127 = not available. */
  public int wspeed() {
    return bits.u(121, 7);
  }

  public int wgust() {
    return bits.u(128, 7);
  }

  /** Wind direction in degrees, 511 = not available. */
  public int wdir() {
    return bits.u(135, 9);
  }

  public int wgustdir() {
    return bits.u(144, 9);
  }

  /** Air temperature in degrees C ((raw - 600) / 10), 144.7 = not available. */
  public double airtemp() {
    return (bits.u(153, 11) - 600) / 10.0;
  }

  /** Relative humidity in %, 127 = not available. */
  public int humidity() {
    return bits.u(164, 7);
  }

  /** Dew point in degrees C ((raw - 200) / 10), 82.3 = not available. */
  public double dewpoint() {
    return (bits.u(171, 10) - 200) / 10.0;
  }

  /** Air pressure in hPa (raw + 800), 1311 = not available. */
  public int pressure() {
    return bits.u(181, 9) + 800;
  }

  public int pressuretend() {
    return bits.u(190, 2);
  }

  /** Visibility in nautical miles (0.1), 25.5 = not available. */
  public double visibility() {
    return bits.u(192, 8) / 10.0;
  }

  /** Water level in metres ((raw - 100) / 10), 41.1 = not available. */
  public double waterlevel() {
    return (bits.u(200, 9) - 100) / 10.0;
  }

  public int leveltrend() {
    return bits.u(209, 2);
  }

  public double cspeed() {
    return bits.u(211, 8) / 10.0;
  }

  public int cdir() {
    return bits.u(219, 9);
  }

  public double cspeed2() {
    return bits.u(228, 8) / 10.0;
  }

  public int cdir2() {
    return bits.u(236, 9);
  }

  public int cdepth2() {
    return bits.u(245, 5);
  }

  public double cspeed3() {
    return bits.u(250, 8) / 10.0;
  }

  public int cdir3() {
    return bits.u(258, 9);
  }

  public int cdepth3() {
    return bits.u(267, 5);
  }

  public double waveheight() {
    return bits.u(272, 8) / 10.0;
  }

  public int waveperiod() {
    return bits.u(280, 6);
  }

  public int wavedir() {
    return bits.u(286, 9);
  }

  public double swellheight() {
    return bits.u(295, 8) / 10.0;
  }

  public int swellperiod() {
    return bits.u(303, 6);
  }

  public int swelldir() {
    return bits.u(309, 9);
  }

  public int seastate() {
    return bits.u(318, 4);
  }

  /** Water temperature in degrees C ((raw - 100) / 10), 92.3 = not available. */
  public double watertemp() {
    return (bits.u(322, 10) - 100) / 10.0;
  }

  public int preciptype() {
    return bits.u(332, 3);
  }

  public double salinity() {
    return bits.u(335, 9) / 10.0;
  }

  /** Ice: 0 no, 1 yes, 3 = not available. */
  public int ice() {
    return bits.u(344, 2);
  }

  @Override
  void appendFields(Json j) {
    j.dec("lat", lat(), 4).dec("lon", lon(), 4);
    j.str("timestamp", dayTime(day(), hour(), minute()));
    j.num("wspeed", wspeed()).num("wgust", wgust()).num("wdir", wdir());
    j.num("wgustdir", wgustdir()).num("humidity", humidity());
    j.dec("airtemp", airtemp(), 1).dec("dewpoint", dewpoint(), 1).num("pressure", pressure());
    j.str("pressuretend", trend(pressuretend()));
    j.dec("visibility", visibility(), 1).dec("waterlevel", waterlevel(), 1);
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
