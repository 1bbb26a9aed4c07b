package io.seawatch.rules;

import static org.junit.Assert.assertEquals;

import io.seawatch.ais.AisDecoder;
import io.seawatch.ais.AisException;
import io.seawatch.ais.AisProjections;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.model.VesselPosition;
import io.seawatch.testdata.Scenarios;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The default synthetic fleet has no spoofing in it, so the segmenter must find no jump. It used
 * to find 9 (1,500-3,600 kn over 1.1-2 NM between reports 2-3 s apart): ships turning round at
 * the end of a lane jumped to the other side of it, because the generator's lateral lane offset
 * flipped with the course (fixed in the generator's {@code Track}: the offset tapers to zero at
 * every turning point).
 */
public class DefaultFleetTracksTest {
  @Test
  public void theDefaultFleetHasNoImpossibleJumps() {
    List<Fix> fixes = new ArrayList<>();
    for (String line : Scenarios.defaultFleet().lines()) {
      try {
        NmeaSentence s = NmeaSentence.parse(line);
        if (s.isMultipart()) {
          continue; // static data only
        }
        VesselPosition p =
            AisProjections.toPosition(
                AisDecoder.decode(List.of(s)), s.receiveTimeMillis(), 0L, s.tagBlock().source());
        if (p != null && p.hasCoordinates()) {
          fixes.add(Fix.of(p));
        }
      } catch (AisException | RuntimeException e) {
        // the fleet's corrupt lines
      }
    }
    fixes = TrackBuilder.merge(fixes);
    TrackSegmenter rule = new TrackSegmenter(RuleConfig.defaults());
    Map<Integer, TrackSegmenter.State> states = new HashMap<>();
    List<VesselEvent> jumps = new ArrayList<>();
    for (Fix f : fixes) {
      for (VesselEvent e :
          rule.onPosition(states.computeIfAbsent(f.mmsi(), TrackSegmenter.State::new), f)) {
        if (e.kind() == VesselEvent.Kind.SPOOFED_JUMP) {
          jumps.add(e);
        }
      }
    }
    assertEquals(List.of(), jumps);
    assertEquals(200, states.keySet().stream().filter(m -> m >= 200_000_000).count());
  }
}
