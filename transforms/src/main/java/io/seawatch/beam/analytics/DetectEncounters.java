package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.DeadLetterCoder;
import io.seawatch.beam.coders.FixCoder;
import io.seawatch.beam.coders.ProximityCoder;
import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.rules.EncounterDetector;
import io.seawatch.rules.EncounterDetector.Proximity;
import io.seawatch.rules.Fix;
import io.seawatch.rules.VesselEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * ENCOUNTER events ({@link EncounterDetector}) in the two keyed stages the rule dictates:
 *
 * <ol>
 *   <li>{@value #ROUTE_STEP} sends each fix to its own grid cell and every cell within the
 *       encounter distance; {@value #CELL_STEP}, keyed by cell, compares a fix arriving in its own
 *       cell with the latest fix of every other vessel there, in event-time order with ties by
 *       MMSI, and emits one {@link Proximity} per close pair. A fix has one own cell, so each
 *       observation is made once, also across cell edges.
 *   <li>{@value #PAIR_STEP}, keyed by the pair (lower MMSI first), turns observations into
 *       episodes: the open ENCOUNTER once one qualifies, the closed one (same id) at its end. Each
 *       pair is reported once: mmsi = the lower MMSI, otherMmsi = the higher.
 * </ol>
 *
 * <p>State: cell 13 bytes + 32 per vessel seen in the last {@code encounterMaxFixAge}; pair 78
 * bytes while an episode runs. Both empty (freed) when idle.
 */
public final class DetectEncounters extends PTransform<PCollection<Fix>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String ROUTE_STEP = "RouteToCells";
  public static final String CELL_STEP = "CompareInCellsFn";
  public static final String PAIR_KEY_STEP = "KeyByPair";
  public static final String PAIR_STEP = "DetectEncountersFn";
  public static final String DEAD_LETTERS_STEP = "FlattenDeadLetters";

  /** Observations with the MMSI of the fix that made them (the pair stage's tie-break). */
  static final TupleTag<KV<Integer, Proximity>> PROXIMITIES =
      new TupleTag<KV<Integer, Proximity>>("proximities") {};

  static final KvCoder<Integer, Proximity> OBSERVATION_CODER =
      KvCoder.of(VarIntCoder.of(), ProximityCoder.of());

  private final AnalyticsConfig config;

  private DetectEncounters(AnalyticsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static DetectEncounters with(AnalyticsConfig config) {
    return new DetectEncounters(config);
  }

  @Override
  public PCollectionTuple expand(PCollection<Fix> fixes) {
    RuleConfigHolder router = new RuleConfigHolder(config);
    PCollection<KV<Long, Fix>> byCell =
        fixes
            .apply(
                ROUTE_STEP,
                FlatMapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptor.of(Fix.class)))
                    .via(
                        (Fix f) -> {
                          List<KV<Long, Fix>> out = new ArrayList<>();
                          for (long cell : router.detector().routeCells(f)) {
                            out.add(KV.of(cell, f));
                          }
                          return out;
                        }))
            .setCoder(KvCoder.of(VarLongCoder.of(), FixCoder.of()));
    PCollectionTuple cells =
        Analytics.applyRule(
            byCell,
            CELL_STEP,
            new CellRule(config),
            FixCoder.of(),
            config,
            PROXIMITIES,
            Map.of(PROXIMITIES, OBSERVATION_CODER));
    PCollection<KV<Long, KV<Integer, Proximity>>> byPair =
        cells
            .get(PROXIMITIES)
            .apply(
                PAIR_KEY_STEP,
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.longs(),
                            TypeDescriptors.kvs(
                                TypeDescriptors.integers(), TypeDescriptor.of(Proximity.class))))
                    .via((KV<Integer, Proximity> o) -> KV.of(o.getValue().pairKey(), o)))
            .setCoder(KvCoder.of(VarLongCoder.of(), OBSERVATION_CODER));
    PCollectionTuple pairs =
        Analytics.applyRule(
            byPair,
            PAIR_STEP,
            new PairRule(config),
            OBSERVATION_CODER,
            config,
            Analytics.EVENTS,
            Analytics.eventCoders());
    return PCollectionTuple.of(
            Analytics.EVENTS, pairs.get(Analytics.EVENTS).setCoder(VesselEventCoder.of()))
        .and(
            Analytics.DEAD_LETTERS,
            Analytics.flatten(
                DEAD_LETTERS_STEP,
                DeadLetterCoder.of(),
                PCollectionList.of(cells.get(Analytics.DEAD_LETTERS))
                    .and(pairs.get(Analytics.DEAD_LETTERS))));
  }

  /** The detector, rebuilt lazily after deserialization (the rules are not Serializable). */
  static final class RuleConfigHolder implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final AnalyticsConfig config;
    private transient EncounterDetector detector;

    RuleConfigHolder(AnalyticsConfig config) {
      this.config = config;
    }

    EncounterDetector detector() {
      if (detector == null) {
        detector = new EncounterDetector(config.rules());
      }
      return detector;
    }
  }

  static final class CellRule extends OrderedRule<Long, Fix, EncounterDetector.CellState> {
    private static final long serialVersionUID = 1L;
    private final RuleConfigHolder rule;

    CellRule(AnalyticsConfig config) {
      this.rule = new RuleConfigHolder(config);
    }

    @Override
    public String name() {
      return "encounter_cells";
    }

    @Override
    public String keyNoun() {
      return "cell";
    }

    @Override
    public Comparator<Fix> tieBreak() {
      return Analytics.FIX_ORDER;
    }

    @Override
    public EncounterDetector.CellState newState(Long key) {
      return new EncounterDetector.CellState(key);
    }

    @Override
    public EncounterDetector.CellState fromBytes(byte[] bytes) {
      return EncounterDetector.CellState.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(EncounterDetector.CellState s) {
      return s.toBytes();
    }

    @Override
    public void onInput(EncounterDetector.CellState s, Fix fix, long t, Emitter out) {
      for (Proximity p : rule.detector().onPosition(s, fix)) {
        out.emit(PROXIMITIES, KV.of(fix.mmsi(), p), t);
      }
    }

    @Override
    public void onWatermark(EncounterDetector.CellState s, long t, Emitter out) {
      rule.detector().onWatermark(s, t);
    }

    @Override
    public long timerMillis(EncounterDetector.CellState s) {
      return rule.detector().timerMillis(s);
    }

    @Override
    public boolean isExpired(EncounterDetector.CellState s, long t) {
      return rule.detector().isExpired(s, t);
    }

    @Override
    public String describe(Fix fix) {
      return Analytics.describe(fix);
    }
  }

  /**
   * Observations of one pair in event-time order; at equal times in the order the cells made
   * them: by the MMSI of the fix that made them (as the cell stage applies fixes), then by value.
   */
  static final class PairRule
      extends OrderedRule<Long, KV<Integer, Proximity>, EncounterDetector.PairState> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<KV<Integer, Proximity>> ORDER =
        Comparator.<KV<Integer, Proximity>>comparingInt(KV::getKey)
            .thenComparingDouble(o -> o.getValue().distanceMeters())
            .thenComparingDouble(o -> o.getValue().lat())
            .thenComparingDouble(o -> o.getValue().lon());
    private final RuleConfigHolder rule;

    PairRule(AnalyticsConfig config) {
      this.rule = new RuleConfigHolder(config);
    }

    @Override
    public String name() {
      return "encounter_pairs";
    }

    @Override
    public String keyNoun() {
      return "pair";
    }

    @Override
    public Comparator<KV<Integer, Proximity>> tieBreak() {
      return ORDER;
    }

    @Override
    public EncounterDetector.PairState newState(Long key) {
      return new EncounterDetector.PairState((int) (key >>> 32), (int) (long) key);
    }

    @Override
    public EncounterDetector.PairState fromBytes(byte[] bytes) {
      return EncounterDetector.PairState.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(EncounterDetector.PairState s) {
      return s.toBytes();
    }

    @Override
    public void onInput(
        EncounterDetector.PairState s, KV<Integer, Proximity> o, long t, Emitter out) {
      for (VesselEvent e : rule.detector().onProximity(s, o.getValue())) {
        out.emit(Analytics.EVENTS, e, t);
      }
    }

    @Override
    public void onWatermark(EncounterDetector.PairState s, long t, Emitter out) {
      for (VesselEvent e : rule.detector().onWatermark(s, t)) {
        out.emit(Analytics.EVENTS, e, t);
      }
    }

    @Override
    public long timerMillis(EncounterDetector.PairState s) {
      return rule.detector().timerMillis(s);
    }

    @Override
    public boolean isExpired(EncounterDetector.PairState s, long t) {
      return rule.detector().isExpired(s, t);
    }

    @Override
    public String describe(KV<Integer, Proximity> o) {
      return "proximity " + o.getValue() + " (fix of " + o.getKey() + ")";
    }
  }
}
