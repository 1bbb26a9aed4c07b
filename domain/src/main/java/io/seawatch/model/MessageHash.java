package io.seawatch.model;

/**
 * Deterministic 64-bit id of a decoded message: FNV-1a over the event time and the armored payload
 * of all its fragments. Two receptions of the same transmission at the same time get the same id,
 * so duplicate receptions and replays collapse onto one row.
 */
public final class MessageHash {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private MessageHash() {}

  public static long start(long eventTimeMillis) {
    long h = FNV_OFFSET;
    for (int i = 0; i < 8; i++) {
      h ^= (eventTimeMillis >>> (i * 8)) & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  /** Folds one payload (armored 6-bit text) into the hash. */
  public static long update(long h, CharSequence payload) {
    for (int i = 0, n = payload.length(); i < n; i++) {
      h ^= payload.charAt(i);
      h *= FNV_PRIME;
    }
    return h;
  }

  public static long of(long eventTimeMillis, CharSequence payload) {
    return update(start(eventTimeMillis), payload);
  }
}
