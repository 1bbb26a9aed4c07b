package io.seawatch.harness;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A PrintStream for the progress of an ops call inside a harness: each complete line that passes
 * {@code keep} goes to {@code target} behind a prefix (the harness's own lines stand out).
 */
final class LinePrefixStream extends OutputStream {
  private final PrintStream target;
  private final String prefix;
  private final Predicate<String> keep;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private LinePrefixStream(PrintStream target, String prefix, Predicate<String> keep) {
    this.target = target;
    this.prefix = prefix;
    this.keep = keep;
  }

  static PrintStream of(PrintStream target, String prefix, Predicate<String> keep) {
    return new PrintStream(new LinePrefixStream(target, prefix, keep), true,
        StandardCharsets.UTF_8);
  }

  /** A stream that drops everything. */
  static PrintStream discard() {
    return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (keep.test(text)) {
        target.println(prefix + text);
      }
    } else {
      line.write(b);
    }
  }
}
