package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.EventVersionCoder;
import io.seawatch.beam.values.EventVersion;
import io.seawatch.db.GeofenceRow;
import io.seawatch.rules.Fix;
import io.seawatch.rules.Geofence;
import io.seawatch.rules.GeofenceTracker;
import io.seawatch.rules.LiveVesselRules;
import io.seawatch.rules.RuleConfig;
import io.seawatch.rules.VesselEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/**
 * Provisional events: the per-vessel rules in arrival order ({@link LiveVesselRules}), so that a
 * geofence entry, the start of loitering, a spoofed jump or an open GAP is out seconds after the
 * input that decides it, not an allowed lateness later. Each output is {@link
 * EventVersion#provisional} with the event time that decided it; the exact path ({@link
 * AnalyzeVessels}' ordered steps) later confirms it with the same id or {@link ReconcileAlerts}
 * retracts it.
 *
 * <p>Keyed by MMSI, fed per vessel and bundle ({@link BatchPerBundleFn}). A fix is applied when it is not older than the vessel's newest one; older
 * fixes are counted ({@code provisional_out_of_order}) and left to the exact path. The geofences
 * are the current side input; a fence edited while a vessel is inside is the exact path's to
 * settle.
 *
 * <p><b>Open GAPs</b> are decided by the input's clock passing last seen + threshold, not by a fix
 * of the vessel. The instance keeps its vessels' GAPs to be in memory ({@link PendingGaps}) and
 * emits them as its clock (the newest fix time it has read) passes their deadlines: within the
 * time of one bundle. Memory is lost on a restart, so the vessel's keyed timer ({@value
 * #TIMER_WAKE}, event time, at the deadline rounded up to the minute) puts it back when the
 * watermark gets there: emitted at once if the clock has passed the deadline, else when it does.
 * The watermark alone is no evidence of silence (it jumps to the end of time at the end of a
 * bounded input), so no GAP comes from it; the pipeline uses this transform on unbounded input
 * only.
 *
 * <p><b>State</b>: {@value #STATE_RULES} (the rules' state bytes, about 150 per vessel) and
 * {@value #STATE_WAKE} (when the timer is armed). One timer per vessel, re-armed only when its
 * minute changes: at the GAP deadline, then at the state's expiry ({@link
 * LiveVesselRules#expiryMillis}), where everything is cleared.
 */
public final class DetectProvisionalEvents
    extends PTransform<PCollection<Fix>, PCollection<EventVersion>> {
  private static final long serialVersionUID = 1L;

  public static final String KEY_STEP = "KeyByMmsi";
  public static final String RULE_STEP = "DetectProvisionalEventsFn";

  static final String STATE_RULES = "rules";
  static final String STATE_WAKE = "wake";
  static final String TIMER_WAKE = "wake";

  /** Fix times this far past the wall clock do not move the clock (a corrupt tag block). */
  static final long MAX_FUTURE_MILLIS = 3_600_000L;

  private final RuleConfig rules;
  private final PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences;

  private DetectProvisionalEvents(
      RuleConfig rules, PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.fences = Objects.requireNonNull(fences, "fences");
  }

  public static DetectProvisionalEvents with(
      RuleConfig rules, PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences) {
    return new DetectProvisionalEvents(rules, fences);
  }

  @Override
  public PCollection<EventVersion> expand(PCollection<Fix> fixes) {
    return Analytics.batchPerBundle(Analytics.keyByMmsi(fixes, KEY_STEP), RULE_STEP)
        .apply(
            RULE_STEP,
            ParDo.of(new DetectProvisionalEventsFn(rules, fences)).withSideInputs(fences))
        .setCoder(EventVersionCoder.of());
  }

  static final class DetectProvisionalEventsFn
      extends DoFn<KV<Long, List<TimestampedValue<Fix>>>, EventVersion> {
    private static final long serialVersionUID = 1L;

    @StateId(STATE_RULES)
    private final StateSpec<ValueState<byte[]>> rulesSpec = StateSpecs.value(ByteArrayCoder.of());

    @StateId(STATE_WAKE)
    private final StateSpec<ValueState<Long>> wakeSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId(TIMER_WAKE)
    private final TimerSpec wakeTimer = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final RuleConfig config;
    private final PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences;
    private final Counter outOfOrder =
        Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "provisional_out_of_order");
    private final Counter emitted =
        Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "provisional_events");

    private transient LiveVesselRules live;
    private transient PendingGaps pendingGaps;
    private transient TrackGeofences.FenceCache fenceCache;
    private transient List<GeofenceRow> trackerRows;
    private transient GeofenceTracker tracker;

    /** The tracker for the fences the bundle's first batch read (see LocateInGeofencesFn). */
    private transient GeofenceTracker bundleTracker;

    DetectProvisionalEventsFn(
        RuleConfig config, PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences) {
      this.config = config;
      this.fences = fences;
    }

    @Setup
    public void setup() {
      live = new LiveVesselRules(config);
      pendingGaps = new PendingGaps();
      fenceCache = new TrackGeofences.FenceCache();
    }

    @StartBundle
    public void startBundle() {
      bundleTracker = null;
    }

    @ProcessElement
    public void process(
        ProcessContext c,
        @StateId(STATE_RULES) ValueState<byte[]> rulesState,
        @StateId(STATE_WAKE) ValueState<Long> wake,
        @TimerId(TIMER_WAKE) Timer wakeTimer) {
      List<TimestampedValue<Fix>> batch = c.element().getValue();
      byte[] bytes = rulesState.read();
      LiveVesselRules.State s =
          bytes == null
              ? live.newState((int) (long) c.element().getKey())
              : LiveVesselRules.State.fromBytes(bytes);
      if (bundleTracker == null) {
        bundleTracker = tracker(c.sideInput(this.fences));
      }
      GeofenceTracker fences = bundleTracker;
      boolean changed = false;
      long now = System.currentTimeMillis();
      for (TimestampedValue<Fix> tv : batch) {
        Fix fix = tv.getValue();
        if (!live.inOrder(s, fix)) {
          outOfOrder.inc();
        } else {
          for (VesselEvent e : live.onFix(s, fix, fences)) {
            emitted.inc();
            c.outputWithTimestamp(EventVersion.provisional(e, fix.timeMillis()), tv.getTimestamp());
          }
          pendingGaps.schedule(s.mmsi(), live.gapDeadline(s), live.openGap(s));
          changed = true;
        }
        if (fix.timeMillis() <= now + MAX_FUTURE_MILLIS) {
          for (PendingGaps.Due due : pendingGaps.advance(fix.timeMillis())) {
            emitted.inc();
            c.outputWithTimestamp(
                EventVersion.provisional(due.gap(), due.deadlineMillis()), tv.getTimestamp());
          }
        }
      }
      if (changed) {
        rulesState.write(s.toBytes());
        arm(wake, wakeTimer, nextWake(s, Long.MIN_VALUE), c.timestamp());
      }
    }

    @OnTimer(TIMER_WAKE)
    public void onWake(
        OnTimerContext c,
        @StateId(STATE_RULES) ValueState<byte[]> rulesState,
        @StateId(STATE_WAKE) ValueState<Long> wake,
        @TimerId(TIMER_WAKE) Timer wakeTimer) {
      byte[] bytes = rulesState.read();
      if (bytes == null) {
        wake.clear();
        return;
      }
      LiveVesselRules.State s = LiveVesselRules.State.fromBytes(bytes);
      long now = c.fireTimestamp().getMillis();
      long deadline = live.gapDeadline(s);
      if (OrderedRuleFn.roundUp(deadline) == now) {
        // The watermark says time has passed, not that any fix proves it (the end of a bounded
        // input, a watermark-advance line, a partition following its topic): only this
        // instance's clock does. It normally got there first and emitted the GAP; after a
        // restart the vessel is not in memory, so it goes back there to wait for the clock. The
        // reconciliation drops a repeat.
        if (pendingGaps.clockMillis() >= deadline) {
          emitted.inc();
          c.output(EventVersion.provisional(live.openGap(s), deadline));
        } else {
          pendingGaps.schedule(s.mmsi(), deadline, live.openGap(s));
        }
      }
      if (live.expiryMillis(s) <= now) {
        rulesState.clear();
        wake.clear();
        return;
      }
      arm(wake, wakeTimer, nextWake(s, now), c.timestamp());
    }

    /** The GAP deadline if still ahead of {@code after}, else the state's expiry; whole minutes. */
    private long nextWake(LiveVesselRules.State s, long after) {
      long gap = OrderedRuleFn.roundUp(live.gapDeadline(s));
      return gap > after ? gap : OrderedRuleFn.roundUp(live.expiryMillis(s));
    }

    private static void arm(ValueState<Long> wake, Timer timer, long at, Instant notBefore) {
      Long armed = wake.read();
      if (armed != null && armed == at) {
        return;
      }
      long t = Math.max(at, notBefore.getMillis());
      timer.set(new Instant(t));
      wake.write(t);
    }

    private GeofenceTracker tracker(List<KV<Long, List<GeofenceRow>>> reads) {
      List<GeofenceRow> rows = ReadGeofences.newest(reads);
      if (tracker == null || !rows.equals(trackerRows)) {
        List<Geofence> parsed = new ArrayList<>();
        for (GeofenceRow row : rows) {
          Geofence f = fenceCache.get(row);
          if (f != null) {
            parsed.add(f);
          }
        }
        tracker = new GeofenceTracker(config, parsed);
        trackerRows = rows;
      }
      return tracker;
    }
  }
}
