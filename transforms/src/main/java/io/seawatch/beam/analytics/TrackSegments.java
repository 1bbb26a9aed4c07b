package io.seawatch.beam.analytics;

import io.seawatch.beam.values.FixOrEvent;
import io.seawatch.beam.coders.FixOrEventCoder;
import io.seawatch.db.VesselStatsRow;
import io.seawatch.geo.Geo;
import io.seawatch.rules.TrackSegmenter;
import io.seawatch.rules.VesselEvent;
import io.seawatch.rules.VesselRunningStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Track segmentation ({@link TrackSegmenter}: SEGMENT and SPOOFED_JUMP events) and the running
 * aggregates ({@link VesselRunningStats}) per vessel, in one keyed step because the aggregates
 * need the segmenter's step for each fix.
 *
 * <p>Input: the vessel's fixes and the events of the other rules ({@link FixOrEvent}); an event is
 * keyed by its mmsi and, for pairs, also by its otherMmsi, so both vessels track it as open. Fixes
 * and events are applied in event-time order; an event arriving after the vessel moved past its
 * time is applied at the processed time (only open/closed matters for it), a fix becomes a dead
 * letter.
 *
 * <p>Outputs: {@link Analytics#EVENTS} (SEGMENT open when a segment starts and closed, same id,
 * when it ends - the {@code vessel_segment} rows are these events; SPOOFED_JUMP), and {@link
 * Analytics#STATS}: after every flush that changed the vessel, one {@link VesselStatsRow} as of
 * the time of the last change (distances in nautical miles; only once the vessel has a position).
 *
 * <p>State per vessel: segmenter 14 + 60 per open segment, running stats 86 + 17 per open event;
 * freed when both are expired (the stats {@code vesselStateTtl} after the last fix).
 */
public final class TrackSegments extends PTransform<PCollection<FixOrEvent>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String KEY_STEP = "KeyByVessel";
  public static final String RULE_STEP = "TrackSegmentsFn";

  private final AnalyticsConfig config;

  private TrackSegments(AnalyticsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static TrackSegments with(AnalyticsConfig config) {
    return new TrackSegments(config);
  }

  @Override
  public PCollectionTuple expand(PCollection<FixOrEvent> inputs) {
    return Analytics.applyRule(
        inputs
            .apply(
                KEY_STEP,
                FlatMapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.longs(), TypeDescriptor.of(FixOrEvent.class)))
                    .via(TrackSegments::keys))
            .setCoder(KvCoder.of(VarLongCoder.of(), FixOrEventCoder.of())),
        RULE_STEP,
        new Rule(config),
        FixOrEventCoder.of(),
        config,
        Analytics.EVENTS,
        Map.of(
            Analytics.EVENTS, io.seawatch.beam.coders.VesselEventCoder.of(),
            Analytics.STATS, Analytics.statsCoder()));
  }

  static List<KV<Long, FixOrEvent>> keys(FixOrEvent in) {
    List<KV<Long, FixOrEvent>> out = new ArrayList<>(2);
    if (in.isFix()) {
      out.add(KV.of((long) in.fix().mmsi(), in));
    } else {
      VesselEvent e = in.event();
      out.add(KV.of((long) e.mmsi(), in));
      if (e.otherMmsi() != 0 && e.otherMmsi() != e.mmsi()) {
        out.add(KV.of((long) e.otherMmsi(), in));
      }
    }
    return out;
  }

  /** Segmenter and stats state of one vessel; {@code changedAt} is transient bookkeeping. */
  static final class VesselTrack {
    TrackSegmenter.State segments;
    VesselRunningStats.State stats;
    long changedAt = Long.MIN_VALUE;

    byte[] toBytes() {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] a = segments.toBytes();
        out.writeInt(a.length);
        out.write(a);
        out.write(stats.toBytes());
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static VesselTrack fromBytes(byte[] b) {
      try {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
        int n = in.readInt();
        if (n < 0 || n > b.length - 4) {
          throw new IllegalArgumentException("TrackSegments state: corrupt length " + n);
        }
        byte[] a = new byte[n];
        in.readFully(a);
        byte[] rest = in.readAllBytes();
        VesselTrack v = new VesselTrack();
        v.segments = TrackSegmenter.State.fromBytes(a);
        v.stats = VesselRunningStats.State.fromBytes(rest);
        return v;
      } catch (IOException e) {
        throw new IllegalArgumentException("TrackSegments state: corrupt (" + e + ")", e);
      }
    }
  }

  static final class Rule extends OrderedRule<Long, FixOrEvent, VesselTrack> {
    private static final long serialVersionUID = 1L;
    private final AnalyticsConfig config;
    private transient TrackSegmenter segmenter;
    private transient VesselRunningStats stats;

    Rule(AnalyticsConfig config) {
      this.config = config;
    }

    private void init() {
      if (segmenter == null) {
        segmenter = new TrackSegmenter(config.rules());
        stats = new VesselRunningStats(config.rules());
      }
    }

    @Override
    public String name() {
      return "track";
    }

    @Override
    public String keyNoun() {
      return "vessel";
    }

    @Override
    public Comparator<FixOrEvent> tieBreak() {
      return Analytics.FIX_OR_EVENT_ORDER;
    }

    @Override
    public VesselTrack newState(Long key) {
      VesselTrack v = new VesselTrack();
      v.segments = new TrackSegmenter.State((int) (long) key);
      v.stats = new VesselRunningStats.State((int) (long) key);
      return v;
    }

    @Override
    public VesselTrack fromBytes(byte[] bytes) {
      return VesselTrack.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(VesselTrack s) {
      return s.toBytes();
    }

    @Override
    public void onInput(VesselTrack s, FixOrEvent in, long t, Emitter out) {
      init();
      if (in.isFix()) {
        for (VesselEvent e : segmenter.onPosition(s.segments, in.fix())) {
          out.emit(Analytics.EVENTS, e, t);
          stats.onEvent(s.stats, e);
        }
        stats.onPosition(s.stats, in.fix(), s.segments.lastStep());
      } else {
        stats.onEvent(s.stats, in.event());
      }
      s.changedAt = t;
    }

    @Override
    public void onWatermark(VesselTrack s, long t, Emitter out) {
      init();
      for (VesselEvent e : segmenter.onWatermark(s.segments, t)) {
        out.emit(Analytics.EVENTS, e, t);
        stats.onEvent(s.stats, e);
        s.changedAt = t;
      }
      stats.onWatermark(s.stats, t);
    }

    @Override
    public void onFlushed(VesselTrack s, long t, Emitter out) {
      if (s.changedAt == Long.MIN_VALUE) {
        return;
      }
      init();
      VesselRunningStats.Snapshot snap = stats.snapshot(s.stats, s.changedAt);
      if (!Double.isNaN(snap.lat())) {
        out.emit(
            Analytics.STATS,
            new VesselStatsRow(
                snap.mmsi(),
                s.changedAt,
                snap.lat(),
                snap.lon(),
                snap.distanceTodayMeters() / Geo.METERS_PER_NM,
                snap.distanceTotalMeters() / Geo.METERS_PER_NM,
                snap.segmentId(),
                snap.openEventIds()),
            s.changedAt);
      }
      s.changedAt = Long.MIN_VALUE;
    }

    @Override
    public long timerMillis(VesselTrack s) {
      init();
      long statsExpiry = stats.expiryTime(s.stats);
      return Math.min(
          segmenter.timerMillis(s.segments),
          statsExpiry == Long.MIN_VALUE ? Long.MAX_VALUE : statsExpiry);
    }

    @Override
    public boolean isExpired(VesselTrack s, long t) {
      init();
      return segmenter.isExpired(s.segments, t) && stats.isExpired(s.stats, t);
    }

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
