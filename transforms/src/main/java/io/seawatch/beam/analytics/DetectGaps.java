package io.seawatch.beam.analytics;

import io.seawatch.beam.values.FixOrEvent;
import io.seawatch.beam.coders.DeadLetterCoder;
import io.seawatch.beam.coders.FixCoder;
import io.seawatch.beam.coders.FixOrEventCoder;
import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.model.DeadLetter;
import io.seawatch.rules.Fix;
import io.seawatch.rules.GapDetector;
import io.seawatch.rules.OpenGapGate;
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
import org.apache.beam.sdk.values.TupleTag;
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
 *   <li>{@value #GATE_STEP}, one key for the whole input ({@link OpenGapGate}): an open GAP only
 *       passes once the input's own clock (one tick per bundle from {@value #CLOCK_STEP}: the
 *       newest fix time) has reached its emission time. At the end of a bounded run the watermark
 *       jumps to infinity; that is not evidence of silence, so no GAP opens then. Closed GAPs
 *       pass at once and supersede a held open one.
 * </ol>
 *
 * <p>Every fix reaches its source's key, which would make one hot key per source. {@value
 * #THIN_STEP} thins them per bundle without changing any result: of a source's fix times in a
 * bundle it keeps the first, the last, and every one whose neighbours are at least the shortest
 * remembered silence apart ({@code gapThreshold - feedStallWindow}). A dropped time lies between
 * two kept ones closer than that, so neither the source's silences nor its last fix before any
 * GAP (the two things {@code classify} reads) can change.
 *
 * <p>The receiving source is the tag block's {@code s:} ({@code VesselPosition.source()}); lines
 * without one share the source "", so for them a feed stall means the whole feed went silent.
 *
 * <p>State: vessel 32 bytes + source name, freed {@code vesselStateTtl} after the last fix;
 * source 12 bytes + name + 16 per remembered silence (16 at most), freed likewise; gate 12 bytes +
 * ~40 per held open GAP (those the input's clock has not reached), freed {@code vesselStateTtl}
 * after the last tick. The gate's one key sees one tick per bundle and the GAPs, little traffic.
 */
public final class DetectGaps extends PTransform<PCollection<Fix>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String KEY_STEP = "KeyByMmsi";
  public static final String VESSEL_STEP = "DetectGapsFn";
  public static final String GAPS_BY_SOURCE_STEP = "KeyGapsBySource";
  public static final String THIN_STEP = "ThinSourceActivity";
  public static final String SOURCE_INPUTS_STEP = "FlattenSourceInputs";
  public static final String SOURCE_STEP = "ClassifyFeedStallsFn";
  public static final String CLOCK_STEP = "TickInputClock";
  public static final String GAPS_TO_GATE_STEP = "KeyGapsForGate";
  public static final String GATE_INPUTS_STEP = "FlattenGateInputs";
  public static final String GATE_STEP = "ConfirmOpenGapsFn";
  public static final String DEAD_LETTERS_STEP = "FlattenDeadLetters";

  /** Inputs of {@link #classifying}. */
  public static final TupleTag<VesselEvent> VESSEL_GAPS = new TupleTag<VesselEvent>("vesselGaps") {};

  public static final TupleTag<Fix> FIXES = new TupleTag<Fix>("fixes") {};

  /** The single key of the gate stage: the whole input has one clock. */
  static final String GATE_KEY = "";

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
    return classify(
        vessels.get(Analytics.EVENTS).setCoder(VesselEventCoder.of()),
        vessels.get(Analytics.DEAD_LETTERS),
        fixes,
        config);
  }

  /**
   * The source and gate stages only, for vessel GAPs decided elsewhere (the fused per-vessel step
   * of {@link AnalyzeVessels}): input {@link #VESSEL_GAPS} (the {@link GapDetector}'s events of
   * every vessel), {@link #FIXES} (all fixes, for the sources' activity and the input's clock).
   * Applied under the name {@code DetectGaps}, its stateful steps keep their names and state.
   */
  public static PTransform<PCollectionTuple, PCollectionTuple> classifying(AnalyticsConfig config) {
    Objects.requireNonNull(config, "config");
    return new PTransform<PCollectionTuple, PCollectionTuple>() {
      private static final long serialVersionUID = 1L;

      @Override
      public PCollectionTuple expand(PCollectionTuple in) {
        return classify(
            in.get(VESSEL_GAPS),
            null,
            in.get(FIXES),
            config);
      }
    };
  }

  /** @param vesselDead the vessel stage's dead letters, null when it is not ours */
  private static PCollectionTuple classify(
      PCollection<VesselEvent> vesselGaps,
      PCollection<DeadLetter> vesselDead,
      PCollection<Fix> fixes,
      AnalyticsConfig config) {
    KvCoder<String, FixOrEvent> kv = KvCoder.of(StringUtf8Coder.of(), FixOrEventCoder.of());
    PCollection<KV<String, FixOrEvent>> gaps =
        vesselGaps
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
    PCollection<KV<String, FixOrEvent>> classified =
        sources
            .get(Analytics.EVENTS)
            .setCoder(VesselEventCoder.of())
            .apply(
                GAPS_TO_GATE_STEP,
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(FixOrEvent.class)))
                    .via((VesselEvent e) -> KV.of(GATE_KEY, FixOrEvent.of(e))))
            .setCoder(kv);
    PCollection<KV<String, FixOrEvent>> ticks =
        fixes.apply(CLOCK_STEP, ParDo.of(new TickInputClockFn())).setCoder(kv);
    PCollectionTuple gate =
        Analytics.applyRule(
            Analytics.flatten(GATE_INPUTS_STEP, kv, PCollectionList.of(classified).and(ticks)),
            GATE_STEP,
            new GateRule(config),
            FixOrEventCoder.of(),
            config,
            Analytics.EVENTS,
            Analytics.eventCoders());
    PCollectionList<DeadLetter> dead =
        PCollectionList.of(sources.get(Analytics.DEAD_LETTERS))
            .and(gate.get(Analytics.DEAD_LETTERS));
    if (vesselDead != null) {
      dead = PCollectionList.of(vesselDead).and(dead.getAll());
    }
    return PCollectionTuple.of(
            Analytics.EVENTS, gate.get(Analytics.EVENTS).setCoder(VesselEventCoder.of()))
        .and(
            Analytics.DEAD_LETTERS,
            Analytics.flatten(DEAD_LETTERS_STEP, DeadLetterCoder.of(), dead));
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

  /** Per bundle, the newest fix: one clock tick for the gate (the input's own time). */
  static final class TickInputClockFn extends DoFn<Fix, KV<String, FixOrEvent>> {
    private static final long serialVersionUID = 1L;
    private transient Fix newest;

    @StartBundle
    public void startBundle() {
      newest = null;
    }

    @ProcessElement
    public void process(@Element Fix fix) {
      if (newest == null
          || fix.timeMillis() > newest.timeMillis()
          || (fix.timeMillis() == newest.timeMillis()
              && Analytics.FIX_ORDER.compare(fix, newest) < 0)) {
        newest = fix;
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext ctx) {
      if (newest != null) {
        ctx.output(
            KV.of(GATE_KEY, FixOrEvent.of(newest)),
            new Instant(newest.timeMillis()),
            GlobalWindow.INSTANCE);
      }
      newest = null;
    }
  }

  /** {@link OpenGapGate}: open GAPs wait for the input's clock; ticks and GAPs, one key. */
  static final class GateRule extends OrderedRule<String, FixOrEvent, OpenGapGate.State> {
    private static final long serialVersionUID = 1L;
    private final AnalyticsConfig config;
    private transient OpenGapGate rule;

    GateRule(AnalyticsConfig config) {
      this.config = config;
    }

    private OpenGapGate rule() {
      if (rule == null) {
        rule = new OpenGapGate(config.rules());
      }
      return rule;
    }

    @Override
    public String name() {
      return "open_gaps";
    }

    @Override
    public String keyNoun() {
      return "input";
    }

    @Override
    public Comparator<FixOrEvent> tieBreak() {
      return Analytics.FIX_OR_EVENT_ORDER;
    }

    @Override
    public OpenGapGate.State newState(String key) {
      return new OpenGapGate.State();
    }

    @Override
    public OpenGapGate.State fromBytes(byte[] bytes) {
      return OpenGapGate.State.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(OpenGapGate.State s) {
      return s.toBytes();
    }

    @Override
    public void onInput(OpenGapGate.State s, FixOrEvent in, long t, Emitter out) {
      List<VesselEvent> released =
          in.isFix() ? rule().onClock(s, in.fix().timeMillis()) : rule().onGap(s, in.event());
      for (VesselEvent e : released) {
        out.emit(Analytics.EVENTS, e, t);
      }
    }

    @Override
    public void onWatermark(OpenGapGate.State s, long t, Emitter out) {
      rule().onWatermark(s, t);
    }

    @Override
    public long timerMillis(OpenGapGate.State s) {
      return rule().timerMillis(s);
    }

    @Override
    public boolean isExpired(OpenGapGate.State s, long t) {
      return rule().isExpired(s, t);
    }

    /** A tick or GAP behind the processed time still counts (the clock only moves forward). */
    @Override
    public boolean retimeWhenLate(FixOrEvent in) {
      return true;
    }

    @Override
    public String describe(FixOrEvent in) {
      return Analytics.describe(in);
    }
  }

  /** The gap detector per vessel. */
  static final class VesselRule extends PositionRuleAdapter<GapDetector.State> {
    private static final long serialVersionUID = 1L;

    VesselRule(AnalyticsConfig config) {
      super("gaps", config.rules(), GapDetector::new);
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
