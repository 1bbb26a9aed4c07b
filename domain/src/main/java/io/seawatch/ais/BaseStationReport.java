package io.seawatch.ais;

/** Type 4 (base station report) and type 11 (UTC/date response): same layout. */
public final class BaseStationReport extends AisMessage {
  BaseStationReport(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return bits.u(0, 6);
  }

  /** UTC year 1..9999, 0 = not available. */
  public int year() {
    return bits.u(38, 14);
  }

  /** UTC month 1..12, 0 = not available. */
  public int month() {
    return bits.u(52, 4);
  }

  /** UTC day 1..31, 0 = not available. */
  public int day() {
    return bits.u(56, 5);
  }

  /** UTC hour 0..23, 24 = not available. */
  public int hour() {
    return bits.u(61, 5);
  }

  /** UTC minute 0..59, 60 = not available. */
  public int minute() {
    return bits.u(66, 6);
  }

  /** UTC second 0..59, 60 = not available. */
  public int second() {
    return bits.u(72, 6);
  }

  /**
   * The reported UTC time as epoch millis, -1 unless all of year, month, day, hour, minute and
   * second are available and form a valid date.
   */
  public long epochMillis() {
    int y = year();
    int mo = month();
    int d = day();
    int h = hour();
    int mi = minute();
    int s = second();
    if (y == 0 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) {
      return -1;
    }
    try {
      return java.time.LocalDateTime.of(y, mo, d, h, mi, s)
          .toInstant(java.time.ZoneOffset.UTC)
          .toEpochMilli();
    } catch (java.time.DateTimeException e) {
      return -1;
    }
  }

  public boolean accuracy() {
    return bits.b(78);
  }

  /** Longitude in degrees, NaN when not available. */
  public double lon() {
    return lon4(bits.s(79, 28));
  }

  /** Latitude in degrees, NaN when not available. */
  public double lat() {
    return lat4(bits.s(107, 27));
  }

  /** Type of position fixing device (EPFD) 0..15. */
  public int epfd() {
    return bits.u(134, 4);
  }

  public boolean raim() {
    return bits.b(148);
  }

  public int radio() {
    return bits.u(149, 19);
  }

  /** gpsd's {@code YYYY-MM-DDTHH:MM:SSZ} (fields printed as received, even when invalid). */
  public String timestamp() {
    StringBuilder sb = new StringBuilder(20);
    String y = Integer.toString(year());
    for (int i = y.length(); i < 4; i++) {
      sb.append('0');
    }
    sb.append(y).append('-');
    char[] c = new char[2];
    int[] rest = {month(), day(), hour(), minute(), second()};
    char[] sep = {'-', 'T', ':', ':', 'Z'};
    for (int i = 0; i < rest.length; i++) {
      two(c, 0, rest[i]);
      sb.append(c).append(sep[i]);
    }
    return sb.toString();
  }

  @Override
  void appendFields(Json j) {
    j.str("timestamp", timestamp()).bool("accuracy", accuracy());
    latLon4(j, bits.s(79, 28), bits.s(107, 27));
    j.num("epfd", epfd()).bool("raim", raim()).num("radio", radio());
  }
}
