package io.seawatch.beam;

import io.seawatch.model.MessageCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Counts decoded messages per AIS type and UTC minute of event time. The input is a list of
 * parts (the decoder's, {@link DecodeAisSentences#parts}; one part is fine) counted as their union.
 *
 * <p>Windowing: fixed one-minute event-time windows. Each window fires when the watermark passes
 * its end, then again for late data (at most every {@code lateFiringDelay} of processing time)
 * until {@code allowedLateness} has passed. Panes accumulate, so every firing carries the full
 * count so far and the sink overwrites the row: idempotent, never incremental. Messages later than
 * the allowed lateness are not counted here (their positions are still written elsewhere); the
 * default lateness of one day covers satellite AIS that arrives hours late.
 */
public final class CountMessagesPerMinute
    extends PTransform<PCollectionList<Integer>, PCollection<MessageCount>> {
  private static final long serialVersionUID = 1L;

  static final String STEP_WINDOW = "WindowByMinute";
  static final String STEP_GLOBAL = "IntoGlobalWindow";
  static final String STEP_PRE_COUNT = "CountPerBundle";
  static final String STEP_UNION = "UnionParts";
  static final String STEP_COUNT = "CountPerType";
  static final String STEP_TO_ROW = "ToMessageCount";

  private static final Duration MINUTE = Duration.standardMinutes(1);

  private final Duration allowedLateness;
  private final Duration lateFiringDelay;

  private CountMessagesPerMinute(Duration allowedLateness, Duration lateFiringDelay) {
    this.allowedLateness = allowedLateness;
    this.lateFiringDelay = lateFiringDelay;
  }

  /** The default allowed lateness (one day), also of {@code --statsAllowedLatenessMinutes}. */
  public static final long DEFAULT_ALLOWED_LATENESS_MINUTES = 24 * 60;

  public static CountMessagesPerMinute create() {
    return new CountMessagesPerMinute(
        Duration.standardMinutes(DEFAULT_ALLOWED_LATENESS_MINUTES), Duration.standardSeconds(10));
  }

  public CountMessagesPerMinute withAllowedLateness(Duration d) {
    return new CountMessagesPerMinute(d, lateFiringDelay);
  }

  public CountMessagesPerMinute withLateFiringDelay(Duration d) {
    return new CountMessagesPerMinute(allowedLateness, d);
  }

  @Override
  public PCollection<MessageCount> expand(PCollectionList<Integer> parts) {
    // The keyed sum costs a state read and write (RocksDB on the cluster) per element: count
    // within each bundle of each part first, so it sees one partial count per (minute, type),
    // part and bundle. Per part, so that on Flink the counting chains onto the operator that
    // decoded the part (ApplyToEachPart); before the windowing, so that the window is assigned
    // to the partial counts only, not to every message.
    Window<KV<Integer, Long>> byMinute =
        Window.<KV<Integer, Long>>into(FixedWindows.of(MINUTE))
            .triggering(
                AfterWatermark.pastEndOfWindow()
                    .withLateFirings(
                        lateFiringDelay.isEqual(Duration.ZERO)
                            ? AfterPane.elementCountAtLeast(1)
                            : AfterProcessingTime.pastFirstElementInPane()
                                .plusDelayOf(lateFiringDelay)))
            .withAllowedLateness(allowedLateness)
            .accumulatingFiredPanes();
    List<PCollection<KV<Integer, Long>>> partial = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String suffix = parts.size() == 1 ? "" : String.valueOf(i + 1);
      partial.add(
          Windowing.inGlobalWindow(parts.get(i), STEP_GLOBAL + suffix)
              .apply(STEP_PRE_COUNT + suffix, ParDo.of(new CountPerBundleFn()))
              .setCoder(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()))
              // Per part too: behind the union it would be an operator of its own on Flink.
              .apply(STEP_WINDOW + suffix, byMinute));
    }
    return PCollectionList.of(partial)
        .apply(STEP_UNION, Flatten.pCollections())
        .setCoder(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()))
        // The only stateful step: its full name is its Flink operator uid.
        .apply(STEP_COUNT, Sum.longsPerKey())
        .setCoder(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()))
        .apply(STEP_TO_ROW, ParDo.of(new ToMessageCountFn()))
        .setCoder(io.seawatch.beam.coders.MessageCountCoder.of());
  }

  /**
   * Counts the elements of a bundle per UTC minute of their timestamp and value; emits each
   * partial count at the end of the bundle timestamped with its minute's last instant, so that
   * the one-minute windowing after it puts the count in the window its messages would have been
   * in (and whether it is late is decided per window, as for the messages themselves). Input in
   * the global window.
   */
  static final class CountPerBundleFn extends DoFn<Integer, KV<Integer, Long>> {
    private static final long serialVersionUID = 1L;

    private transient Map<Long, long[]> counts;

    @StartBundle
    public void startBundle() {
      counts = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element Integer type, @Timestamp Instant ts) {
      long minute = Math.floorDiv(ts.getMillis(), MINUTE.getMillis());
      // The AIS message type is a 6-bit field: minute * 64 + type is unique.
      counts.computeIfAbsent(minute * 64 + type, k -> new long[] {type, minute, 0})[2]++;
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext ctx) {
      long size = MINUTE.getMillis();
      for (long[] c : counts.values()) {
        Instant lastInstant = new Instant((c[1] + 1) * size - 1);
        ctx.output(KV.of((int) c[0], c[2]), lastInstant, GlobalWindow.INSTANCE);
      }
      counts = null;
    }
  }

  static final class ToMessageCountFn extends DoFn<KV<Integer, Long>, MessageCount> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<Integer, Long> count, IntervalWindow window, OutputReceiver<MessageCount> out) {
      out.output(new MessageCount(window.start().getMillis(), count.getKey(), count.getValue()));
    }
  }
}
