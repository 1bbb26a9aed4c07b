package io.seawatch.rules;

import io.seawatch.ais.AisDecoder;
import io.seawatch.ais.AisException;
import io.seawatch.ais.AisProjections;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.model.MessageHash;
import io.seawatch.model.VesselPosition;
import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.ExpectedEvent;
import io.seawatch.testdata.ScenarioGeofence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The named scenarios of {@code io.seawatch.testdata.AnalyticsScenarios} through the plain-Java
 * rules: their NMEA lines decoded as the pipeline decodes them, every rule run by the {@code
 * KeyedReplay} miniature of the Beam layer up to the end of the input, and the events reduced to
 * the scenario's {@link ExpectedEvent} form. Public for the Beam-layer tests.
 */
public final class ScenarioRuns {
  private ScenarioRuns() {}

  /** The fixes the pipeline decodes from the scenario's lines (source from the tag block). */
  public static List<Fix> fixes(List<String> lines) {
    List<Fix> out = new ArrayList<>();
    for (String line : lines) {
      try {
        NmeaSentence s = NmeaSentence.parse(line);
        long t = s.receiveTimeMillis();
        VesselPosition p =
            AisProjections.toPosition(
                AisDecoder.decode(List.of(s)), t, MessageHash.of(t, s.payload()),
                s.tagBlock().source());
        out.add(Fix.of(p));
      } catch (AisException e) {
        throw new IllegalArgumentException("scenario line does not decode: " + line, e);
      }
    }
    return TrackBuilder.merge(out);
  }

  public static List<Fix> fixes(AnalyticsScenario scenario) {
    return fixes(scenario.lines());
  }

  public static List<Geofence> fences(List<ScenarioGeofence> rows) {
    List<Geofence> out = new ArrayList<>();
    for (ScenarioGeofence g : rows) {
      out.add(Geofence.parse(g.id(), g.name(), g.kind(), g.polygon()));
    }
    return out;
  }

  /**
   * Every event-producing rule over the fixes (sorted by time, then MMSI), then the end of the
   * input: the watermark goes to the end of time, as in a bounded run. Open GAPs pass the {@link
   * OpenGapGate} (ticked by every fix), as in the pipeline.
   */
  public static List<VesselEvent> allRules(List<Fix> fixes, List<Geofence> fences) {
    RuleConfig config = RuleConfig.defaults();
    long end = Long.MAX_VALUE / 2;
    List<VesselEvent> out = new ArrayList<>(gapsThroughGate(fixes, end));
    out.addAll(RuleScenarios.loiteringReference(fixes, end));
    out.addAll(RuleScenarios.encounterReference(fixes, end));
    for (List<Fix> vessel : byVessel(fixes).values()) {
      out.addAll(RuleScenarios.segmentReference(vessel, end));
    }
    out.addAll(geofenceReference(fixes, fences, end));
    return out;
  }

  /** The geofence tracker per vessel over the fixes (sorted by time), then the watermark. */
  public static List<VesselEvent> geofenceReference(
      List<Fix> fixes, List<Geofence> fences, long endWatermark) {
    RuleConfig config = RuleConfig.defaults();
    List<VesselEvent> out = new ArrayList<>();
    GeofenceTracker tracker = new GeofenceTracker(config, fences);
    KeyedReplay<GeofenceTracker.State, Fix, VesselEvent> geo =
        new KeyedReplay<>(
            KeyedReplay.rule(
                k -> new GeofenceTracker.State((int) (long) k),
                tracker::onPosition,
                tracker::onWatermark,
                tracker::timerMillis,
                tracker::isExpired,
                GeofenceTracker.State::toBytes,
                GeofenceTracker.State::fromBytes));
    for (Fix f : fixes) {
      if (f.hasCoordinates()) {
        out.addAll(geo.input(f.mmsi(), f.timeMillis(), f));
      }
    }
    out.addAll(geo.advanceTo(endWatermark));
    return out;
  }

  /** GapDetectorTest's two stages, then the gate; ticks are the fixes' own times. */
  public static List<VesselEvent> gapsThroughGate(List<Fix> fixes, long endWatermark) {
    GapDetectorTest.Pipeline p = new GapDetectorTest().new Pipeline();
    OpenGapGate gate = new OpenGapGate(RuleConfig.defaults());
    OpenGapGate.State state = new OpenGapGate.State();
    List<VesselEvent> out = new ArrayList<>();
    int seen = 0;
    for (Fix f : fixes) {
      p.input(f);
      for (; seen < p.out.size(); seen++) {
        out.addAll(gate.onGap(state, p.out.get(seen)));
      }
      out.addAll(gate.onClock(state, f.timeMillis()));
      state = OpenGapGate.State.fromBytes(state.toBytes());
    }
    p.advanceTo(endWatermark);
    for (; seen < p.out.size(); seen++) {
      out.addAll(gate.onGap(state, p.out.get(seen)));
    }
    return out;
  }

  /** The final row per event id (the closed version supersedes the open one), as expected. */
  public static List<ExpectedEvent> finalRows(List<VesselEvent> events) {
    Map<Long, VesselEvent> rows = new LinkedHashMap<>();
    for (VesselEvent e : events) {
      VesselEvent prev = rows.get(e.id());
      if (prev == null || prev.open() || !e.open()) {
        rows.put(e.id(), e);
      }
    }
    List<ExpectedEvent> out = new ArrayList<>();
    rows.values().forEach(e -> out.add(project(e)));
    out.sort(AnalyticsScenario.EVENT_ORDER);
    return out;
  }

  /** The event reduced to kind, vessels, times and the kind's key details. */
  public static ExpectedEvent project(VesselEvent e) {
    TreeMap<String, Object> d = new TreeMap<>();
    for (String k : ExpectedEvent.keyDetails(e.kind().name())) {
      if (e.details().containsKey(k)) {
        d.put(k, e.details().get(k));
      }
    }
    return new ExpectedEvent(
        e.kind().name(), e.mmsi(), e.otherMmsi(), Instant.ofEpochMilli(e.startMillis()),
        e.open() ? null : Instant.ofEpochMilli(e.endMillis()), d);
  }

  private static Map<Integer, List<Fix>> byVessel(List<Fix> fixes) {
    Map<Integer, List<Fix>> m = new TreeMap<>();
    fixes.forEach(f -> m.computeIfAbsent(f.mmsi(), k -> new ArrayList<>()).add(f));
    return m;
  }
}
