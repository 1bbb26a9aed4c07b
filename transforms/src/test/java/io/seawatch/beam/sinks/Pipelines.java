package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.SeawatchCoders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/** Runs one sink over a fixed input on the DirectRunner, once per call (ITs write repeatedly). */
final class Pipelines {
  private Pipelines() {}

  static <T> void write(
      List<T> input, Coder<T> coder, PTransform<PCollection<T>, ?> sink) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    SeawatchCoders.registerOn(p);
    p.apply("Input", Create.of(input).withCoder(coder)).apply("Sink", sink);
    run(p);
  }

  /**
   * Runs one sink over {@code input} in reverse order, one element per bundle (a TestStream), so
   * each bundle writes its own rows and the SQL decides between them, as between the workers of
   * a parallel job.
   */
  static <T> void writeNewestFirstOnePerBundle(
      List<T> input, Coder<T> coder, PTransform<PCollection<T>, ?> sink) {
    List<T> reversed = new ArrayList<>(input);
    Collections.reverse(reversed);
    TestStream.Builder<T> stream = TestStream.create(coder);
    for (T element : reversed) {
      stream = stream.addElements(element);
    }
    write(stream.advanceWatermarkToInfinity(), sink);
  }

  /** Runs one sink over a TestStream. */
  static <T> void write(TestStream<T> input, PTransform<PCollection<T>, ?> sink) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    SeawatchCoders.registerOn(p);
    p.apply("Input", input).apply("Sink", sink);
    run(p);
  }

  private static void run(Pipeline p) {
    PipelineResult.State state = p.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new AssertionError("pipeline ended " + state);
    }
  }
}
