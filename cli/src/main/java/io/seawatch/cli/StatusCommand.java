package io.seawatch.cli;

import io.seawatch.ops.FlinkRest;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.KafkaTopics.PartitionLag;
import io.seawatch.ops.SessionJobs;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch status}: how far the ingest's consumer group is behind each Kafka partition, and
 * the Flink jobs with their last completed checkpoint (Flink REST API).
 *
 * <p>The group's committed offsets move only when a Flink checkpoint completes
 * ({@code commitOffsetsInFinalize}), so the lag shown is the input a crash would make the job read
 * again.
 */
@CommandLine.Command(
    name = "status",
    sortOptions = false,
    sortSynopsis = false,
    description = {
      "Kafka lag of the ingest's consumer group and the Flink job's checkpoints",
      "",
      "The committed offsets move only when a Flink checkpoint completes: the lag is the input a"
          + " crash would make the job read again."
    })
public final class StatusCommand implements Callable<Integer> {
  @Mixin private HelpOption help;

  @Option(names = "--bootstrapServers", paramLabel = "HOST:PORT",
      defaultValue = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS,
      description = "Kafka (default: ${DEFAULT-VALUE}).")
  private String bootstrapServers;

  @Option(names = "--topic", paramLabel = "T", defaultValue = KafkaTopics.DEFAULT_TOPIC,
      description = "Topic (default: ${DEFAULT-VALUE}).")
  private String topic;

  @Option(names = "--consumerGroup", paramLabel = "G",
      defaultValue = KafkaTopics.DEFAULT_CONSUMER_GROUP,
      description = "The ingest's consumer group (default: ${DEFAULT-VALUE}).")
  private String consumerGroup;

  @Mixin private FlinkRestOption rest;

  @Option(names = "--noFlink", arity = "0..1", paramLabel = "true|false",
      description = "Kafka only: do not ask the Flink cluster.")
  private boolean noFlink;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintStream out = Seawatch.of(spec).out;
    KafkaTopics.quietClientLogs();
    printKafka(KafkaTopics.lag(bootstrapServers, topic, consumerGroup), bootstrapServers, topic,
        consumerGroup, out);
    if (!noFlink) {
      printFlink(rest.url, out);
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
