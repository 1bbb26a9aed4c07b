package io.seawatch.beam.coders;

import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import org.junit.Test;

public class DeadLetterCoderTest {
  private final DeadLetterCoder coder = DeadLetterCoder.of();

  @Test
  public void roundTripsEveryStage() throws Exception {
    for (DeadLetter.Stage stage : DeadLetter.Stage.values()) {
      CoderChecks.roundTrips(
          coder,
          new DeadLetter(
              "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24", stage, "bad checksum",
              Origin.kafka("ais-raw", 0, 42), 1_700_000_000_123L));
    }
  }

  @Test
  public void roundTripsNulAndNonAscii() throws Exception {
    CoderChecks.roundTrips(
        coder,
        new DeadLetter(
            "\u0000\u0000garbage\u00ff\ufffd𝄞", DeadLetter.Stage.NMEA, "reason with \u0000",
            Origin.file("x.nmea", 7), -1L));
    CoderChecks.roundTrips(
        coder, new DeadLetter("", DeadLetter.Stage.SINK, "", Origin.file("", 0), Long.MIN_VALUE));
  }

  @Test
  public void distinguishesStages() throws Exception {
    Origin o = Origin.file("f", 1);
    CoderChecks.distinguishes(
        coder,
        new DeadLetter("p", DeadLetter.Stage.NMEA, "r", o, 5),
        new DeadLetter("p", DeadLetter.Stage.DECODE, "r", o, 5));
  }
}
