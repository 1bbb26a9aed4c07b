package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.AlertCoder;
import io.seawatch.beam.coders.EventVersionCoder;
import io.seawatch.beam.values.EventVersion;
import io.seawatch.rules.Alert;
import io.seawatch.rules.VesselEvent;
import java.util.Objects;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
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
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * The alerts: every exact event of an alert kind becomes a {@code final} {@link Alert}; a
 * provisional version ({@link DetectProvisionalEvents}) becomes a {@code provisional} one at once
 * and, unless the exact path produced the same event id by then, a {@code retracted} one.
 *
 * <p>Keyed by event id. "By then" is {@link #RETRACT_MARGIN_MILLIS} of event time after the
 * provisional version's deciding time: the exact version of an event carries the time of the
 * input that decided it, the same as the provisional one (the margin covers the GAP gate, which
 * passes an open GAP at the next clock tick), and an event-time timer at that time fires only when
 * the exact path's watermark - which trails its input by the allowed lateness - has passed it.
 *
 * <p>Outputs: {@link #ALERTS} (for the {@code alert} table and the {@code seawatch.alerts} topic)
 * and {@link #PROVISIONAL_ROWS} (the provisional versions and their retractions, for {@code
 * vessel_event}; exact rows are written by the event sink as before). State exists only for ids
 * with a provisional version, from its arrival to its resolution: the version and whether the exact
 * one came.
 */
public final class ReconcileAlerts
    extends PTransform<PCollection<VesselEvent>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<Alert> ALERTS = new TupleTag<Alert>("alerts") {};
  public static final TupleTag<EventVersion> PROVISIONAL_ROWS =
      new TupleTag<EventVersion>("provisionalRows") {};

  public static final String FILTER_STEP = "KeepAlertKinds";
  public static final String EXACT_STEP = "AsExactVersions";
  public static final String VERSIONS_STEP = "FlattenVersions";
  public static final String KEY_STEP = "KeyByEventId";
  public static final String RECONCILE_STEP = "ReconcileAlertsFn";

  /** How long past its deciding time a provisional version waits for its exact one. */
  public static final long RETRACT_MARGIN_MILLIS = 5 * 60_000L;

  static final String STATE_PENDING = "pending";
  static final String STATE_CONFIRMED = "confirmed";
  static final String TIMER_RESOLVE = "resolve";

  private final PCollection<EventVersion> provisional;

  private ReconcileAlerts(PCollection<EventVersion> provisional) {
    this.provisional = provisional;
  }

  /** Applied to the exact events (every kind; those that raise no alert are skipped). */
  public static ReconcileAlerts with(PCollection<EventVersion> provisional) {
    return new ReconcileAlerts(Objects.requireNonNull(provisional, "provisional"));
  }

  /** Without provisional versions (bounded runs): every alert is final, nothing is kept. */
  public static ReconcileAlerts exactOnly() {
    return new ReconcileAlerts(null);
  }

  @Override
  public PCollectionTuple expand(PCollection<VesselEvent> exact) {
    PCollection<EventVersion> exactVersions =
        exact
            .apply(FILTER_STEP, Filter.by(Alert::raises))
            .apply(
                EXACT_STEP,
                MapElements.into(TypeDescriptor.of(EventVersion.class))
                    .via(EventVersion::exact))
            .setCoder(EventVersionCoder.of());
    PCollection<EventVersion> versions =
        provisional == null
            ? exactVersions
            : Analytics.flatten(
                VERSIONS_STEP,
                EventVersionCoder.of(),
                PCollectionList.of(exactVersions).and(provisional));
    PCollectionTuple out =
        versions
            .apply(
                KEY_STEP,
                WithKeys.of((EventVersion v) -> v.event().id())
                    .withKeyType(TypeDescriptors.longs()))
            .setCoder(KvCoder.of(VarLongCoder.of(), EventVersionCoder.of()))
            .apply(
                RECONCILE_STEP,
                ParDo.of(new ReconcileAlertsFn())
                    .withOutputTags(ALERTS, TupleTagList.of(PROVISIONAL_ROWS)));
    out.get(ALERTS).setCoder(AlertCoder.of());
    out.get(PROVISIONAL_ROWS).setCoder(EventVersionCoder.of());
    return out;
  }

  static final class ReconcileAlertsFn extends DoFn<KV<Long, EventVersion>, Alert> {
    private static final long serialVersionUID = 1L;

    @StateId(STATE_PENDING)
    private final StateSpec<ValueState<EventVersion>> pendingSpec =
        StateSpecs.value(EventVersionCoder.of());

    @StateId(STATE_CONFIRMED)
    private final StateSpec<ValueState<Boolean>> confirmedSpec =
        StateSpecs.value(BooleanCoder.of());

    @TimerId(TIMER_RESOLVE)
    private final TimerSpec resolveSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final Counter confirmed =
        Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "provisional_confirmed");
    private final Counter retracted =
        Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "provisional_retracted");

    @ProcessElement
    public void process(
        @Element KV<Long, EventVersion> element,
        @Timestamp Instant timestamp,
        @StateId(STATE_PENDING) ValueState<EventVersion> pending,
        @StateId(STATE_CONFIRMED) ValueState<Boolean> confirmedState,
        @TimerId(TIMER_RESOLVE) Timer resolve,
        MultiOutputReceiver out) {
      EventVersion v = element.getValue();
      if (v.status() == Alert.Status.FINAL) {
        out.get(ALERTS).output(v.alert());
        if (pending.read() != null && confirmedState.read() == null) {
          confirmed.inc();
          confirmedState.write(true);
        }
        return;
      }
      if (pending.read() != null) {
        return; // a repeat (the timer's copy of an open GAP, a replay)
      }
      pending.write(v);
      out.get(ALERTS).output(v.alert());
      out.get(PROVISIONAL_ROWS).output(v);
      long at = Math.max(v.decidedMillis() + RETRACT_MARGIN_MILLIS, timestamp.getMillis());
      resolve.set(new Instant(at));
    }

    @OnTimer(TIMER_RESOLVE)
    public void onResolve(
        @StateId(STATE_PENDING) ValueState<EventVersion> pending,
        @StateId(STATE_CONFIRMED) ValueState<Boolean> confirmedState,
        MultiOutputReceiver out) {
      EventVersion v = pending.read();
      if (v != null && confirmedState.read() == null) {
        retracted.inc();
        EventVersion withdrawn = v.retracted();
        out.get(ALERTS).output(withdrawn.alert());
        out.get(PROVISIONAL_ROWS).output(withdrawn);
      }
      pending.clear();
      confirmedState.clear();
    }
  }
}
