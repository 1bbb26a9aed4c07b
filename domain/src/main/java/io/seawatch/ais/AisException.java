package io.seawatch.ais;

/**
 * Why an NMEA line or AIS payload was rejected. The reason is short, stable and lower-case (it
 * ends up in dead letters and counters). Built without a stack trace: rejects are ordinary data on
 * the hot path, not bugs.
 */
public final class AisException extends Exception {
  private static final long serialVersionUID = 1L;

  public AisException(String reason) {
    super(reason, null, false, false);
  }

  /** The reject reason, e.g. {@code "bad checksum"}. */
  public String reason() {
    return getMessage();
  }
}
