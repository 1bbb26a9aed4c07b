package io.seawatch.beam.coders;

import io.seawatch.model.MessageCount;
import org.junit.Test;

public class MessageCountCoderTest {
  private final MessageCountCoder coder = MessageCountCoder.of();

  @Test
  public void roundTrips() throws Exception {
    CoderChecks.roundTrips(coder, new MessageCount(1_700_000_040_000L, 1, 12345));
    CoderChecks.roundTrips(coder, new MessageCount(0, 0, 0));
    CoderChecks.roundTrips(coder, new MessageCount(-60_000L, -1, Long.MAX_VALUE));
  }

  @Test
  public void distinguishesTypes() throws Exception {
    CoderChecks.distinguishes(coder, new MessageCount(60_000, 1, 5), new MessageCount(60_000, 2, 5));
  }

  @Test
  public void isCompact() throws Exception {
    // minute ~ 2^40.6 -> 6 bytes, type 1 byte, count 12345 -> 2 bytes
    CoderChecks.hasSize(coder, new MessageCount(1_700_000_040_000L, 1, 12345), 9);
  }
}
