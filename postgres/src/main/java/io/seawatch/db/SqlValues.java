package io.seawatch.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions from model values to statement parameters, shared by the table classes. */
public final class SqlValues {
  /** What U+0000 becomes in text columns (Postgres text cannot hold NUL). */
  public static final char NUL_REPLACEMENT = '\uFFFD';

  private SqlValues() {}

  /** {@code s} with every U+0000 replaced by U+FFFD; the same instance when it has none. */
  public static String text(String s) {
    return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', NUL_REPLACEMENT);
  }

  public static OffsetDateTime timestamp(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  static void setTimestamp(PreparedStatement ps, int i, long epochMillis) throws SQLException {
    ps.setObject(i, timestamp(epochMillis));
  }

  static void setTimestamp(PreparedStatement ps, int i, Long epochMillis) throws SQLException {
    if (epochMillis == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      setTimestamp(ps, i, epochMillis.longValue());
    }
  }

  /** NaN ("not available") as NULL. */
  static void setDoubleOrNull(PreparedStatement ps, int i, double v) throws SQLException {
    if (Double.isNaN(v)) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }

  /** -1 ("not available") as NULL. */
  static void setSmallintOrNull(PreparedStatement ps, int i, int v) throws SQLException {
    if (v == -1) {
      ps.setNull(i, Types.INTEGER); // same type as setInt: batches keep one parameter type
    } else {
      ps.setInt(i, v);
    }
  }
}
