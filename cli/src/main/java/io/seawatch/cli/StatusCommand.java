package io.seawatch.cli;

import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.KafkaTopics.PartitionLag;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.SessionJobs;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
      out.println("  defaults: --bootstrapServers=" + KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS
          + " --topic=" + KafkaTopics.DEFAULT_TOPIC + " --consumerGroup="
          + KafkaTopics.DEFAULT_CONSUMER_GROUP + " --flinkRest=" + DEFAULT_FLINK_REST);
      return 0;
    }
    String bootstrap = flags.string("bootstrapServers", KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS);
    String topic = flags.string("topic", KafkaTopics.DEFAULT_TOPIC);
    String group = flags.string("consumerGroup", KafkaTopics.DEFAULT_CONSUMER_GROUP);
    KafkaTopics.quietClientLogs();
    try {
      printKafka(KafkaTopics.lag(bootstrap, topic, group), bootstrap, topic, group, out);
      if (!flags.has("noFlink")) {
        printFlink(flags.string("flinkRest", DEFAULT_FLINK_REST), out);
      }
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
    return 0;
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
    try {
      printJobs(flink, out);
    } catch (IOException e) {
      out.println("no Flink cluster at " + flink.url() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** One line per job, newest first (a resubmitted job is the one that matters), and its checkpoints. */
  static void printJobs(FlinkRest flink, PrintStream out) throws IOException {
    List<SessionJobs.JobCheckpoints> jobs = SessionJobs.jobs(flink);
    out.println("flink " + flink.url() + ": " + jobs.size() + " job(s)");
    for (SessionJobs.JobCheckpoints j : jobs) {
      out.printf(Locale.ROOT, "  %s %-10s %s%n", j.job().id(), j.job().state(), j.job().name());
      out.println("    " + j.checkpoints());
    }
  }
}
