package io.seawatch.ais;

/**
 * gpsd-style JSON for decoded messages: one object per message, gpsd's field names and order, the
 * {@code "class":"AIS"} header (no {@code "device"}), values scaled as in gpsd's scaled output
 * ({@code "scaled":true}): degrees, knots, metres.
 *
 * <p>Differences from gpsd, on purpose:
 *
 * <ul>
 *   <li>"Not available" is {@code null}: lat 91 / lon 181, speed 1023 (type 9: 1023; type 27: 63),
 *       course 3600 (type 27: 511), heading 511, turn -128, altitude 4095.
 *   <li>{@code turn} is signed degrees per minute (gpsd drops the sign); +-127 stay gpsd's
 *       {@code "fastright"}/{@code "fastleft"}.
 *   <li>Numbers are printed without trailing zeros (lat 37.80221, not 37.802210); coordinates of
 *       types 17/22/23/27 are numbers, not strings.
 *   <li>No {@code *_text} legends; type 24 is never merged (each part printed with {@code
 *       "part":"A"} or {@code "B"}); type 26 prints the real communication state; types 7/13/20 print
 *       0 for the acknowledgements/blocks the payload does not carry.
 * </ul>
 */
public final class AisJson {
  private AisJson() {}

  public static String toJson(AisMessage m) {
    StringBuilder sb = new StringBuilder(256);
    appendJson(m, sb);
    return sb.toString();
  }

  public static void appendJson(AisMessage m, StringBuilder out) {
    out.append("{\"class\":\"AIS\"");
    Json j = new Json(out);
    j.num("type", m.type()).num("repeat", m.repeat()).num("mmsi", m.mmsi()).bool("scaled", true);
    m.appendFields(j);
    out.append('}');
  }
}
