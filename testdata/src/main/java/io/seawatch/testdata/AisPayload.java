package io.seawatch.testdata;

import java.util.Objects;

/**
 * An armored AIS payload: the 6-bit characters of the {@code !AIVDM} payload field and the number of
 * fill bits (0..5) appended to reach a whole character.
 */
public record AisPayload(String payload, int fillBits) {
  public AisPayload {
    Objects.requireNonNull(payload, "payload");
    if (fillBits < 0 || fillBits > 5) {
      throw new IllegalArgumentException("fill bits must be 0..5: " + fillBits);
    }
  }

  /** Number of message bits (payload characters times six, minus the fill bits). */
  public int bitLength() {
    return payload.length() * 6 - fillBits;
  }
}
