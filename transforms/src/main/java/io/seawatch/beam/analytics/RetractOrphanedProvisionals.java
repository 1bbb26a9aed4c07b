package io.seawatch.beam.analytics;

import io.seawatch.beam.coders.AlertCoder;
import io.seawatch.db.AlertTable;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.PooledDataSources;
import io.seawatch.db.VesselEventTable;
import io.seawatch.rules.Alert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * Settles the provisional versions a failure left behind. {@link ReconcileAlerts} resolves every
 * provisional version it holds in state; but a version written to the sinks after the last
 * checkpoint and not made again by the replay after a restore (arrival order changed, or the
 * in-memory GAP clock was lost) is in no state: its rows would stay provisional forever.
 *
 * <p>The exact path's watermark bounds what can still be confirmed: once this step's input
 * watermark (the alerts' - it trails the exact path) has passed a deciding time by more than
 * {@link #SLACK_MILLIS}, a version decided then has been confirmed or retracted by the
 * reconciliation if it ever will be. So, on an event-time timer (whole minutes, one key), the step
 * deletes the provisional {@code vessel_event} rows decided before that bound and emits a
 * retraction for every alert not final decided in the window since the previous sweep, for the
 * alert table and topic. Retracted alerts in the window are selected again, so a sweep repeated
 * after a restore repeats its whole output. Normally the window holds only retractions already
 * made; the count of alerts swept is {@code seawatch.analytics/provisional_swept}.
 *
 * <p>State: two longs under one key (the swept bound, the armed timer); nothing per vessel.
 */
public final class RetractOrphanedProvisionals
    extends PTransform<PCollection<Alert>, PCollection<Alert>> {
  private static final long serialVersionUID = 1L;

  public static final String KEY_STEP = "OnOneKey";
  public static final String SWEEP_STEP = "SweepFn";

  /** Beyond the reconciliation's own margin: the hold of a late provisional emission. */
  public static final long SLACK_MILLIS = ReconcileAlerts.RETRACT_MARGIN_MILLIS + 30 * 60_000L;

  static final String STATE_SWEPT = "swept";
  static final String STATE_ARMED = "armed";
  static final String TIMER_SWEEP = "sweep";

  private final JdbcTarget target;

  private RetractOrphanedProvisionals(JdbcTarget target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  public static RetractOrphanedProvisionals in(JdbcTarget target) {
    return new RetractOrphanedProvisionals(target);
  }

  @Override
  public PCollection<Alert> expand(PCollection<Alert> alerts) {
    return alerts
        .apply(KEY_STEP, WithKeys.<String, Alert>of("").withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), AlertCoder.of()))
        .apply(SWEEP_STEP, ParDo.of(new SweepFn(target)))
        .setCoder(AlertCoder.of());
  }

  static final class SweepFn extends DoFn<KV<String, Alert>, Alert> {
    private static final long serialVersionUID = 1L;

    @StateId(STATE_SWEPT)
    private final StateSpec<ValueState<Long>> sweptSpec = StateSpecs.value(VarLongCoder.of());

    @StateId(STATE_ARMED)
    private final StateSpec<ValueState<Long>> armedSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId(TIMER_SWEEP)
    private final TimerSpec sweepSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final JdbcTarget target;
    private final Counter swept =
        Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "provisional_swept");

    SweepFn(JdbcTarget target) {
      this.target = target;
    }

    /** Every alert says the watermark will get to its time: sweep then (whole minutes). */
    @ProcessElement
    public void process(
        @Timestamp Instant timestamp,
        @StateId(STATE_ARMED) ValueState<Long> armed,
        @TimerId(TIMER_SWEEP) Timer sweep) {
      long at = OrderedRuleFn.roundUp(timestamp.getMillis());
      Long current = armed.read();
      if (current == null || current < at) {
        sweep.set(new Instant(at));
        armed.write(at);
      }
    }

    @OnTimer(TIMER_SWEEP)
    public void onSweep(
        OnTimerContext c,
        @StateId(STATE_SWEPT) ValueState<Long> sweptUpTo,
        @StateId(STATE_ARMED) ValueState<Long> armed,
        OutputReceiver<Alert> out)
        throws SQLException {
      armed.clear();
      long upTo = c.fireTimestamp().getMillis() - SLACK_MILLIS;
      Long from = sweptUpTo.read();
      if (from != null && upTo <= from) {
        return;
      }
      for (Alert a : sweep(from == null ? 0 : from, upTo)) {
        swept.inc();
        out.output(a.retracted());
      }
      sweptUpTo.write(upTo);
    }

    private List<Alert> sweep(long from, long upTo) throws SQLException {
      List<Alert> found = new ArrayList<>();
      try (Connection c = PooledDataSources.get(target, false).getConnection()) {
        c.setAutoCommit(true);
        try (PreparedStatement delete = c.prepareStatement(VesselEventTable.DELETE_PROVISIONAL_BEFORE)) {
          delete.setTimestamp(1, new java.sql.Timestamp(upTo));
          delete.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement(AlertTable.SELECT_UNCONFIRMED)) {
          select.setTimestamp(1, new java.sql.Timestamp(from));
          select.setTimestamp(2, new java.sql.Timestamp(upTo));
          try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              found.add(AlertTable.read(rs));
            }
          }
        }
      }
      return found;
    }
  }
}
