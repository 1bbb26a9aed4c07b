package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.FenceFixCoder;
import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.beam.values.FenceFix;
import io.seawatch.db.GeofenceRow;
import io.seawatch.rules.Fix;
import io.seawatch.rules.VesselEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The per-vessel rules that read only the vessel's fixes, in one keyed step ({@link FusedRule}):
 * GAPs ({@link DetectGaps.VesselRule}, to {@link #VESSEL_GAPS}: the source and gate stages of
 * {@link DetectGaps#classifying} still decide them), LOITERING ({@link DetectLoitering.Rule}) and
 * GEOFENCE_ENTRY / EXIT / PORT_VISIT ({@link TrackGeofences.Rule}, fixes with coordinates only), to
 * {@link Analytics#EVENTS}. Each rule gives exactly the events it gives as a step of its own
 * ({@code TrackVesselsTest}); the fixes are shuffled, buffered and sorted once instead of three
 * times.
 *
 * <p>{@value #LOCATE_STEP} attaches the containing fences to every fix against the current side
 * input, as {@link TrackGeofences} does. A fix too late for the vessel is one dead letter
 * (reason "(vessel)").
 *
 * <p>State per vessel: the three rules' states (see each) behind a presence byte and a length,
 * plus the key's processed time ({@link OrderedRuleFn}).
 */
public final class TrackVessels extends PTransform<PCollection<Fix>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String LOCATE_STEP = "LocateInGeofences";
  public static final String RULE_STEP = "TrackVesselsFn";

  /** The vessels' GAPs before their sources are classified: the input of that name there. */
  public static final TupleTag<VesselEvent> VESSEL_GAPS = DetectGaps.VESSEL_GAPS;

  private final AnalyticsConfig config;
  private final PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences;

  private TrackVessels(
      AnalyticsConfig config, PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences) {
    this.config = Objects.requireNonNull(config, "config");
    this.fences = Objects.requireNonNull(fences, "fences");
  }

  public static TrackVessels with(
      AnalyticsConfig config, PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences) {
    return new TrackVessels(config, fences);
  }

  @Override
  public PCollectionTuple expand(PCollection<Fix> fixes) {
    return Analytics.applyRule(
        fixes
            .apply(
                LOCATE_STEP,
                ParDo.of(new TrackGeofences.LocateInGeofencesFn(fences, true))
                    .withSideInputs(fences))
            .setCoder(KvCoder.of(VarLongCoder.of(), FenceFixCoder.of())),
        RULE_STEP,
        rule(config),
        FenceFixCoder.of(),
        config,
        Analytics.EVENTS,
        Map.of(Analytics.EVENTS, VesselEventCoder.of(), VESSEL_GAPS, VesselEventCoder.of()));
  }

  static FusedRule<FenceFix> rule(AnalyticsConfig config) {
    return new FusedRule<>(
        "vessel",
        (SerializableComparator<FenceFix>)
            (a, b) -> Analytics.FIX_ORDER.compare(a.fix(), b.fix()),
        (FenceFix in) -> Analytics.describe(in.fix()),
        List.of(
            new FusedRule.Part<>(
                new DetectGaps.VesselRule(config),
                FenceFix::fix,
                Analytics.EVENTS,
                VESSEL_GAPS),
            new FusedRule.Part<>(new DetectLoitering.Rule(config), FenceFix::fix, null, null),
            new FusedRule.Part<FenceFix, FenceFix, TrackGeofences.VesselFences>(
                new TrackGeofences.Rule(config),
                (FenceFix in) -> in.fix().hasCoordinates() ? in : null,
                null,
                null)));
  }
}
