package io.seawatch.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of other processes on this (Linux) machine from {@code /proc/PID/stat}: user + system
 * time in clock ticks. The benchmark reports CPU-seconds per million messages, which does not
 * depend on how busy the shared machine is, beside the wall-clock rates, which do.
 */
public final class ProcessCpu {
  /** {@code getconf CLK_TCK}: 100 on every Linux build we run on. */
  public static final int TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** User + system ticks of {@code pid} so far; 0 when it is gone or unreadable. */
  public static long ticks(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      return parseTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** utime + stime (fields 14 and 15) of one {@code /proc/PID/stat} line. */
  public static long parseTicks(String stat) {
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // f[0] is field 3 (state): utime is field 14 -> f[11], stime field 15 -> f[12].
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** The pid in a pid file, or -1. */
  public static long pidFrom(Path pidFile) {
    try {
      return Long.parseLong(Files.readString(pidFile).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
