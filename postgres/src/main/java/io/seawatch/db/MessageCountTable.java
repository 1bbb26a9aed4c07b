package io.seawatch.db;

import io.seawatch.model.MessageCount;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Table {@code ais_stats_minute} (migration V1): messages per UTC minute and AIS type, written as
 * the full count, never incremented.
 */
public final class MessageCountTable {
  public static final String TABLE = "ais_stats_minute";

  /**
   * Sets the full count, and only a larger one: counts arrive as accumulating panes, so a smaller
   * count is a stale pane (retried bundle, reordering, a restart without state) and must not win.
   * Order-independent, and replays do not rewrite the row.
   */
  public static final String UPSERT =
      "INSERT INTO ais_stats_minute AS t (minute, msg_type, messages) VALUES (?, ?, ?)"
          + " ON CONFLICT (minute, msg_type) DO UPDATE SET messages = EXCLUDED.messages"
          + " WHERE t.messages < EXCLUDED.messages";

  private MessageCountTable() {}

  /**
   * Of two counts for the same (minute, type), the one to keep. Counts arrive as accumulating
   * panes (each the full count so far), so the later pane is the larger one: keeping the maximum
   * picks it whatever the order in which both reached the sink.
   */
  public static MessageCount later(MessageCount a, MessageCount b) {
    return a.count() >= b.count() ? a : b;
  }

  public static void bind(PreparedStatement ps, MessageCount c) throws SQLException {
    SqlValues.setTimestamp(ps, 1, c.minuteStartMillis());
    ps.setInt(2, c.type());
    ps.setLong(3, c.count());
  }
}
