package io.seawatch.harness;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A poor man's sampling profiler for a JVM we did not start in-process: {@code jstack PID} now and
 * then, and for every RUNNABLE thread the innermost frame that falls in one of {@link
 * #CATEGORIES} (JDBC, decoder, coders, Kafka client, ...). Waiting threads and threads parked in
 * {@code epoll} or socket reads count as idle. Coarse, but it needs no agent in the TaskManager.
 */
public final class StackSampler {
  /** Category by frame prefix, checked from the innermost frame outwards; first match wins. */
  static final List<String[]> CATEGORIES = List.of(
      new String[] {"sun.nio.ch.EPoll", "idle"},
      new String[] {"sun.nio.ch.Net.poll", "idle"},
      new String[] {"java.net.SocketInputStream.socketRead", "idle"},
      new String[] {"sun.nio.ch.NioSocketImpl.park", "idle"},
      new String[] {"org.postgresql", "Postgres JDBC (client side, incl. waiting for the server)"},
      new String[] {"com.zaxxer.hikari", "Postgres JDBC (client side, incl. waiting for the server)"},
      new String[] {"io.seawatch.ais", "decoder (io.seawatch.ais)"},
      new String[] {"io.seawatch.beam.coders", "Seawatch coders"},
      new String[] {"io.seawatch.db", "row binding / COPY encoding (io.seawatch.db)"},
      new String[] {"io.seawatch", "other Seawatch code"},
      new String[] {"org.apache.kafka", "Kafka client"},
      new String[] {"org.apache.beam.sdk.io.kafka", "KafkaIO"},
      new String[] {"org.apache.beam.sdk.coders", "Beam coders"},
      new String[] {"org.apache.beam.sdk.util.CoderUtils", "Beam coders"},
      new String[] {"org.apache.flink.runtime.checkpoint", "Flink checkpointing"},
      new String[] {"org.apache.flink.contrib.streaming.state", "RocksDB state"},
      new String[] {"org.rocksdb", "RocksDB state"},
      new String[] {"org.apache.flink.runtime.io.network", "Flink network buffers"},
      new String[] {"org.apache.flink.streaming.runtime.io", "Flink record (de)serialisation"},
      new String[] {"org.apache.flink.runtime.io", "Flink record (de)serialisation"},
      new String[] {"org.apache.beam.runners.flink", "Beam Flink runner (bundles, outputs)"},
      new String[] {"org.apache.beam.runners.core", "Beam runner core (DoFn invocation, state)"},
      new String[] {"org.apache.beam.sdk", "Beam SDK"},
      new String[] {"org.apache.flink", "Flink runtime"},
      new String[] {"java.util.zip", "JDK (zip)"},
      new String[] {"java.", "JDK"},
      new String[] {"jdk.", "JDK"},
      new String[] {"sun.", "JDK"});

  private final long pid;
  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<String, Integer> methods = new HashMap<>();
  private int samples;
  private int busyThreads;

  public StackSampler(long pid) {
    this.pid = pid;
  }

  public int taken() {
    return samples;
  }

  /** Takes one jstack sample; a failed jstack is skipped. */
  public void sample() {
    String text = jstack(pid);
    if (text != null) {
      add(text);
    }
  }

  /** {@code jstack pid}, or null when it fails (no jstack here, the process is gone). */
  static String jstack(long pid) {
    try {
      Process p = new ProcessBuilder("jstack", Long.toString(pid)).redirectErrorStream(true)
          .start();
      String text = new String(p.getInputStream().readAllBytes(), UTF_8);
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? text : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Adds one thread dump. */
  public void add(String dump) {
    samples++;
    for (String block : dump.split("\n\n")) {
      if (!block.startsWith("\"") || !block.contains("java.lang.Thread.State: RUNNABLE")) {
        continue;
      }
      List<String> frames = new ArrayList<>();
      for (String line : block.split("\n")) {
        String t = line.trim();
        if (t.startsWith("at ")) {
          frames.add(t.substring(3));
        }
      }
      String category = categorize(frames);
      if (category.equals("idle")) {
        continue;
      }
      busyThreads++;
      counts.merge(category, 1, Integer::sum);
      for (String frame : frames) {
        String c = categoryOf(frame);
        if (c == null || !c.equals("JDK")) {
          String method = frame.contains("(") ? frame.substring(0, frame.indexOf('(')) : frame;
          methods.merge(method, 1, Integer::sum);
          break;
        }
      }
    }
  }

  /**
   * Idle when the innermost frame waits on the network; else the innermost frame outside the JDK
   * that has a category; else the JDK.
   */
  static String categorize(List<String> frames) {
    if (frames.isEmpty()) {
      return "idle";
    }
    String idle = categoryOf(frames.get(0));
    if ("idle".equals(idle)) {
      return idle;
    }
    for (String frame : frames) {
      String c = categoryOf(frame);
      if (c != null && !c.equals("JDK") && !c.equals("idle")) {
        return c;
      }
    }
    return "JDK";
  }

  private static String categoryOf(String frame) {
    for (String[] c : CATEGORIES) {
      if (frame.startsWith(c[0])) {
        return c[1];
      }
    }
    return null;
  }

  /** Share of busy thread samples per category, largest first. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    counts.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
        .forEach(e -> sb.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n",
            100.0 * e.getValue() / Math.max(1, busyThreads), e.getKey())));
    sb.append("    innermost non-JDK frames:\n");
    methods.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(12)
        .forEach(e -> sb.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n",
            100.0 * e.getValue() / Math.max(1, busyThreads), e.getKey())));
    sb.append(String.format(Locale.ROOT, "    (%d running thread samples in %d dumps,"
        + " %.1f running threads per dump)", busyThreads, samples,
        busyThreads / (double) Math.max(1, samples)));
    return sb.toString();
  }
}
