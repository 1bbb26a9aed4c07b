package io.seawatch.rules;

import static io.seawatch.rules.TrackBuilder.millis;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.seawatch.geo.Geo;
import io.seawatch.geo.GridCell;
import io.seawatch.geo.LatLon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class EncounterDetectorTest {
  private static final Duration THREE_MIN = Duration.ofMinutes(3);

  private final EncounterDetector rule = new EncounterDetector(RuleConfig.defaults());

  /** Cells keyed by cell id, then pairs keyed by pair, as the Beam layer chains them. */
  final class Pipeline {
    final KeyedReplay<EncounterDetector.CellState, Fix, EncounterDetector.Proximity> cells =
        new KeyedReplay<>(
            KeyedReplay.rule(
                EncounterDetector.CellState::new,
                rule::onPosition,
                (s, wm) -> {
                  rule.onWatermark(s, wm);
                  return List.of();
                },
                rule::timerMillis,
                rule::isExpired,
                EncounterDetector.CellState::toBytes,
                EncounterDetector.CellState::fromBytes));
    final KeyedReplay<EncounterDetector.PairState, EncounterDetector.Proximity, VesselEvent> pairs =
        new KeyedReplay<>(
            KeyedReplay.rule(
                k -> new EncounterDetector.PairState((int) (k >>> 32), (int) (long) k),
                rule::onProximity,
                rule::onWatermark,
                rule::timerMillis,
                rule::isExpired,
                EncounterDetector.PairState::toBytes,
                EncounterDetector.PairState::fromBytes));
    final List<VesselEvent> out = new ArrayList<>();
    int observations;

    void input(Fix f) {
      out.addAll(pairs.advanceTo(f.timeMillis()));
      for (long cell : rule.routeCells(f)) {
        for (EncounterDetector.Proximity p : cells.input(cell, f.timeMillis(), f)) {
          observations++;
          out.addAll(pairs.input(p.pairKey(), p.timeMillis(), p));
        }
      }
    }

    void advanceTo(long wm) {
      cells.advanceTo(wm);
      out.addAll(pairs.advanceTo(wm));
    }
  }

  /** Two ships 300 m abeam, both going north from 22:30 UTC, on both sides of a cell edge. */
  static List<Fix> twoShipsAcrossMidnight(double knots, Duration length) {
    double lat = 10.05;
    double lonA = 19.999;
    LatLon b = Geo.destination(lat, lonA, 90, 300);
    List<Fix> a =
        TrackBuilder.vessel(222_000_001, "rec1", "2024-08-31T22:30:00Z", lat, lonA)
            .report(knots)
            .sail(0, knots, length, THREE_MIN)
            .fixes();
    List<Fix> c =
        TrackBuilder.vessel(111_000_002, "rec1", "2024-08-31T22:30:00Z", b.lat(), b.lon())
            .report(knots)
            .sail(0, knots, length, THREE_MIN)
            .fixes();
    return TrackBuilder.merge(a, c);
  }

  @Test
  public void twoShips300mApartAt1KnotFor3HoursAcrossMidnight() {
    List<Fix> fixes = twoShipsAcrossMidnight(1.0, Duration.ofHours(3));
    // The pair straddles the lon 20.0 cell edge.
    assertNotEquals(
        GridCell.idOf(fixes.get(0).lat(), fixes.get(0).lon()),
        GridCell.idOf(fixes.get(1).lat(), fixes.get(1).lon()));
    Pipeline p = new Pipeline();
    fixes.forEach(p::input);
    p.advanceTo(millis("2024-09-01T06:00:00Z"));

    long start = millis("2024-08-31T22:30:00Z");
    long end = millis("2024-09-01T01:30:00Z");
    assertEquals(2, p.out.size());
    VesselEvent open = p.out.get(0);
    VesselEvent closed = p.out.get(1);
    assertTrue(open.open());
    assertEquals(start, open.startMillis());
    assertEquals(7_200L, open.details().get("duration_s"));
    assertEquals(open.id(), closed.id());
    assertEquals(
        VesselEvent.idOf(VesselEvent.Kind.ENCOUNTER, 111_000_002, 222_000_001, start, ""),
        closed.id());
    assertFalse(closed.open());
    assertEquals(VesselEvent.Kind.ENCOUNTER, closed.kind());
    assertEquals(111_000_002, closed.mmsi()); // lower MMSI first
    assertEquals(222_000_001, closed.otherMmsi());
    assertEquals(start, closed.startMillis());
    assertEquals(end, closed.endMillis());
    assertEquals(10_800L, closed.details().get("duration_s"));
    // First B sees A at 22:30, then every 3 min each ship sees the other: 1 + 60 * 2.
    assertEquals(121L, closed.details().get("observations"));
    assertEquals(121, p.observations);
    assertEquals(1.0, (Double) closed.details().get("slow_fraction"), 0);
    // Meridians converge: 300 m abeam at 10.05 N is 299.95 m at 10.10 N.
    assertEquals(299.9535, (Double) closed.details().get("min_distance_m"), 1e-4);
    // Half the observations compare with a fix 3 min (92.6 m) older: sqrt(300^2 + 92.6^2).
    assertEquals(
        (61 * 300.0 + 60 * 313.97) / 121, (Double) closed.details().get("mean_distance_m"), 0.05);
    assertEquals(10.05 + 1.5 / 60, closed.lat(), 1e-3);
    assertEquals(19.999 + 0.00137, closed.lon(), 1e-4);
    assertEquals(0, p.pairs.liveKeys());
    assertEquals(0, p.cells.liveKeys());
  }

  @Test
  public void fastShipsSideBySideAreNoEncounter() {
    Pipeline p = new Pipeline();
    twoShipsAcrossMidnight(2.0, Duration.ofHours(3)).forEach(p::input);
    p.advanceTo(millis("2024-09-01T06:00:00Z"));
    assertEquals(List.of(), p.out);
  }

  @Test
  public void lessThanTwoHoursIsNoEncounter() {
    Pipeline p = new Pipeline();
    twoShipsAcrossMidnight(1.0, Duration.ofMinutes(117)).forEach(p::input);
    p.advanceTo(millis("2024-09-01T06:00:00Z"));
    assertEquals(List.of(), p.out);
  }

  @Test
  public void statesRoundTripWithExactSizes() {
    List<Fix> fixes = twoShipsAcrossMidnight(1.0, Duration.ofHours(1));
    EncounterDetector.CellState cell =
        new EncounterDetector.CellState(rule.routeCells(fixes.get(0))[0]);
    EncounterDetector.PairState pair = new EncounterDetector.PairState(222_000_001, 111_000_002);
    for (Fix f : fixes) {
      for (EncounterDetector.Proximity x : rule.onPosition(cell, f)) {
        rule.onProximity(pair, x);
      }
    }
    byte[] c = cell.toBytes();
    assertEquals(77, c.length); // 13 + 32 per vessel
    assertArrayEquals(c, EncounterDetector.CellState.fromBytes(c).toBytes());
    byte[] b = pair.toBytes();
    assertEquals(78, b.length);
    assertArrayEquals(b, EncounterDetector.PairState.fromBytes(b).toBytes());
    assertEquals(
        111_000_002L << 32 | 222_000_001L,
        EncounterDetector.Proximity.pairKey(222_000_001, 111_000_002));
  }
}
