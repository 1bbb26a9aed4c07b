package io.seawatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@code seawatch status}: how far the ingest's consumer group is behind each Kafka partition, and
 * the Flink jobs with their last completed checkpoint (Flink REST API).
 *
 * <p>The group's committed offsets move only when a Flink checkpoint completes
 * ({@code commitOffsetsInFinalize}), so the lag shown is the input a crash would make the job read
 * again.
 */
public final class StatusCommand implements Command {
  static final String DEFAULT_FLINK_REST = FlinkRest.DEFAULT_URL;
  private static final int TIMEOUT_MS = 8_000;

  @Override
  public String name() {
    return "status";
  }

  @Override
  public String summary() {
    return "Kafka lag of the ingest's consumer group and the Flink job's checkpoints";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Flags flags =
        Flags.parse(
            name(), args, Set.of("bootstrapServers", "topic", "consumerGroup", "flinkRest"),
            Set.of("help", "noFlink"));
    if (flags.has("help")) {
      out.println("Usage: seawatch status [--bootstrapServers=HOST:PORT] [--topic=T]"
          + " [--consumerGroup=G] [--flinkRest=URL | --noFlink]");
      out.println("  defaults: --bootstrapServers=" + ReplayCommand.DEFAULT_BOOTSTRAP_SERVERS
          + " --topic=" + ReplayCommand.DEFAULT_TOPIC + " --consumerGroup=seawatch-ingest"
          + " --flinkRest=" + DEFAULT_FLINK_REST);
      return 0;
    }
    String bootstrap = flags.string("bootstrapServers", ReplayCommand.DEFAULT_BOOTSTRAP_SERVERS);
    String topic = flags.string("topic", ReplayCommand.DEFAULT_TOPIC);
    String group = flags.string("consumerGroup", "seawatch-ingest");
    ReplayCommand.quietKafkaClientLogs();
    printKafka(kafkaLag(bootstrap, topic, group), bootstrap, topic, group, out);
    if (!flags.has("noFlink")) {
      printFlink(flags.string("flinkRest", DEFAULT_FLINK_REST), out);
    }
    return 0;
  }

  /** One partition: its end offset, the group's committed offset (-1: none) and the lag. */
  record PartitionLag(int partition, long beginOffset, long endOffset, long committed) {
    /** Records the group has yet to commit; without a commit, everything from the first offset. */
    long lag() {
      return endOffset - (committed < 0 ? beginOffset : committed);
    }
  }

  /** The lag of {@code group} on every partition of {@code topic}, by partition. */
  static List<PartitionLag> kafkaLag(String bootstrap, String topic, String group) {
    if (!KafkaTopics.anyAcceptsConnections(bootstrap)) {
      throw new UserError("cannot reach Kafka at " + bootstrap
          + " (is it running? runner-configs/bin/kafka start)");
    }
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS))) {
      TopicDescription description =
          get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      for (TopicPartitionInfo p : description.partitions()) {
        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
      }
      Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(latest).all());
      Map<TopicPartition, ListOffsetsResultInfo> begins = get(admin.listOffsets(earliest).all());
      Map<TopicPartition, OffsetAndMetadata> committed =
          get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
      List<PartitionLag> lags = new ArrayList<>();
      for (TopicPartition tp : latest.keySet()) {
        OffsetAndMetadata c = committed.get(tp);
        lags.add(new PartitionLag(tp.partition(), begins.get(tp).offset(), ends.get(tp).offset(),
            c == null ? -1 : c.offset()));
      }
      lags.sort(Comparator.comparingInt(PartitionLag::partition));
      return lags;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new UserError("topic '" + topic + "' does not exist at " + bootstrap);
      }
      throw new UserError("Kafka at " + bootstrap + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new UserError("Kafka at " + bootstrap + " did not answer within "
          + TIMEOUT_MS / 1000 + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted");
    }
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> f)
      throws ExecutionException, TimeoutException, InterruptedException {
    return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  static void printKafka(
      List<PartitionLag> lags, String bootstrap, String topic, String group, PrintStream out) {
    out.println("kafka " + bootstrap + " topic " + topic + ", consumer group " + group);
    out.printf(Locale.ROOT, "%9s %14s %14s %14s%n", "partition", "end offset", "committed", "lag");
    long end = 0;
    long committed = 0;
    long lag = 0;
    for (PartitionLag p : lags) {
      out.printf(Locale.ROOT, "%9d %,14d %14s %,14d%n", p.partition(), p.endOffset(),
          p.committed() < 0 ? "-" : String.format(Locale.ROOT, "%,d", p.committed()), p.lag());
      end += p.endOffset();
      committed += Math.max(0, p.committed());
      lag += p.lag();
    }
    out.printf(Locale.ROOT, "%9s %,14d %,14d %,14d%n", "total", end, committed, lag);
  }

  /** The jobs of the cluster at {@code rest} with their last completed checkpoint. */
  static void printFlink(String rest, PrintStream out) {
    FlinkRest flink = new FlinkRest(rest);
    List<FlinkRest.Job> jobs;
    try {
      jobs = flink.jobs();
    } catch (IOException e) {
      out.println("no Flink cluster at " + flink.url() + " (" + e.getClass().getSimpleName() + ")");
      return;
    }
    printJobs(flink, jobs, out);
  }

  /** One line per job, newest first (a resubmitted job is the one that matters), and its checkpoints. */
  static void printJobs(FlinkRest flink, List<FlinkRest.Job> jobs, PrintStream out) {
    out.println("flink " + flink.url() + ": " + jobs.size() + " job(s)");
    for (FlinkRest.Job job : jobs) {
      out.printf(Locale.ROOT, "  %s %-10s %s%n", job.id(), job.state(), job.name());
      try {
        out.println("    " + describeCheckpoints(flink.checkpoints(job.id())));
      } catch (IOException e) {
        out.println("    checkpoints: not available (" + e.getMessage() + ")");
      }
    }
  }

  /** One line about {@code /jobs/:id/checkpoints}: counts and the last completed checkpoint. */
  static String describeCheckpoints(JsonNode cp) {
    JsonNode counts = cp.path("counts");
    String prefix = String.format(Locale.ROOT, "checkpoints: %d completed, %d failed, %d restored",
        counts.path("completed").asLong(), counts.path("failed").asLong(),
        counts.path("restored").asLong());
    JsonNode last = cp.path("latest").path("completed");
    if (last.isMissingNode() || last.isNull()) {
      return prefix + "; none completed yet";
    }
    return prefix + String.format(Locale.ROOT,
        "; last completed #%d: size %,d bytes (uploaded %,d), duration %,d ms",
        last.path("id").asLong(), last.path("state_size").asLong(),
        last.path("checkpointed_size").asLong(), last.path("end_to_end_duration").asLong());
  }
}
