package io.seawatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A PrintStream that writes each line to {@code target} behind a prefix (ops progress lines). */
final class LinePrefix extends OutputStream {
  private final PrintStream target;
  private final String prefix;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private LinePrefix(PrintStream target, String prefix) {
    this.target = target;
    this.prefix = prefix;
  }

  static PrintStream of(PrintStream target, String prefix) {
    return new PrintStream(new LinePrefix(target, prefix), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      target.println(prefix + line.toString(StandardCharsets.UTF_8));
      line.reset();
    } else {
      line.write(b);
    }
  }
}
