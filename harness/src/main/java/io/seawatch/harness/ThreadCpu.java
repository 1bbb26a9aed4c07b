package io.seawatch.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU per operator chain of a TaskManager we did not start in-process: {@code jstack} prints each
 * thread's CPU time ({@code cpu=...ms}) and Flink names a task's thread after its operator chain,
 * so two dumps give each chain's CPU in between, summed over its subtasks. Threads that are not
 * Java (RocksDB's background flushes and compactions) are not in it: the total stays below the
 * process's CPU.
 */
public final class ThreadCpu {
  /** {@code "name" #12 ... cpu=123.45ms}; the name may hold anything but a quote. */
  private static final Pattern THREAD =
      Pattern.compile("^\"([^\"]*)\".*?\\bcpu=([0-9.]+)ms", Pattern.MULTILINE);

  /** A subtask's suffix, {@code " (1/2)#0"}: the subtasks of a chain are added together. */
  private static final Pattern SUBTASK = Pattern.compile("\\s*\\(\\d+/\\d+\\)(#\\d+)?$");

  private ThreadCpu() {}

  /** CPU milliseconds by thread name (subtasks of one chain added together). */
  static Map<String, Double> parse(String jstack) {
    Map<String, Double> cpu = new HashMap<>();
    Matcher m = THREAD.matcher(jstack);
    while (m.find()) {
      String name = SUBTASK.matcher(m.group(1)).replaceFirst("");
      cpu.merge(name, Double.parseDouble(m.group(2)), Double::sum);
    }
    return cpu;
  }

  /** One {@code jstack} of {@code pid}; empty when it fails (no jstack, the process is gone). */
  public static Map<String, Double> take(long pid) {
    String text = StackSampler.jstack(pid);
    return text == null ? Map.of() : parse(text);
  }

  /**
   * The {@code top} threads by CPU between two dumps, in CPU-seconds per million lines; threads
   * that started in between count from zero. A markdown table with a total line.
   */
  static String report(Map<String, Double> before, Map<String, Double> after, double lines,
      int top) {
    List<Map.Entry<String, Double>> rows = new ArrayList<>();
    double total = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      double ms = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      if (ms > 0) {
        rows.add(Map.entry(e.getKey(), ms));
        total += ms;
      }
    }
    rows.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    StringBuilder out = new StringBuilder("| thread (operator chain) | CPU-s per M lines |\n|---|---:|\n");
    for (Map.Entry<String, Double> e : rows.subList(0, Math.min(top, rows.size()))) {
      out.append(String.format(Locale.ROOT, "| %s | %.1f |%n", shorten(e.getKey()),
          e.getValue() / lines * 1000));
    }
    out.append(String.format(Locale.ROOT, "| all Java threads | %.1f |", total / lines * 1000));
    return out.toString();
  }

  private static String shorten(String name) {
    String n = name.replace("|", "/");
    return n.length() <= 140 ? n : n.substring(0, 137) + "...";
  }
}
