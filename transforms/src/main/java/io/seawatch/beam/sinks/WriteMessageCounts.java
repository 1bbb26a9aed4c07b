package io.seawatch.beam.sinks;

import io.seawatch.beam.coders.MessageCountCoder;
import io.seawatch.db.JdbcTarget;
import io.seawatch.db.MessageCountTable;
import io.seawatch.model.MessageCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Writes per-minute message counts to {@code ais_stats_minute} ({@link MessageCountTable}) as full
 * counts, never increments.
 *
 * <p>Windowing and latency: the input is moved into the global window (element timestamps kept,
 * trigger irrelevant: no grouping follows) and reduced within each bundle to the largest count per
 * (minute, type), written in key order when the bundle finishes. No state, no added latency
 * beyond the bundle; nothing is late or dropped. A keyed reduce with a trigger was not used
 * because the key space (minutes) grows forever and global-window trigger state is never freed.
 *
 * <p>Idempotent and order-independent: counts arrive as accumulating panes, so the larger count
 * is the later one; the upsert sets the full count only when it is larger than the stored one,
 * so a stale pane arriving late (retry, reordering) never lowers a count and replays change
 * nothing. Batch rewriting is off; 40P01/40001 are retried.
 */
public final class WriteMessageCounts
    extends PTransform<PCollection<MessageCount>, PCollection<Void>> {
  public static final String WINDOW_STEP = "IntoGlobalWindow";
  public static final String REDUCE_STEP = "KeepLargestPerBundle";
  public static final String UPSERT_STEP = "UpsertStatsMinute";

  private final JdbcTarget target;
  private final long batchSize;

  private WriteMessageCounts(JdbcTarget target, long batchSize) {
    this.target = Objects.requireNonNull(target, "target");
    this.batchSize = JdbcWrites.checkBatchSize(batchSize);
  }

  public static WriteMessageCounts to(JdbcTarget target) {
    return new WriteMessageCounts(target, JdbcWrites.DEFAULT_BATCH_SIZE);
  }

  /** Statements per JDBC batch and transaction (default 1000). */
  public WriteMessageCounts withBatchSize(long batchSize) {
    return new WriteMessageCounts(target, batchSize);
  }

  @Override
  public PCollection<Void> expand(PCollection<MessageCount> counts) {
    return counts
        .apply(WINDOW_STEP, Window.<MessageCount>into(new GlobalWindows()))
        .apply(REDUCE_STEP, ParDo.of(new KeepLargestPerBundleFn()))
        .setCoder(MessageCountCoder.of())
        .apply(
            UPSERT_STEP,
            JdbcWrites.<MessageCount>write(
                target, false, MessageCountTable.UPSERT, (c, ps) -> MessageCountTable.bind(ps, c),
                batchSize));
  }

  /** Largest count per (minute, type) of a bundle, emitted sorted by key at its end. */
  static final class KeepLargestPerBundleFn extends DoFn<MessageCount, MessageCount> {
    private record Key(long minute, int type) {}

    private static final Comparator<MessageCount> KEY_ORDER =
        Comparator.comparingLong(MessageCount::minuteStartMillis)
            .thenComparingInt(MessageCount::type);

    private transient Map<Key, MessageCount> largest;
    private transient Map<Key, Instant> timestamps;

    @StartBundle
    public void startBundle() {
      largest = new HashMap<>();
      timestamps = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element MessageCount c, @Timestamp Instant ts) {
      Key k = new Key(c.minuteStartMillis(), c.type());
      largest.merge(k, c, MessageCountTable::later);
      timestamps.merge(k, ts, (a, b) -> a.isAfter(b) ? a : b);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext ctx) {
      List<MessageCount> out = new ArrayList<>(largest.values());
      out.sort(KEY_ORDER);
      for (MessageCount c : out) {
        ctx.output(
            c, timestamps.get(new Key(c.minuteStartMillis(), c.type())), GlobalWindow.INSTANCE);
      }
      largest = null;
      timestamps = null;
    }
  }
}
