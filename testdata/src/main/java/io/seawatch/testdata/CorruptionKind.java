package io.seawatch.testdata;

/**
 * The kinds of bad lines the fleet generator mixes in. Every corrupt line has exactly one kind and
 * must end as exactly one dead letter; none of them may be decoded.
 */
public enum CorruptionKind {
  /** A well-formed line whose sentence checksum is wrong (the tag block is intact). */
  WRONG_CHECKSUM,
  /** A line cut off inside the payload: no fill-bits field, no checksum. */
  TRUNCATED,
  /** Random printable text, no tag block, not starting with '!' or '\'. */
  GARBAGE_TEXT,
  /** Random characters U+0000..U+00FF (bytes as chars, written as UTF-8), never a line break. */
  RANDOM_BYTES,
  /**
   * Fragment 1 of a 2-fragment type 5 whose fragment 2 never comes (checksums correct). It takes
   * the next sequence id of its station and channel (or a fresh g: group id), so a later valid
   * message of that station reuses the id: a reassembler must drop a pending fragment 1 when a
   * new fragment 1 with the same key arrives (as for real feeds), not wait for the timeout.
   */
  ORPHAN_FRAGMENT,
  /** A checksum-correct single sentence of message type 30, which does not exist. */
  UNKNOWN_TYPE,
  /** A checksum-correct single sentence carrying a type 5 payload cut to 240 of its 424 bits. */
  SHORT_TYPE5
}
