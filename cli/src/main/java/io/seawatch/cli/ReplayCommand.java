package io.seawatch.cli;

import io.seawatch.ops.FilePublisher;
import io.seawatch.ops.KafkaTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seawatch replay}: publishes an NMEA file (plain or gzip) to Kafka, one record per line
 * ({@link FilePublisher}: how lines become records, keys and timestamps).
 */
@CommandLine.Command(
    name = "replay",
    sortOptions = false,
    sortSynopsis = false,
    description = {
      "Publish an NMEA file to Kafka",
      "",
      "Publishes an NMEA file (plain or gzip) to Kafka, one record per line. Event time (the tag"
          + " block's c: field) becomes the record timestamp; the fragments of a multipart"
          + " message share a key and so a partition."
    })
public final class ReplayCommand implements Callable<Integer> {
  @Mixin private HelpOption help;

  @Option(names = "--file", required = true, paramLabel = "FILE",
      description = "The NMEA file, gzip if it ends in .gz.")
  private Path file;

  @Option(names = "--topic", paramLabel = "T", defaultValue = KafkaTopics.DEFAULT_TOPIC,
      description = "Topic (default: ${DEFAULT-VALUE}).")
  private String topic;

  @Option(names = "--bootstrapServers", paramLabel = "HOST:PORT",
      defaultValue = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS,
      description = "Kafka (default: ${DEFAULT-VALUE}).")
  private String bootstrapServers;

  @ArgGroup(exclusive = true)
  private Pace pace;

  /** Paced or as fast as possible. */
  static final class Pace {
    @Option(names = "--rate", paramLabel = "N", description = "At most N lines per second.")
    Integer rate;

    @Option(names = "--max", arity = "0..1", paramLabel = "true|false",
        description = "As fast as possible (the default).")
    boolean max;
  }

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + KafkaTopics.DEFAULT_PARTITIONS,
      description = "Partitions of a new topic (default: ${DEFAULT-VALUE}); a new topic gets"
          + " retention.ms=-1, an existing topic is used as it is.")
  private int partitions;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintStream out = Seawatch.of(spec).out;
    PrintStream err = Seawatch.of(spec).err;
    Checks.positive(spec, "--partitions", partitions);
    int rate = pace != null && pace.rate != null ? Checks.positive(spec, "--rate", pace.rate) : 0;
    if (topic.isEmpty()) {
      throw Checks.usage(spec, "--topic must not be empty");
    }
    if (!Files.isRegularFile(file)) {
      throw new CommandFailure("no such file: " + file);
    }
    if (!Files.isReadable(file)) {
      throw new CommandFailure("cannot read " + file);
    }
    KafkaTopics.quietClientLogs();
    int topicPartitions =
        KafkaTopics.prepareTopic(bootstrapServers, topic, partitions, err).partitions();
    FilePublisher.Report r =
        FilePublisher.publish(file, bootstrapServers, topic, topicPartitions, rate, err);
    print(r, file, topic, out);
    return 0;
  }

  private static void print(FilePublisher.Report r, Path file, String topic, PrintStream out) {
    double seconds = r.seconds();
    out.printf(
        Locale.ROOT,
        "replayed %,d lines from %s to %s in %.1f s (%,.0f/s)%n",
        r.lines(),
        file,
        topic,
        seconds,
        seconds > 0 ? r.lines() / seconds : 0.0);
    StringBuilder parts = new StringBuilder("  per partition:");
    for (int p = 0; p < r.perPartition().size(); p++) {
      parts.append(String.format(Locale.ROOT, " %d=%,d", p, r.perPartition().get(p)));
    }
    out.println(parts);
    out.printf(
        Locale.ROOT,
        "  multipart fragments: %,d; with tag-block time: %,d; empty lines: %,d%n",
        r.multipartFragments(),
        r.tagBlockTimes(),
        r.emptyLines());
  }
}
