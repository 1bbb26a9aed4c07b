package io.seawatch.testdata;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps payloads into {@code !AIVDM} sentences for one receiver: splits long payloads into
 * fragments and gives multipart messages a sequence id that cycles 0..9 per channel, as a
 * receiver does. Not thread-safe (one per simulated station).
 */
public final class NmeaWriter {
  private final int[] nextSeq = new int[2];

  /** The sentences (without tag blocks) carrying {@code payload} on channel 'A' or 'B'. */
  public List<String> sentences(AisPayload payload, char channel) {
    List<String> pieces = Nmea.fragments(payload.payload());
    int n = pieces.size();
    String seq = "";
    if (n > 1) {
      int c = channelIndex(channel);
      seq = Integer.toString(nextSeq[c]);
      nextSeq[c] = (nextSeq[c] + 1) % 10;
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int fill = i == n - 1 ? payload.fillBits() : 0;
      out.add(Nmea.sentence(n, i + 1, seq, channel, pieces.get(i), fill));
    }
    return out;
  }

  private static int channelIndex(char channel) {
    if (channel == 'A' || channel == '1') {
      return 0;
    }
    if (channel == 'B' || channel == '2') {
      return 1;
    }
    throw new IllegalArgumentException("channel must be A or B: " + channel);
  }
}
