package io.seawatch.testdata;

/**
 * The kinds of hostile input {@link GarbageGenerator} writes. {@link #valid()} kinds are
 * well-formed messages with "not available" sentinels (ITU-R M.1371) that a decoder must accept;
 * every other kind must become exactly one dead letter.
 */
public enum GarbageKind {
  /** Random characters U+0000..U+00FF, never a line break. */
  RANDOM_BYTES(false),
  /** A type 1 line cut inside its payload. */
  TRUNCATED(false),
  /** A type 1 line with a wrong sentence checksum. */
  WRONG_CHECKSUM(false),
  /** Fragment 1 of 2 (channel A, sequence id 0..4) whose fragment 2 never comes. */
  ORPHAN_FIRST_FRAGMENT(false),
  /** Fragment 2 of 2 (channel B, sequence id 5..9) without fragment 1. */
  ORPHAN_LAST_FRAGMENT(false),
  /** A type 1 with latitude 95 degrees: out of range, and not the "not available" 91. */
  LATITUDE_OUT_OF_RANGE(false),
  /** A payload whose message type is 0. */
  MESSAGE_TYPE_ZERO(false),
  /** {@code !AIVDM,1,1,,A,,0*hh}: correct checksum, no payload. */
  EMPTY_PAYLOAD(false),
  /** A 10 kB line: checksum-correct sentence with 10,000 payload characters (over 1008 bits). */
  OVERSIZED_LINE(false),
  /** A line that is just "\". */
  LONE_BACKSLASH(false),
  /** A line that is just "!". */
  LONE_BANG(false),
  /** A correct tag block with no sentence after it. */
  TAG_BLOCK_ONLY(false),
  /** Valid: type 1 with latitude 91 and longitude 181, "position not available". */
  POSITION_NOT_AVAILABLE(true),
  /** Valid: type 1 with speed 1023, course 3600 and heading 511, all "not available". */
  MOTION_NOT_AVAILABLE(true);

  private final boolean valid;

  GarbageKind(boolean valid) {
    this.valid = valid;
  }

  /** True if a correct decoder decodes this line into a message (absurd but legal values). */
  public boolean valid() {
    return valid;
  }
}
