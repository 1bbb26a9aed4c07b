package io.seawatch.beam.analytics;

import io.seawatch.beam.values.FenceFix;
import io.seawatch.beam.coders.FenceFixCoder;
import io.seawatch.db.GeofenceRow;
import io.seawatch.rules.Fix;
import io.seawatch.rules.Geofence;
import io.seawatch.rules.GeofenceTracker;
import io.seawatch.rules.VesselEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * GEOFENCE_ENTRY / GEOFENCE_EXIT / PORT_VISIT events ({@link GeofenceTracker}) per vessel.
 *
 * <p>The fences come from a side input (the {@code geofence} table, re-read periodically by {@link
 * ReadGeofences}). Side inputs cannot be read in timers, where the ordered rule runs, so {@value
 * #LOCATE_STEP} decides containment against the current fences and attaches the containing fences
 * to each fix ({@link FenceFix}); {@value #RULE_STEP} then runs the tracker in event-time order.
 * The vessel's state keeps, beside the tracker's own state, the definitions of the fences it is
 * confirmed inside, so exits and timeouts need no side input and a fence edited or removed while
 * a vessel is inside still produces its exit under the definition the vessel entered.
 *
 * <p>State per vessel: tracker 14 bytes + (85 + id) per fence it is in or entering, plus the
 * definitions of the fences it is inside (polygon text included); empty when outside every fence.
 */
public final class TrackGeofences extends PTransform<PCollection<Fix>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final String LOCATE_STEP = "LocateInGeofences";
  public static final String RULE_STEP = "TrackGeofencesFn";

  private final AnalyticsConfig config;
  private final PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences;

  private TrackGeofences(AnalyticsConfig config, PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences) {
    this.config = Objects.requireNonNull(config, "config");
    this.fences = Objects.requireNonNull(fences, "fences");
  }

  public static TrackGeofences with(
      AnalyticsConfig config, PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences) {
    return new TrackGeofences(config, fences);
  }

  @Override
  public PCollectionTuple expand(PCollection<Fix> fixes) {
    return Analytics.applyRule(
        fixes
            .apply(LOCATE_STEP, ParDo.of(new LocateInGeofencesFn(fences)).withSideInputs(fences))
            .setCoder(KvCoder.of(VarLongCoder.of(), FenceFixCoder.of())),
        RULE_STEP,
        new Rule(config),
        FenceFixCoder.of(),
        config,
        Analytics.EVENTS,
        Analytics.eventCoders());
  }

  /** Parsed fences, cached by definition (polygons are parsed once per worker). */
  static final class FenceCache {
    private final Map<GeofenceRow, Geofence> parsed = new HashMap<>();

    /** The fence, or null when its definition does not parse. */
    Geofence get(GeofenceRow row) {
      if (parsed.size() > 10_000) {
        parsed.clear();
      }
      return parsed.computeIfAbsent(
          row,
          r -> {
            try {
              return r.toGeofence();
            } catch (IllegalArgumentException e) {
              return null;
            }
          });
    }
  }

  /** Keys fixes with coordinates by MMSI and attaches the fences that contain them. */
  static final class LocateInGeofencesFn extends DoFn<Fix, KV<Long, FenceFix>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences;
    private final Counter invalid =
        Metrics.counter(OrderedRuleFn.METRICS_NAMESPACE, "geofences_invalid");
    private transient FenceCache cache;

    /**
     * The fences as read by the bundle's first fix: the runner's side-input read costs more than
     * the containment test, and fences change every few minutes at most.
     */
    private transient List<GeofenceRow> bundleFences;

    private final boolean keepAll;

    LocateInGeofencesFn(PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences) {
      this(fences, false);
    }

    /** @param keepAll also pass fixes without coordinates (inside no fence) */
    LocateInGeofencesFn(
        PCollectionView<List<KV<Long, List<GeofenceRow>>>> fences, boolean keepAll) {
      this.fences = fences;
      this.keepAll = keepAll;
    }

    @StartBundle
    public void startBundle() {
      bundleFences = null;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Fix fix = c.element();
      if (!fix.hasCoordinates()) {
        if (keepAll) {
          c.output(KV.of((long) fix.mmsi(), new FenceFix(fix, List.of())));
        }
        return; // the tracker ignores fixes without coordinates
      }
      if (cache == null) {
        cache = new FenceCache();
      }
      if (bundleFences == null) {
        bundleFences = ReadGeofences.newest(c.sideInput(fences));
      }
      List<GeofenceRow> inside = new ArrayList<>();
      for (GeofenceRow row : bundleFences) {
        Geofence f = cache.get(row);
        if (f == null) {
          invalid.inc(); // ReadGeofences already drops and logs these; kept as a safety net
        } else if (f.polygon().contains(fix.lat(), fix.lon())) {
          inside.add(row);
        }
      }
      c.output(KV.of((long) fix.mmsi(), new FenceFix(fix, inside)));
    }
  }

  /** The tracker's state plus the definitions of the fences the vessel is confirmed inside. */
  static final class VesselFences {
    GeofenceTracker.State tracker;
    final TreeMap<String, GeofenceRow> defs = new TreeMap<>();

    byte[] toBytes() {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] t = tracker.toBytes();
        out.writeInt(t.length);
        out.write(t);
        out.writeInt(defs.size());
        for (GeofenceRow r : defs.values()) {
          for (String s : new String[] {r.id(), r.name(), r.kind(), r.polygon()}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
          }
        }
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static VesselFences fromBytes(byte[] b) {
      try {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
        VesselFences v = new VesselFences();
        byte[] t = new byte[in.readInt()];
        in.readFully(t);
        v.tracker = GeofenceTracker.State.fromBytes(t);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          String[] s = new String[4];
          for (int j = 0; j < 4; j++) {
            byte[] x = new byte[in.readInt()];
            in.readFully(x);
            s[j] = new String(x, StandardCharsets.UTF_8);
          }
          v.defs.put(s[0], new GeofenceRow(s[0], s[1], s[2], s[3]));
        }
        return v;
      } catch (IOException e) {
        throw new IllegalArgumentException("TrackGeofences state: corrupt (" + e + ")", e);
      }
    }
  }

  static final class Rule extends OrderedRule<Long, FenceFix, VesselFences> {
    private static final long serialVersionUID = 1L;
    private final AnalyticsConfig config;
    private transient FenceCache cache;
    private transient GeofenceTracker noFences;

    Rule(AnalyticsConfig config) {
      this.config = config;
    }

    private GeofenceTracker tracker(Map<String, GeofenceRow> rows) {
      if (cache == null) {
        cache = new FenceCache();
        noFences = new GeofenceTracker(config.rules(), List.of());
      }
      if (rows.isEmpty()) {
        return noFences;
      }
      List<Geofence> fences = new ArrayList<>();
      for (GeofenceRow r : rows.values()) {
        Geofence f = cache.get(r);
        if (f != null) {
          fences.add(f);
        }
      }
      return new GeofenceTracker(config.rules(), fences);
    }

    @Override
    public String name() {
      return "geofences";
    }

    @Override
    public String keyNoun() {
      return "vessel";
    }

    @Override
    public Comparator<FenceFix> tieBreak() {
      return Comparator.comparing(FenceFix::fix, Analytics.FIX_ORDER);
    }

    @Override
    public VesselFences newState(Long key) {
      VesselFences v = new VesselFences();
      v.tracker = new GeofenceTracker.State((int) (long) key);
      return v;
    }

    @Override
    public VesselFences fromBytes(byte[] bytes) {
      return VesselFences.fromBytes(bytes);
    }

    @Override
    public byte[] toBytes(VesselFences s) {
      return s.toBytes();
    }

    @Override
    public void onInput(VesselFences s, FenceFix in, long t, Emitter out) {
      Map<String, GeofenceRow> rows = new LinkedHashMap<>(s.defs);
      for (GeofenceRow r : in.inside()) {
        rows.put(r.id(), r); // the current definition wins
      }
      for (VesselEvent e : tracker(rows).onPosition(s.tracker, in.fix())) {
        out.emit(Analytics.EVENTS, e, t);
      }
      keepDefinitionsOfInside(s, rows);
    }

    @Override
    public void onWatermark(VesselFences s, long t, Emitter out) {
      for (VesselEvent e : tracker(s.defs).onWatermark(s.tracker, t)) {
        out.emit(Analytics.EVENTS, e, t);
      }
      keepDefinitionsOfInside(s, new LinkedHashMap<>(s.defs));
    }

    private static void keepDefinitionsOfInside(VesselFences s, Map<String, GeofenceRow> rows) {
      s.defs.clear();
      for (String id : s.tracker.insideFences()) {
        GeofenceRow r = rows.get(id);
        if (r != null) {
          s.defs.put(id, r);
        }
      }
    }

    @Override
    public long timerMillis(VesselFences s) {
      return tracker(Map.of()).timerMillis(s.tracker);
    }

    @Override
    public boolean isExpired(VesselFences s, long t) {
      return tracker(Map.of()).isExpired(s.tracker, t);
    }

    @Override
    public String describe(FenceFix in) {
      return Analytics.describe(in.fix());
    }
  }
}
