package io.seawatch.model;

import java.util.Objects;

/**
 * An input that could not be turned into a message: the raw payload exactly as received, why it
 * failed, at which stage, and where it came from. Every line that does not end up in a decoded
 * message ends up in exactly one dead letter, so that {@code lines in = lines in decoded messages +
 * dead letters} holds.
 */
public final class DeadLetter {
  /** Pipeline stage that rejected the input. */
  public enum Stage {
    /** NMEA framing: tag block, checksum, field count, fragment numbers. */
    NMEA,
    /** Multipart reassembly: orphan or superseded fragments, timeouts. */
    MULTIPART,
    /** AIS payload: unknown type, too short, invalid values. */
    DECODE,
    /** A sink refused the row. */
    SINK,
    /**
     * Analytics: an input older than what its key's rule already processed (arrived after the
     * watermark plus the allowed lateness passed it), so it can no longer be applied in order.
     */
    LATE
  }

  private final String payload;
  private final Stage stage;
  private final String reason;
  private final Origin origin;
  private final long eventTimeMillis;

  public DeadLetter(String payload, Stage stage, String reason, Origin origin, long eventTimeMillis) {
    this.payload = Objects.requireNonNull(payload, "payload");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.eventTimeMillis = eventTimeMillis;
  }

  public String payload() {
    return payload;
  }

  public Stage stage() {
    return stage;
  }

  public String reason() {
    return reason;
  }

  public Origin origin() {
    return origin;
  }

  public long eventTimeMillis() {
    return eventTimeMillis;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DeadLetter)) {
      return false;
    }
    DeadLetter that = (DeadLetter) o;
    return eventTimeMillis == that.eventTimeMillis
        && payload.equals(that.payload)
        && stage == that.stage
        && reason.equals(that.reason)
        && origin.equals(that.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payload, stage, reason, origin, eventTimeMillis);
  }

  @Override
  public String toString() {
    return "DeadLetter{" + stage + ": " + reason + " @" + origin + " t=" + eventTimeMillis + " "
        + payload + "}";
  }
}
