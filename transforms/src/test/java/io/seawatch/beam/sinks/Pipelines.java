package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.SeawatchCoders;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/** Runs one sink over a fixed input on the DirectRunner, once per call (ITs write repeatedly). */
final class Pipelines {
  private Pipelines() {}

  static <T> void write(
      List<T> input, Coder<T> coder, PTransform<PCollection<T>, PCollection<Void>> sink) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    SeawatchCoders.registerOn(p);
    p.apply("Input", Create.of(input).withCoder(coder)).apply("Sink", sink);
    run(p);
  }

  /**
   * Streams the input, lets processing time pass the sinks' flush delay (so their triggers fire
   * once with data), then ends the input: the end of the global window must not write an empty
   * pane.
   */
  static <T> void stream(
      List<T> input, Coder<T> coder, PTransform<PCollection<T>, PCollection<Void>> sink) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    SeawatchCoders.registerOn(p);
    TestStream.Builder<T> stream = TestStream.create(coder);
    for (T t : input) {
      stream = stream.addElements(t);
    }
    p.apply("Input", stream.advanceProcessingTime(Duration.standardMinutes(1))
            .advanceWatermarkToInfinity())
        .apply("Sink", sink);
    run(p);
  }

  private static void run(Pipeline p) {
    PipelineResult.State state = p.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new AssertionError("pipeline ended " + state);
    }
  }
}
