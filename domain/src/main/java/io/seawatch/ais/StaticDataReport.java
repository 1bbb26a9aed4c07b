package io.seawatch.ais;

/**
 * Type 24: static data report, part A (name) or part B (type, vendor, call sign, dimensions or
 * mothership). Accessors of the other part return null / -1.
 */
public final class StaticDataReport extends AisMessage {
  StaticDataReport(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 24;
  }

  /** Part number: 0 = A, 1 = B. */
  public int partNumber() {
    return bits.u(38, 2);
  }

  public boolean isPartA() {
    return partNumber() == 0;
  }

  public boolean isPartB() {
    return partNumber() == 1;
  }

  /** Vessel name (part A), null for part B. */
  public String shipname() {
    return isPartA() ? bits.text(40, 120) : null;
  }

  /** Ship and cargo type (part B), -1 for part A. */
  public int shiptype() {
    return isPartB() ? bits.u(40, 8) : -1;
  }

  /** Vendor id as gpsd prints it: 7 characters (ITU-R M.1371-3 layout), null for part A. */
  public String vendorid() {
    return isPartB() ? bits.text(48, 42) : null;
  }

  /** Manufacturer id, 3 characters (ITU-R M.1371-4 layout), null for part A. */
  public String manufacturer() {
    return isPartB() ? bits.text(48, 18) : null;
  }

  /** Unit model code (M.1371-4), -1 for part A. */
  public int model() {
    return isPartB() ? bits.u(66, 4) : -1;
  }

  /** Unit serial number (M.1371-4), -1 for part A. */
  public int serial() {
    return isPartB() ? bits.u(70, 20) : -1;
  }

  /** Call sign (part B), null for part A. */
  public String callsign() {
    return isPartB() ? bits.text(90, 42) : null;
  }

  /** True when the MMSI is of an auxiliary craft (98XXXYYYY): part B carries a mothership MMSI. */
  public boolean isAuxiliary() {
    return mmsi() / 10_000_000 == 98;
  }

  /** Dimension to bow in metres (part B, not auxiliary), -1 otherwise. */
  public int toBow() {
    return isPartB() && !isAuxiliary() ? bits.u(132, 9) : -1;
  }

  public int toStern() {
    return isPartB() && !isAuxiliary() ? bits.u(141, 9) : -1;
  }

  public int toPort() {
    return isPartB() && !isAuxiliary() ? bits.u(150, 6) : -1;
  }

  public int toStarboard() {
    return isPartB() && !isAuxiliary() ? bits.u(156, 6) : -1;
  }

  /** Mothership MMSI (part B of an auxiliary craft), -1 otherwise. */
  public int mothershipMmsi() {
    return isPartB() && isAuxiliary() ? bits.u(132, 30) : -1;
  }

  @Override
  void appendFields(Json j) {
    if (isPartA()) {
      j.str("part", "A").str("shipname", shipname());
      return;
    }
    j.str("part", "B").num("shiptype", shiptype()).str("vendorid", vendorid());
    j.num("model", model()).num("serial", serial()).str("callsign", callsign());
    if (isAuxiliary()) {
      j.num("mothership_mmsi", mothershipMmsi());
    } else {
      j.num("to_bow", toBow()).num("to_stern", toStern()).num("to_port", toPort());
      j.num("to_starboard", toStarboard());
    }
  }
}
