package io.seawatch.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.seawatch.db.VesselStaticRow.Field;
import io.seawatch.model.VesselStatic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class VesselStaticRowTest {
  static VesselStatic msg(long ts, int type, String callsign, String name, Integer shiptype) {
    return new VesselStatic(
        7, ts, type, null, callsign, name, shiptype, null, null, null, null, null, null, null);
  }

  @Test
  public void eachFieldTakesTheNewestMessageThatCarriedIt() {
    VesselStaticRow r =
        VesselStaticRow.from(msg(100, 5, "OLD", "OLD NAME", 70))
            .merge(VesselStaticRow.from(msg(300, 24, null, "NEW NAME", null)))
            .merge(VesselStaticRow.from(msg(200, 24, "MID", null, 30)));
    assertEquals("MID", r.value(Field.CALLSIGN));
    assertEquals(200, r.timestampMillis(Field.CALLSIGN));
    assertEquals("NEW NAME", r.value(Field.SHIPNAME));
    assertEquals(300, r.timestampMillis(Field.SHIPNAME));
    assertEquals(30, r.value(Field.SHIPTYPE));
    assertFalse(r.has(Field.IMO));
  }

  @Test
  public void mergeIsOrderIndependent() {
    List<VesselStaticRow> rows = new ArrayList<>();
    rows.add(VesselStaticRow.from(msg(100, 5, "A", "X", 70)));
    rows.add(VesselStaticRow.from(msg(100, 5, "B", "W", 71))); // same time: greater value wins
    rows.add(VesselStaticRow.from(msg(50, 24, "Z", "ZZ", 99)));
    rows.add(VesselStaticRow.from(msg(100, 19, null, "X\u00e9", null)));
    VesselStaticRow expected = null;
    Random random = new Random(1);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(rows, random);
      VesselStaticRow m = rows.get(0);
      for (VesselStaticRow r : rows.subList(1, rows.size())) {
        m = m.merge(r);
      }
      if (expected == null) {
        expected = m;
      }
      assertEquals(expected, m);
    }
    assertEquals("B", expected.value(Field.CALLSIGN));
    assertEquals("X\u00e9", expected.value(Field.SHIPNAME));
    assertEquals(71, expected.value(Field.SHIPTYPE));
  }

  @Test
  public void textComparesByCodePointLikeCollateC() {
    // UTF-16 order would put U+FF5E after U+1D11E's high surrogate; code points do not.
    assertTrue(VesselStaticRow.compareValues("\uFF5E", "\uD834\uDD1E") < 0);
    assertTrue(VesselStaticRow.compareValues("AB", "ABC") < 0);
    assertTrue(VesselStaticRow.compareValues("B", "AZ") > 0);
    assertEquals(0, VesselStaticRow.compareValues("x", "x"));
  }

  @Test
  public void normalizesNulNaNAndNegativeZero() {
    VesselStaticRow r =
        VesselStaticRow.from(
            new VesselStatic(
                1, 5, 5, null, "A\u0000", null, null, null, null, null, null, Double.NaN, null,
                null));
    assertEquals("A\ufffd", r.value(Field.CALLSIGN));
    assertFalse(r.has(Field.DRAUGHT));
    VesselStaticRow z =
        VesselStaticRow.from(
            new VesselStatic(1, 5, 5, null, null, null, null, null, null, null, null, -0.0, null,
                null));
    assertEquals(0.0, (Double) z.value(Field.DRAUGHT), 0.0);
    assertEquals(Double.valueOf(0.0), z.value(Field.DRAUGHT));
  }
}
