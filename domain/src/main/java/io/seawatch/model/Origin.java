package io.seawatch.model;

import java.util.Objects;

/**
 * Where one input line came from: a Kafka record (topic, partition, offset) or a file line
 * (file name, line number; partition is -1). Carried beside every element so that a dead letter
 * can point at the exact input that failed.
 */
public final class Origin {
  private final String stream;
  private final int partition;
  private final long offset;

  private Origin(String stream, int partition, long offset) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.partition = partition;
    this.offset = offset;
  }

  public static Origin kafka(String topic, int partition, long offset) {
    return new Origin(topic, partition, offset);
  }

  /** A line of a file; {@code lineNumber} counts from 1. */
  public static Origin file(String file, long lineNumber) {
    return new Origin(file, -1, lineNumber);
  }

  public static Origin of(String stream, int partition, long offset) {
    return new Origin(stream, partition, offset);
  }

  /** Topic name or file name. */
  public String stream() {
    return stream;
  }

  /** Kafka partition, or -1 for a file. */
  public int partition() {
    return partition;
  }

  /** Kafka offset, or line number (from 1) for a file. */
  public long offset() {
    return offset;
  }

  public boolean isFile() {
    return partition < 0;
  }

  /** Key of the ordered stream this origin belongs to: offsets are comparable within it. */
  public String streamKey() {
    return isFile() ? stream : stream + "/" + partition;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Origin)) {
      return false;
    }
    Origin that = (Origin) o;
    return partition == that.partition && offset == that.offset && stream.equals(that.stream);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stream, partition, offset);
  }

  /** {@code topic/partition/offset} or {@code file:line}. */
  @Override
  public String toString() {
    return isFile() ? stream + ":" + offset : stream + "/" + partition + "/" + offset;
  }
}
