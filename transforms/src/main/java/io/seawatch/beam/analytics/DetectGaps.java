package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.DeadLetterCoder;
import io.seawatch.beam.coders.FixCoder;
import io.seawatch.beam.coders.FixOrEventCoder;
import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.rules.Fix;
import io.seawatch.rules.GapDetector;
import io.seawatch.rules.VesselEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * GAP events ({@link GapDetector}) with {@code feed_stall} classified, in two keyed stages:
 *
 * <ol>
 *   <li>{@value #VESSEL_STEP}, keyed by MMSI: the open GAP when the watermark reaches last-seen +
 *       threshold, the closed one (same id) when the vessel reappears. Timestamped at the time
 *       that decided them (the emission watermark, or the reappearing fix).
 *   <li>{@value #SOURCE_STEP}, keyed by receiving source: the source's fixes and the GAPs of
 *       vessels last heard through it, in event-time order (fixes first at equal times), so each
 *       GAP is classified after every fix of its source up to its emission time.
 * </ol>
 *
 * <p>Every fix reaches its source's key, which would make one hot key per source. {@value
 * #THIN_STEP} thins them per bundle without changing any result: of a source's fix times in a
 * bundle it keeps the first, the last, and every one whose neighbours are at least the shortest
 * remembered silence apart ({@code gapThreshold - feedStallWindow}). A dropped time lies between
 * two kept ones closer than that, so neither the source's silences nor its last fix before any
 * GAP (the two things {@code classify} reads) can change.
 *
 * <p>The receiving source is not carried by {@code VesselPosition} yet: until it is, every fix has
 * source "" and a feed stall means the whole feed went silent.
 *
 * <p>State: vessel 32 bytes + source name, freed {@code vesselStateTtl} after the last fix;
 * source 12 bytes + name + 16 per remembered silence (16 at most), freed likewise.
 */
public final class DetectGaps extends PTransform<PCollection<Fix>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String KEY_STEP = "KeyByMmsi";
  public static final String VESSEL_STEP = "DetectGapsFn";
  public static final String GAPS_BY_SOURCE_STEP = "KeyGapsBySource";
  public static final String THIN_STEP = "ThinSourceActivity";
  public static final String SOURCE_INPUTS_STEP = "FlattenSourceInputs";
  public static final String SOURCE_STEP = "ClassifyFeedStallsFn";
  public static final String DEAD_LETTERS_STEP = "FlattenDeadLetters";

  private final AnalyticsConfig config;

  private DetectGaps(AnalyticsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static DetectGaps with(AnalyticsConfig config) {
    return new DetectGaps(config);
  }

  @Override
  public PCollectionTuple expand(PCollection<Fix> fixes) {
    PCollectionTuple vessels =
        Analytics.applyRule(
            Analytics.keyByMmsi(fixes, KEY_STEP),
            VESSEL_STEP,
            new VesselRule(config),
            FixCoder.of(),
            config,
            Analytics.EVENTS,
            Analytics.eventCoders());
    KvCoder<String, FixOrEvent> kv = KvCoder.of(StringUtf8Coder.of(), FixOrEventCoder.of());
    PCollection<KV<String, FixOrEvent>> gaps =
        vessels
            .get(Analytics.EVENTS)
            .apply(
                GAPS_BY_SOURCE_STEP,
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(FixOrEvent.class)))
                    .via((VesselEvent e) -> KV.of(sourceOf(e), FixOrEvent.of(e))))
            .setCoder(kv);
    long minSilence =
        config.rules().gapThresholdMillis() - config.rules().feedStallWindowMillis();
    PCollection<KV<String, FixOrEvent>> activity =
        fixes.apply(THIN_STEP, ParDo.of(new ThinSourceActivityFn(minSilence))).setCoder(kv);
    PCollectionTuple sources =
        Analytics.applyRule(
            Analytics.flatten(SOURCE_INPUTS_STEP, kv, PCollectionList.of(gaps).and(activity)),
            SOURCE_STEP,
            new SourceRule(config),
            FixOrEventCoder.of(),
            config,
            Analytics.EVENTS,
            Analytics.eventCoders());
    return PCollectionTuple.of(
            Analytics.EVENTS, sources.get(Analytics.EVENTS).setCoder(VesselEventCoder.of()))
        .and(
            Analytics.DEAD_LETTERS,
            Analytics.flatten(
                DEAD_LETTERS_STEP,
                DeadLetterCoder.of(),
                PCollectionList.of(vessels.get(Analytics.DEAD_LETTERS))
                    .and(sources.get(Analytics.DEAD_LETTERS))));
  }

  static String sourceOf(VesselEvent gap) {
    Object s = gap.details().get("source");
    return s == null ? "" : s.toString();
  }

  /** Per bundle and source, the fix times that can matter to silences (see the class comment). */
  static final class ThinSourceActivityFn extends DoFn<Fix, KV<String, FixOrEvent>> {
    private static final long serialVersionUID = 1L;
    private final long minSilenceMillis;
    private transient Map<String, TreeMap<Long, Fix>> bySource;

    ThinSourceActivityFn(long minSilenceMillis) {
      this.minSilenceMillis = minSilenceMillis;
    }

    @StartBundle
    public void startBundle() {
      bySource = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element Fix fix) {
      bySource
          .computeIfAbsent(fix.source(), s -> new TreeMap<>())
          .merge(fix.timeMillis(), fix, (a, b) -> Analytics.FIX_ORDER.compare(a, b) <= 0 ? a : b);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext ctx) {
      List<String> sources = new ArrayList<>(bySource.keySet());
      sources.sort(Comparator.naturalOrder());
      for (String source : sources) {
        List<Fix> fixes = new ArrayList<>(bySource.get(source).values());
        for (int i = 0; i < fixes.size(); i++) {
          boolean keep =
              i == 0
                  || i == fixes.size() - 1
                  || fixes.get(i + 1).timeMillis() - fixes.get(i - 1).timeMillis()
                      >= minSilenceMillis;
          if (keep) {
            Fix f = fixes.get(i);
            ctx.output(
                KV.of(source, FixOrEvent.of(f)), new Instant(f.timeMillis()), GlobalWindow.INSTANCE);
          }
        }
      }
      bySource = null;
    }
  }

  static final class VesselRule extends OrderedRule<Long, Fix, GapDetector.State> {
    private static final long serialVersionUID = 1L;
    private final AnalyticsConfig config;
    private transient GapDetector rule;

    VesselRule(AnalyticsConfig config) {
      this.config = config;
    }

    private GapDetector rule() {
      if (rule == null) {
        rule = new GapDetector(config.rules());
      }
      return rule;
    }

    @Override
    public String name() {
      return "gaps";
    }

    @Override
    public String keyNoun() {
      return "vessel";
    }

    @Override
    public Comparator<Fix> tieBreak() {
      return Analytics.FIX_ORDER;
    }

    @Override
    public GapDetector.State newState(Long key) {
      return new GapDetector.State((int) (long) key);
    }

    @Override
    public GapDetector.State fromBytes(byte[] bytes) {
      return GapDetector.State.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(GapDetector.State s) {
      return s.toBytes();
    }

    @Override
    public void onInput(GapDetector.State s, Fix fix, long t, Emitter out) {
      for (VesselEvent e : rule().onPosition(s, fix)) {
        out.emit(Analytics.EVENTS, e, t);
      }
    }

    @Override
    public void onWatermark(GapDetector.State s, long t, Emitter out) {
      for (VesselEvent e : rule().onWatermark(s, t)) {
        out.emit(Analytics.EVENTS, e, t);
      }
    }

    @Override
    public long timerMillis(GapDetector.State s) {
      return rule().timerMillis(s);
    }

    @Override
    public boolean isExpired(GapDetector.State s, long t) {
      return rule().isExpired(s, t);
    }

    @Override
    public String describe(Fix fix) {
      return Analytics.describe(fix);
    }
  }

  static final class SourceRule extends OrderedRule<String, FixOrEvent, GapDetector.SourceState> {
    private static final long serialVersionUID = 1L;
    private final AnalyticsConfig config;
    private transient GapDetector rule;

    SourceRule(AnalyticsConfig config) {
      this.config = config;
    }

    private GapDetector rule() {
      if (rule == null) {
        rule = new GapDetector(config.rules());
      }
      return rule;
    }

    @Override
    public String name() {
      return "feed_stalls";
    }

    @Override
    public String keyNoun() {
      return "source";
    }

    @Override
    public Comparator<FixOrEvent> tieBreak() {
      return Analytics.FIX_OR_EVENT_ORDER;
    }

    @Override
    public GapDetector.SourceState newState(String key) {
      return new GapDetector.SourceState(key);
    }

    @Override
    public GapDetector.SourceState fromBytes(byte[] bytes) {
      return GapDetector.SourceState.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(GapDetector.SourceState s) {
      return s.toBytes();
    }

    @Override
    public void onInput(GapDetector.SourceState s, FixOrEvent in, long t, Emitter out) {
      if (in.isFix()) {
        rule().onSourceFix(s, in.fix());
      } else {
        out.emit(Analytics.EVENTS, rule().classify(s, in.event()), t);
      }
    }

    @Override
    public void onWatermark(GapDetector.SourceState s, long t, Emitter out) {
      rule().onSourceWatermark(s, t);
    }

    @Override
    public long timerMillis(GapDetector.SourceState s) {
      long expiry = rule().sourceExpiryTime(s);
      return expiry == Long.MIN_VALUE ? Long.MAX_VALUE : expiry;
    }

    @Override
    public boolean isExpired(GapDetector.SourceState s, long t) {
      return rule().isSourceExpired(s, t);
    }

    /** A GAP arriving after its source moved on is still classified (with what is known). */
    @Override
    public boolean retimeWhenLate(FixOrEvent in) {
      return !in.isFix();
    }

    @Override
    public String describe(FixOrEvent in) {
      return Analytics.describe(in);
    }
  }
}
