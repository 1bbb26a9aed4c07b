package io.seawatch.beam;

/**
 * Names of the counters that reconcile the ingest: {@code lines_in = lines_decoded +
 * dead_letters}, exactly, for every run.
 */
public final class IngestMetrics {
  public static final String NAMESPACE = "seawatch";
  /** Every line that entered decoding. */
  public static final String LINES_IN = "lines_in";
  /** Lines that became part of a decoded message (a 2-part type 5 counts 2). */
  public static final String LINES_DECODED = "lines_decoded";
  /** Decoded messages. */
  public static final String MESSAGES_DECODED = "messages_decoded";
  /** Lines that went to the dead-letter output (one dead letter per line). */
  public static final String DEAD_LETTERS = "dead_letters";

  private IngestMetrics() {}
}
