package io.seawatch.beam.coders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;

/** The properties every Seawatch coder must have, checked for one value. */
final class CoderChecks {
  private CoderChecks() {}

  static <T> void roundTrips(Coder<T> coder, T value) throws Exception {
    coder.verifyDeterministic();
    CoderProperties.coderSerializable(coder);
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    CoderProperties.coderDeterministic(coder, value, value);
    CoderProperties.coderConsistentWithEquals(coder, value, value);
    CoderProperties.structuralValueConsistentWithEquals(coder, value, value);
    CoderProperties.structuralValueDecodeEncodeEqual(coder, value);
  }

  /** Two different values: different encodings and structural values. */
  static <T> void distinguishes(Coder<T> coder, T a, T b) throws Exception {
    assertNotEquals(a, b);
    CoderProperties.coderConsistentWithEquals(coder, a, b);
    CoderProperties.structuralValueConsistentWithEquals(coder, a, b);
  }

  static <T> int size(Coder<T> coder, T value) throws Exception {
    return CoderUtils.encodeToByteArray(coder, value).length;
  }

  static <T> void hasSize(Coder<T> coder, T value, int bytes) throws Exception {
    assertEquals(bytes, size(coder, value));
  }
}
