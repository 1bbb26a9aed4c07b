package io.seawatch.beam.sinks;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.MessageCountCoder;
import io.seawatch.db.TestSchema;
import io.seawatch.model.MessageCount;
import java.util.List;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

public class WriteMessageCountsIT {
  @ClassRule public static final TestSchema DB = new TestSchema("counts");

  static final long M0 = 1_700_000_040_000L;
  static final long M1 = M0 + 60_000;

  // Accumulating panes: (M0, 1) was 5, then 9.
  static final List<MessageCount> PANES =
      List.of(
          new MessageCount(M0, 1, 5),
          new MessageCount(M0, 2, 3),
          new MessageCount(M0, 1, 9),
          new MessageCount(M1, 1, 4));

  static final List<String> EXPECTED =
      List.of(
          "2023-11-14 22:14:00+00|1|9", "2023-11-14 22:14:00+00|2|3", "2023-11-14 22:15:00+00|1|4");

  @BeforeClass
  public static void migrate() throws Exception {
    DB.migrate();
  }

  @Before
  public void empty() throws Exception {
    DB.exec("TRUNCATE ais_stats_minute");
  }

  private static List<String> table() throws Exception {
    return DB.table("ais_stats_minute", "minute, msg_type");
  }

  private static void write(List<MessageCount> input) {
    Pipelines.write(input, MessageCountCoder.of(), WriteMessageCounts.to(DB.target()));
  }

  @Test
  public void writesFullCountsNotIncrements() throws Exception {
    write(PANES);
    assertEquals(EXPECTED, table());
    write(PANES);
    assertEquals(EXPECTED, table());
  }

  @Test
  public void aLargerPaneReplacesAStaleOneNever() throws Exception {
    write(PANES);
    write(List.of(new MessageCount(M0, 1, 7)));
    assertEquals(EXPECTED, table());
    write(List.of(new MessageCount(M0, 1, 12)));
    assertEquals("2023-11-14 22:14:00+00|1|12", table().get(0));
  }

  @Test
  public void orderOfPanesDoesNotMatter() throws Exception {
    for (int i = PANES.size() - 1; i >= 0; i--) {
      write(List.of(PANES.get(i)));
    }
    assertEquals(EXPECTED, table());
  }
}
