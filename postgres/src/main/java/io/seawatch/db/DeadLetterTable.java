package io.seawatch.db;

import io.seawatch.model.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Table {@code dead_letter} (migration V1). The id is derived from the content (payload, stage,
 * reason, event time) and not from the origin, so re-publishing the same input under new Kafka
 * offsets leaves the table unchanged.
 *
 * <p>NUL: Postgres text cannot hold U+0000. Text columns get it replaced by U+FFFD
 * ({@link SqlValues#text}); when that changed the payload, {@code payload_bytes} keeps its exact
 * UTF-8 bytes (NULL otherwise), so nothing of the raw input is lost.
 */
public final class DeadLetterTable {
  public static final String TABLE = "dead_letter";

  /** Idempotent; safe with batch rewriting. first_seen defaults to now() on the first insert. */
  public static final String INSERT =
      "INSERT INTO dead_letter (id, payload, payload_bytes, stage, reason, origin_stream,"
          + " origin_partition, origin_offset, event_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";

  private DeadLetterTable() {}

  /**
   * First 8 bytes (big-endian) of SHA-256 over the length-prefixed UTF-8 of payload, stage name
   * and reason, followed by the event time. Stable across JVMs and releases.
   */
  public static long id(DeadLetter d) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    for (String s : new String[] {d.payload(), d.stage().name(), d.reason()}) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
      sha.update(b);
    }
    sha.update(ByteBuffer.allocate(8).putLong(d.eventTimeMillis()).array());
    return ByteBuffer.wrap(sha.digest()).getLong();
  }

  public static void bind(PreparedStatement ps, DeadLetter d) throws SQLException {
    String payload = SqlValues.text(d.payload());
    ps.setLong(1, id(d));
    ps.setString(2, payload);
    if (payload.equals(d.payload())) {
      ps.setNull(3, Types.BINARY);
    } else {
      ps.setBytes(3, d.payload().getBytes(StandardCharsets.UTF_8));
    }
    ps.setString(4, d.stage().name());
    ps.setString(5, SqlValues.text(d.reason()));
    ps.setString(6, SqlValues.text(d.origin().stream()));
    ps.setInt(7, d.origin().partition());
    ps.setLong(8, d.origin().offset());
    SqlValues.setTimestamp(ps, 9, d.eventTimeMillis());
  }
}
