package io.seawatch.beam.analytics;

import io.seawatch.beam.values.FixOrEvent;
import io.seawatch.beam.coders.DeadLetterCoder;
import io.seawatch.beam.coders.FixCoder;
import io.seawatch.beam.coders.FixOrEventCoder;
import io.seawatch.beam.coders.VesselEventCoder;
import io.seawatch.db.GeofenceRow;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.VesselPosition;
import io.seawatch.rules.Fix;
import io.seawatch.rules.VesselEvent;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The stateful vessel analytics over decoded positions: every rule of {@code io.seawatch.rules} in
 * an ordered keyed step ({@link OrderedRuleFn}): the rules that read only a vessel's fixes
 * (gaps, loitering, geofences) together in {@link TrackVessels}, the GAPs' sources and gate in
 * {@link DetectGaps}, encounters and density by cell and pair, segments and running aggregates
 * (which also read the other rules' events) in {@link TrackSegments}.
 *
 * <p>Outputs: {@link Analytics#EVENTS} (every rule's events, open versions and their closing
 * versions with the same id, for {@code vessel_event}), {@link Analytics#DENSITY} ({@code
 * density_hourly}), {@link Analytics#STATS} (running aggregates for {@code vessel_latest}) and
 * {@link Analytics#DEAD_LETTERS} (positions that arrived too late for some rule; one per rule
 * that refused it) and, {@link #withProvisionalEvents with provisional events}, {@link
 * Analytics#PROVISIONAL}.
 *
 * <p>The events of the other rules also feed the per-vessel track step, so its running
 * aggregates know the vessel's open events. Every step's output watermark trails its input by the
 * allowed lateness (see {@link OrderedRuleFn}), so results appear that much after the data.
 */
public final class AnalyzeVessels extends PTransform<PCollection<VesselPosition>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String TO_FIXES_STEP = "ToFixes";
  public static final String VESSELS_STEP = "TrackVessels";
  public static final String GAPS_STEP = "DetectGaps";
  public static final String ENCOUNTERS_STEP = "DetectEncounters";
  public static final String DENSITY_STEP = "AggregateDensity";
  public static final String RULE_EVENTS_STEP = "FlattenRuleEvents";
  public static final String FIXES_AS_INPUTS_STEP = "FixesAsTrackInputs";
  public static final String EVENTS_AS_INPUTS_STEP = "EventsAsTrackInputs";
  public static final String TRACK_INPUTS_STEP = "FlattenTrackInputs";
  public static final String TRACK_STEP = "TrackSegments";
  public static final String EVENTS_STEP = "FlattenEvents";
  public static final String DEAD_LETTERS_STEP = "FlattenDeadLetters";
  public static final String PROVISIONAL_STEP = "DetectProvisionalEvents";

  private final AnalyticsConfig config;
  private final PCollectionView<List<KV<Long, List<GeofenceRow>>>> geofences;
  private final boolean provisional;

  private AnalyzeVessels(
      AnalyticsConfig config,
      PCollectionView<List<KV<Long, List<GeofenceRow>>>> geofences,
      boolean provisional) {
    this.config = Objects.requireNonNull(config, "config");
    this.geofences = Objects.requireNonNull(geofences, "geofences");
    this.provisional = provisional;
  }

  /** @param geofences the current fences (see {@link ReadGeofences}) */
  public static AnalyzeVessels with(
      AnalyticsConfig config, PCollectionView<List<KV<Long, List<GeofenceRow>>>> geofences) {
    return new AnalyzeVessels(config, geofences, false);
  }

  /**
   * Also decide provisional versions in arrival order ({@link DetectProvisionalEvents}, output
   * {@link Analytics#PROVISIONAL}). For unbounded input only: see there.
   */
  public AnalyzeVessels withProvisionalEvents(boolean provisional) {
    return new AnalyzeVessels(config, geofences, provisional);
  }

  @Override
  public PCollectionTuple expand(PCollection<VesselPosition> positions) {
    PCollection<Fix> fixes =
        positions
            .apply(
                TO_FIXES_STEP,
                MapElements.into(TypeDescriptor.of(Fix.class)).via(Analytics::toFix))
            .setCoder(FixCoder.of());
    PCollectionTuple vessels = fixes.apply(VESSELS_STEP, TrackVessels.with(config, geofences));
    PCollectionTuple gaps =
        PCollectionTuple.of(DetectGaps.VESSEL_GAPS, vessels.get(TrackVessels.VESSEL_GAPS))
            .and(DetectGaps.FIXES, fixes)
            .apply(GAPS_STEP, DetectGaps.classifying(config));
    PCollectionTuple encounters = fixes.apply(ENCOUNTERS_STEP, DetectEncounters.with(config));
    PCollectionTuple density = fixes.apply(DENSITY_STEP, AggregateDensity.with(config));

    PCollection<VesselEvent> ruleEvents =
        Analytics.flatten(
            RULE_EVENTS_STEP,
            VesselEventCoder.of(),
            PCollectionList.of(gaps.get(Analytics.EVENTS))
                .and(vessels.get(Analytics.EVENTS))
                .and(encounters.get(Analytics.EVENTS)));
    PCollection<FixOrEvent> trackInputs =
        Analytics.flatten(
            TRACK_INPUTS_STEP,
            FixOrEventCoder.of(),
            PCollectionList.of(
                    fixes
                        .apply(
                            FIXES_AS_INPUTS_STEP,
                            MapElements.into(TypeDescriptor.of(FixOrEvent.class))
                                .via((Fix f) -> FixOrEvent.of(f)))
                        .setCoder(FixOrEventCoder.of()))
                .and(
                    ruleEvents
                        .apply(
                            EVENTS_AS_INPUTS_STEP,
                            MapElements.into(TypeDescriptor.of(FixOrEvent.class))
                                .via((VesselEvent e) -> FixOrEvent.of(e)))
                        .setCoder(FixOrEventCoder.of())));
    PCollectionTuple track = trackInputs.apply(TRACK_STEP, TrackSegments.with(config));

    PCollection<VesselEvent> events =
        Analytics.flatten(
            EVENTS_STEP,
            VesselEventCoder.of(),
            PCollectionList.of(ruleEvents).and(track.get(Analytics.EVENTS)));
    PCollection<DeadLetter> dead =
        Analytics.flatten(
            DEAD_LETTERS_STEP,
            DeadLetterCoder.of(),
            PCollectionList.of(vessels.get(Analytics.DEAD_LETTERS))
                .and(gaps.get(Analytics.DEAD_LETTERS))
                .and(encounters.get(Analytics.DEAD_LETTERS))
                .and(density.get(Analytics.DEAD_LETTERS))
                .and(track.get(Analytics.DEAD_LETTERS)));
    PCollectionTuple out =
        PCollectionTuple.of(Analytics.EVENTS, events)
            .and(Analytics.DENSITY, density.get(Analytics.DENSITY))
            .and(Analytics.STATS, track.get(Analytics.STATS))
            .and(Analytics.DEAD_LETTERS, dead);
    if (provisional) {
      out =
          out.and(
              Analytics.PROVISIONAL,
              fixes.apply(
                  PROVISIONAL_STEP, DetectProvisionalEvents.with(config.rules(), geofences)));
    }
    return out;
  }
}
