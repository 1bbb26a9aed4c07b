package io.seawatch.ais;

/**
 * A decoded application payload of a binary message (type 6 or 8), identified by its designated
 * area code (DAC) and function id (FID). Offsets of the subclasses are absolute bit positions in the
 * carrying message.
 */
public abstract class BinaryApplication {
  final Bits bits;

  BinaryApplication(Bits bits) {
    this.bits = bits;
  }

  public abstract int dac();

  public abstract int fid();

  /** Writes the application's fields (gpsd names), replacing the raw "data" field. */
  abstract void appendFields(Json json);

  /** Pressure/level trend text as gpsd prints it. */
  static String trend(int raw) {
    switch (raw) {
      case 0:
        return "steady";
      case 1:
        return "decreasing";
      case 2:
        return "increasing";
      default:
        return "N/A";
    }
  }

  /** gpsd's {@code DDTHH:MMZ}. */
  static String dayTime(int day, int hour, int minute) {
    char[] c = new char[9];
    AisMessage.two(c, 0, day);
    c[2] = 'T';
    AisMessage.two(c, 3, hour);
    c[5] = ':';
    AisMessage.two(c, 6, minute);
    c[8] = 'Z';
    return new String(c);
  }
}
