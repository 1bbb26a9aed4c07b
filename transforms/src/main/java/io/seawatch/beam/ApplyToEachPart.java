package io.seawatch.beam;

import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;

/**
 * Applies one sink to each part of a {@link PCollectionList} separately instead of to their
 * {@code Flatten}.
 *
 * <p>Why: on the Flink runner a Flatten is a union of streams, and an operator with more than one
 * input edge cannot be chained to its producer: every element is serialised, handed over through
 * Flink's network stack and deserialised again, once per consumer. Applied to each part, a
 * stateless sink chains onto the operator that produced the part (for the decoder's parsed
 * messages: the Kafka source, the parser and the sinks run as one task; docs/benchmarks.md, "End
 * to end"). The sink must be stateless and produce the same result however its input is split,
 * which every Seawatch sink is (idempotent, order-independent writes).
 */
public final class ApplyToEachPart<T> extends PTransform<PCollectionList<T>, PDone> {
  private static final long serialVersionUID = 1L;

  private final List<String> partNames;
  private final PTransform<PCollection<T>, ?> sink;

  private ApplyToEachPart(List<String> partNames, PTransform<PCollection<T>, ?> sink) {
    this.partNames = List.copyOf(partNames);
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Applies {@code sink} to part i under the step name {@code partNames.get(i)}. */
  public static <T> ApplyToEachPart<T> of(
      List<String> partNames, PTransform<PCollection<T>, ?> sink) {
    return new ApplyToEachPart<>(partNames, sink);
  }

  @Override
  public PDone expand(PCollectionList<T> parts) {
    if (parts.size() != partNames.size()) {
      throw new IllegalArgumentException(
          "expected " + partNames.size() + " parts " + partNames + ", got " + parts.size());
    }
    for (int i = 0; i < parts.size(); i++) {
      parts.get(i).apply(partNames.get(i), sink);
    }
    return PDone.in(parts.getPipeline());
  }
}
