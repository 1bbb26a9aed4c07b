package io.seawatch.beam.analytics;

import io.seawatch.beam.values.EventVersion;
import io.seawatch.beam.values.FixOrEvent;
import io.seawatch.beam.coders.DeadLetterCoder;
import io.seawatch.beam.coders.DensityCountCoder;
import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.beam.coders.VesselStatsRowCoder;
import io.seawatch.db.VesselStatsRow;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.VesselPosition;
import io.seawatch.rules.DensityAggregator.DensityCount;
import io.seawatch.rules.Fix;
import io.seawatch.rules.VesselEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/** Output tags shared by the analytics transforms, and the helper that applies an ordered rule. */
public final class Analytics {
  public static final TupleTag<VesselEvent> EVENTS = new TupleTag<VesselEvent>("events") {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS =
      new TupleTag<DeadLetter>("deadLetters") {};
  public static final TupleTag<DensityCount> DENSITY = new TupleTag<DensityCount>("density") {};
  public static final TupleTag<VesselStatsRow> STATS = new TupleTag<VesselStatsRow>("stats") {};
  public static final TupleTag<EventVersion> PROVISIONAL =
      new TupleTag<EventVersion>("provisional") {};

  /** Inputs at the same time in a fixed order: MMSI, then message hash, then everything else. */
  static final Comparator<Fix> FIX_ORDER =
      Comparator.comparingInt(Fix::mmsi)
          .thenComparingLong(f -> f.position().msgHash())
          .thenComparing(Fix::source)
          .thenComparingDouble(Fix::lat)
          .thenComparingDouble(Fix::lon)
          .thenComparingDouble(Fix::speed);

  static final Comparator<VesselEvent> EVENT_ORDER =
      Comparator.comparingLong(VesselEvent::id)
          .thenComparing(VesselEvent::open)
          .thenComparingLong(VesselEvent::endMillis);

  /** Fixes before events at the same time, then each in its own order. */
  static final Comparator<FixOrEvent> FIX_OR_EVENT_ORDER =
      (a, b) -> {
        if (a.isFix() != b.isFix()) {
          return a.isFix() ? -1 : 1;
        }
        return a.isFix()
            ? FIX_ORDER.compare(a.fix(), b.fix())
            : EVENT_ORDER.compare(a.event(), b.event());
      };

  private Analytics() {}

  /** Fixes keyed by MMSI (as a long, the key type of every analytics stage). */
  static PCollection<KV<Long, Fix>> keyByMmsi(PCollection<Fix> fixes, String stepName) {
    return fixes
        .apply(
            stepName,
            org.apache.beam.sdk.transforms.WithKeys.of((Fix f) -> (long) f.mmsi())
                .withKeyType(org.apache.beam.sdk.values.TypeDescriptors.longs()))
        .setCoder(
            org.apache.beam.sdk.coders.KvCoder.of(
                org.apache.beam.sdk.coders.VarLongCoder.of(),
                io.seawatch.beam.coders.FixCoder.of()));
  }

  static String describe(FixOrEvent in) {
    return in.isFix() ? describe(in.fix()) : "event " + in.event();
  }

  /** The fix of a decoded position, with its receiving source (tag block s:). */
  static Fix toFix(VesselPosition p) {
    return Fix.of(p);
  }

  /** Payload of a too-late position's dead letter. */
  static String describe(Fix f) {
    VesselPosition p = f.position();
    return "position mmsi=" + p.mmsi() + " t=" + java.time.Instant.ofEpochMilli(p.timestampMillis())
        + " lat=" + p.lat() + " lon=" + p.lon() + " sog=" + p.speed() + " type=" + p.type()
        + " msg_hash=" + p.msgHash() + (f.source().isEmpty() ? "" : " source=" + f.source());
  }

  /**
   * Applies {@code rule} as an {@link OrderedRuleFn} named {@code stepName}, fed per key and
   * bundle by a {@link BatchPerBundleFn} named {@link #batchStepName}; the outputs get the coders
   * given (the dead letters always exist). The input's coder must be a {@link KvCoder}.
   */
  static <K, I, S, O> PCollectionTuple applyRule(
      PCollection<KV<K, I>> input,
      String stepName,
      OrderedRule<K, I, S> rule,
      Coder<I> inputCoder,
      AnalyticsConfig config,
      TupleTag<O> main,
      Map<TupleTag<?>, Coder<?>> coders) {
    TupleTagList others = TupleTagList.of(DEAD_LETTERS);
    for (TupleTag<?> tag : coders.keySet()) {
      if (!tag.getId().equals(main.getId()) && !tag.getId().equals(DEAD_LETTERS.getId())) {
        others = others.and(tag);
      }
    }
    PCollectionTuple out =
        batchPerBundle(input, stepName)
            .apply(
            stepName,
            ParDo.of(
                    new OrderedRuleFn<K, I, S, O>(
                        rule,
                        inputCoder,
                        DEAD_LETTERS,
                        config.allowedLatenessMillis(),
                        config.keyRetentionMillis()))
                .withOutputTags(main, others));
    out.get(DEAD_LETTERS).setCoder(DeadLetterCoder.of());
    for (Map.Entry<TupleTag<?>, Coder<?>> e : coders.entrySet()) {
      setCoder(out, e.getKey(), e.getValue());
    }
    return out;
  }

  /**
   * {@code input} per key and bundle ({@link BatchPerBundleFn}) for the keyed step {@code
   * stepName}, as the step {@link #batchStepName}. The input's coder must be a {@link KvCoder}.
   */
  @SuppressWarnings("unchecked")
  static <K, I> PCollection<KV<K, List<TimestampedValue<I>>>> batchPerBundle(
      PCollection<KV<K, I>> input, String stepName) {
    KvCoder<K, I> kv = (KvCoder<K, I>) input.getCoder();
    return input
        .apply(batchStepName(stepName), ParDo.of(new BatchPerBundleFn<K, I>()))
        .setCoder(
            KvCoder.of(
                kv.getKeyCoder(),
                ListCoder.of(TimestampedValue.TimestampedValueCoder.of(kv.getValueCoder()))));
  }

  /**
   * The name of the batching step in front of the keyed step {@code stepName}: "DetectGapsFn"
   * gets "BatchDetectGapsInputs" (not ending in "Fn": it holds no state).
   */
  static String batchStepName(String stepName) {
    return "Batch" + stepName.replaceAll("Fn$", "") + "Inputs";
  }

  @SuppressWarnings("unchecked")
  private static <T> void setCoder(PCollectionTuple t, TupleTag<T> tag, Coder<?> coder) {
    t.get(tag).setCoder((Coder<T>) coder);
  }

  static <T> PCollection<T> flatten(String name, Coder<T> coder, PCollectionList<T> list) {
    return list.apply(name, Flatten.pCollections()).setCoder(coder);
  }

  static Map<TupleTag<?>, Coder<?>> eventCoders() {
    return Map.of(EVENTS, VesselEventCoder.of());
  }

  static Coder<DensityCount> densityCoder() {
    return DensityCountCoder.of();
  }

  static Coder<VesselStatsRow> statsCoder() {
    return VesselStatsRowCoder.of();
  }
}
