package io.seawatch.cli;

import io.seawatch.ops.FilePublisher;
import io.seawatch.ops.KafkaTopics;
import io.seawatch.ops.OperatorError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code seawatch replay}: publishes an NMEA file (plain or gzip) to Kafka, one record per line
 * ({@link FilePublisher}: how lines become records, keys and timestamps).
 */
public final class ReplayCommand implements Command {
  static final String DEFAULT_TOPIC = KafkaTopics.DEFAULT_TOPIC;
  static final String DEFAULT_BOOTSTRAP_SERVERS = KafkaTopics.DEFAULT_BOOTSTRAP_SERVERS;
  static final int DEFAULT_PARTITIONS = KafkaTopics.DEFAULT_PARTITIONS;

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String summary() {
    return "Publish an NMEA file to Kafka";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    Flags flags =
        Flags.parse(
            name(),
            args,
            Set.of("file", "topic", "bootstrapServers", "rate", "partitions"),
            Set.of("max", "help"));
    if (flags.has("help")) {
      usage(out);
      return 0;
    }
    Path file = Path.of(flags.required("file"));
    String topic = flags.string("topic", DEFAULT_TOPIC);
    String bootstrap = flags.string("bootstrapServers", DEFAULT_BOOTSTRAP_SERVERS);
    int partitions = flags.positiveInt("partitions", DEFAULT_PARTITIONS);
    if (flags.has("rate") && flags.has("max")) {
      throw flags.error("give --rate=N or --max, not both");
    }
    int rate = flags.has("rate") ? flags.positiveInt("rate", 0) : 0;
    if (topic.isEmpty()) {
      throw flags.error("--topic must not be empty");
    }
    if (!Files.isRegularFile(file)) {
      throw new UserError("no such file: " + file);
    }
    if (!Files.isReadable(file)) {
      throw new UserError("cannot read " + file);
    }

    KafkaTopics.quietClientLogs();
    FilePublisher.Report r;
    try {
      int topicPartitions =
          KafkaTopics.prepareTopic(bootstrap, topic, partitions, err).partitions();
      r = FilePublisher.publish(file, bootstrap, topic, topicPartitions, rate, err);
    } catch (OperatorError e) {
      throw new UserError(e.getMessage(), e);
    }
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

  private static void usage(PrintStream out) {
    out.println("Usage: seawatch replay --file=F [options]");
    out.println();
    out.println("Publishes an NMEA file (plain or gzip) to Kafka, one record per line. Event time");
    out.println("(the tag block's c: field) becomes the record timestamp; the fragments of a");
    out.println("multipart message share a key and so a partition.");
    out.println();
    out.println("  --file=F                 the NMEA file (required)");
    out.println("  --topic=T                topic (default " + DEFAULT_TOPIC + ")");
    out.println(
        "  --bootstrapServers=H:P   Kafka (default " + DEFAULT_BOOTSTRAP_SERVERS + ")");
    out.println("  --rate=N                 at most N lines per second");
    out.println("  --max                    as fast as possible (default)");
    out.println(
        "  --partitions=N           partitions of a new topic (default " + DEFAULT_PARTITIONS + ")");
    out.println("                           a new topic gets retention.ms=-1; an existing topic");
    out.println("                           is used as is");
    out.println("  --help                   this text");
  }
}
