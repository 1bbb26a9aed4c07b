package io.seawatch.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.seawatch.model.DeadLetter;
import io.seawatch.model.MessageCount;
import io.seawatch.model.Origin;
import io.seawatch.model.VesselPosition;
import io.seawatch.model.VesselStatic;
import java.util.Map;
import org.junit.Test;

public class TableBindingTest {
  private static final VesselPosition FULL =
      new VesselPosition(
          244_660_000, 1_700_000_000_123L, 1, 52.5, 4.25, 12.3, 271.5, 270, 0, true, 59, -42L);
  private static final VesselPosition NO_FIX =
      new VesselPosition(
          2_442_000, 1_700_000_000_000L, 18, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1,
          false, 60, 7L);

  private static long placeholders(String sql) {
    return sql.chars().filter(c -> c == '?').count();
  }

  @Test
  public void positionBindsEveryColumnAndNotAvailableAsNull() throws Exception {
    RecordingStatement r = new RecordingStatement();
    PositionTable.bind(r.statement, FULL);
    assertEquals(12, placeholders(PositionTable.INSERT));
    assertEquals(
        Map.ofEntries(
            Map.entry(1, "setInt:244660000"),
            Map.entry(2, "setObject:2023-11-14T22:13:20.123Z"),
            Map.entry(3, "setLong:-42"),
            Map.entry(4, "setInt:1"),
            Map.entry(5, "setDouble:52.5"),
            Map.entry(6, "setDouble:4.25"),
            Map.entry(7, "setDouble:12.3"),
            Map.entry(8, "setDouble:271.5"),
            Map.entry(9, "setInt:270"),
            Map.entry(10, "setInt:0"),
            Map.entry(11, "setBoolean:true"),
            Map.entry(12, "setInt:59")),
        r.params);

    RecordingStatement n = new RecordingStatement();
    PositionTable.bind(n.statement, NO_FIX);
    assertEquals("setNull:null", n.params.get(5));
    assertEquals("setNull:null", n.params.get(6));
    assertEquals("setNull:null", n.params.get(7));
    assertEquals("setNull:null", n.params.get(8));
    assertEquals("setNull:null", n.params.get(9));
    assertEquals("setNull:null", n.params.get(10));
    assertEquals("setInt:60", n.params.get(12));
  }

  @Test
  public void vesselLatestRefusesPositionsWithoutCoordinates() throws Exception {
    RecordingStatement r = new RecordingStatement();
    VesselLatestTable.bind(r.statement, FULL);
    assertEquals(10, placeholders(VesselLatestTable.UPSERT));
    assertEquals(10, r.params.size());
    assertThrows(
        IllegalArgumentException.class,
        () -> VesselLatestTable.bind(new RecordingStatement().statement, NO_FIX));
  }

  @Test
  public void vesselLatestNewerBreaksTiesByHash() {
    VesselPosition a = withTsHash(FULL, 1000, 5);
    VesselPosition b = withTsHash(FULL, 1000, -5);
    VesselPosition c = withTsHash(FULL, 999, 100);
    assertEquals(a, VesselLatestTable.newer(a, b));
    assertEquals(a, VesselLatestTable.newer(b, a));
    assertEquals(b, VesselLatestTable.newer(c, b));
  }

  static VesselPosition withTsHash(VesselPosition p, long ts, long hash) {
    return new VesselPosition(
        p.mmsi(), ts, p.type(), p.lat(), p.lon(), p.speed(), p.course(), p.heading(), p.status(),
        p.accuracy(), p.second(), hash);
  }

  @Test
  public void vesselStaticBindsValueAndTimePerField() throws Exception {
    VesselStatic s =
        new VesselStatic(
            1, 60_000, 24, null, "CALL", null, 70, null, null, null, null, 7.5, null, null);
    RecordingStatement r = new RecordingStatement();
    VesselStaticTable.bind(r.statement, VesselStaticRow.from(s));
    assertEquals(23, placeholders(VesselStaticTable.UPSERT));
    assertEquals(23, r.params.size());
    assertEquals("setInt:1", r.params.get(1));
    assertEquals("setNull:null", r.params.get(2)); // imo
    assertEquals("setNull:null", r.params.get(3)); // imo_ts
    assertEquals("setString:CALL", r.params.get(4));
    assertEquals("setObject:1970-01-01T00:01Z", r.params.get(5));
    assertEquals("setInt:70", r.params.get(8));
    assertEquals("setDouble:7.5", r.params.get(18));
    assertEquals("setObject:1970-01-01T00:01Z", r.params.get(19));
  }

  @Test
  public void messageCountBinds() throws Exception {
    RecordingStatement r = new RecordingStatement();
    MessageCountTable.bind(r.statement, new MessageCount(1_700_000_040_000L, 5, 77));
    assertEquals(
        Map.of(1, "setObject:2023-11-14T22:14Z", 2, "setInt:5", 3, "setLong:77"), r.params);
    assertEquals(
        new MessageCount(0, 1, 9),
        MessageCountTable.later(new MessageCount(0, 1, 9), new MessageCount(0, 1, 3)));
    assertEquals(
        new MessageCount(0, 1, 9),
        MessageCountTable.later(new MessageCount(0, 1, 3), new MessageCount(0, 1, 9)));
  }

  @Test
  public void deadLetterReplacesNulAndKeepsExactBytes() throws Exception {
    DeadLetter d =
        new DeadLetter(
            "a\u0000b", DeadLetter.Stage.NMEA, "bad \u0000", Origin.kafka("raw", 2, 9), 1000);
    RecordingStatement r = new RecordingStatement();
    DeadLetterTable.bind(r.statement, d);
    assertEquals(9, placeholders(DeadLetterTable.INSERT));
    assertEquals("setString:a\ufffdb", r.params.get(2));
    assertEquals("setBytes:bytes3", r.params.get(3));
    assertEquals("setString:NMEA", r.params.get(4));
    assertEquals("setString:bad \ufffd", r.params.get(5));
    assertEquals("setString:raw", r.params.get(6));
    assertEquals("setInt:2", r.params.get(7));
    assertEquals("setLong:9", r.params.get(8));
    assertEquals("setObject:1970-01-01T00:00:01Z", r.params.get(9));

    RecordingStatement clean = new RecordingStatement();
    DeadLetterTable.bind(
        clean.statement,
        new DeadLetter("ab", DeadLetter.Stage.NMEA, "r", Origin.file("f", 1), 1000));
    assertEquals("setNull:null", clean.params.get(3));
  }

  @Test
  public void deadLetterIdIgnoresOriginOnly() {
    DeadLetter a = new DeadLetter("x", DeadLetter.Stage.DECODE, "r", Origin.kafka("t", 0, 1), 5);
    DeadLetter b = new DeadLetter("x", DeadLetter.Stage.DECODE, "r", Origin.kafka("t", 3, 99), 5);
    assertEquals(DeadLetterTable.id(a), DeadLetterTable.id(b));
    // Pinned: the id must never change between releases (rows would duplicate on replay).
    assertEquals(584_556_336_777_125_293L, DeadLetterTable.id(a)); // checked with Python hashlib
    long other =
        DeadLetterTable.id(
            new DeadLetter("x", DeadLetter.Stage.DECODE, "r", Origin.kafka("t", 0, 1), 6));
    assertEquals(false, other == DeadLetterTable.id(a));
  }
}
