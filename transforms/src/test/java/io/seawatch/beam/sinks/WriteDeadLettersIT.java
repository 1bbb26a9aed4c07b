package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.DeadLetterCoder;
import io.seawatch.db.DeadLetterTable;
import io.seawatch.db.TestSchema;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.Origin;
import java.util.List;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class WriteDeadLettersIT {
  @ClassRule public static final TestSchema DB = new TestSchema("deadletters");

  static final DeadLetter GARBAGE =
      new DeadLetter(
          "\u0000\u0001!AIVDM\u0000", DeadLetter.Stage.NMEA, "no talker \u0000",
          Origin.kafka("ais-raw", 1, 100), 1_700_000_000_000L);
  // The same input published again: new offset, same content.
  static final DeadLetter GARBAGE_REPLAYED =
      new DeadLetter(
          GARBAGE.payload(), GARBAGE.stage(), GARBAGE.reason(), Origin.kafka("ais-raw", 0, 5000),
          GARBAGE.eventTimeMillis());
  static final DeadLetter SHORT =
      new DeadLetter(
          "!AIVDM,1,1,,A,1,0*57", DeadLetter.Stage.DECODE, "payload too short: 6 bits",
          Origin.file("day.nmea", 3), 1_700_000_001_000L);

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE dead_letter");
  }

  private static List<String> table() throws Exception {
    return DB.dump(
        "SELECT id, payload, encode(payload_bytes, 'hex'), stage, reason, origin_stream,"
            + " origin_partition, origin_offset, event_time FROM dead_letter ORDER BY id");
  }

  private static void write(List<DeadLetter> input) {
    Pipelines.write(input, DeadLetterCoder.of(), WriteDeadLetters.to(DB.target()));
  }

  @Test
  public void storesNulVisiblyAndTheExactBytesBeside() throws Exception {
    write(List.of(GARBAGE, SHORT));
    long g = DeadLetterTable.id(GARBAGE);
    long s = DeadLetterTable.id(SHORT);
    String garbageRow =
        g + "|\uFFFD\u0001!AIVDM\uFFFD|000121414956444d00|NMEA|no talker \uFFFD|ais-raw|1|100"
            + "|2023-11-14 22:13:20+00";
    String shortRow =
        s + "|!AIVDM,1,1,,A,1,0*57|null|DECODE|payload too short: 6 bits|day.nmea|-1|3"
            + "|2023-11-14 22:13:21+00";
    assertEquals(g < s ? List.of(garbageRow, shortRow) : List.of(shortRow, garbageRow), table());
  }

  @Test
  public void replayUnderNewOffsetsLeavesTheTableUnchanged() throws Exception {
    write(List.of(GARBAGE, SHORT));
    List<String> before = DB.dump("SELECT ctid, * FROM dead_letter ORDER BY id");
    write(List.of(GARBAGE_REPLAYED, SHORT, GARBAGE));
    assertEquals(before, DB.dump("SELECT ctid, * FROM dead_letter ORDER BY id"));
    assertEquals(2, before.size());
  }
}
