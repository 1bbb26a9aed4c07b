package io.seawatch.beam.coders;

import io.seawatch.model.Origin;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

public class OriginCoderTest {
  private final OriginCoder coder = OriginCoder.of();

  @Test
  public void roundTripsKafkaAndFileOrigins() throws Exception {
    CoderChecks.roundTrips(coder, Origin.kafka("ais-raw", 3, 1234567890123L));
    CoderChecks.roundTrips(coder, Origin.file("day.nmea", 1));
    CoderChecks.roundTrips(coder, Origin.of("", Integer.MIN_VALUE, Long.MIN_VALUE));
    CoderChecks.roundTrips(coder, Origin.of("t\u0000ü€𝄞", Integer.MAX_VALUE, Long.MAX_VALUE));
  }

  @Test
  public void distinguishesFileFromPartition() throws Exception {
    CoderChecks.distinguishes(coder, Origin.file("a", 5), Origin.kafka("a", 0, 5));
  }

  @Test
  public void encodingIsStable() throws Exception {
    // stream "ab", partition -1 (zig-zag 1), offset 300 (varint AC 02): pinned so a format change
    // (which breaks savepoints) cannot happen unnoticed.
    CoderProperties.coderEncodesBase64(coder, Origin.file("ab", 300), "AmFiAawC");
  }
}
