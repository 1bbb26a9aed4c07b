package io.seawatch.ais;

/** Type 20: data link management (1 to 4 slot reservations; absent ones read 0). */
public final class DataLinkManagement extends AisMessage {
  DataLinkManagement(Bits bits) {
    super(bits);
  }

  @Override
  public int type() {
    return 20;
  }

  /** Number of reservation blocks present (1..4). */
  public int count() {
    return Math.max(1, Math.min(4, (bits.length() - 40) / 30));
  }

  /** Reserved offset number of block {@code i} (1..4). */
  public int offset(int i) {
    return i <= count() ? bits.u(40 + 30 * (i - 1), 12) : 0;
  }

  /** Number of reserved consecutive slots of block {@code i}. */
  public int number(int i) {
    return i <= count() ? bits.u(52 + 30 * (i - 1), 4) : 0;
  }

  /** Time-out in minutes of block {@code i}. */
  public int timeout(int i) {
    return i <= count() ? bits.u(56 + 30 * (i - 1), 3) : 0;
  }

  /** Increment of block {@code i}. */
  public int increment(int i) {
    return i <= count() ? bits.u(59 + 30 * (i - 1), 11) : 0;
  }

  @Override
  void appendFields(Json j) {
    for (int i = 1; i <= 4; i++) {
      j.num("offset" + i, offset(i)).num("number" + i, number(i));
      j.num("timeout" + i, timeout(i)).num("increment" + i, increment(i));
    }
  }
}
