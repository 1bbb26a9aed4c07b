package io.seawatch.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Beam-style command-line options for the small commands that do not build a pipeline:
 * {@code --name=value} and bare {@code --flag}. Unknown or malformed options are {@link UserError}s.
 */
final class Flags {
  private final String command;
  private final Map<String, String> values = new HashMap<>();

  private Flags(String command) {
    this.command = command;
  }

  /**
   * @param valued names that take {@code =value}
   * @param bare names that take no value
   */
  static Flags parse(String command, List<String> args, Set<String> valued, Set<String> bare) {
    Flags flags = new Flags(command);
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw flags.error("unexpected argument '" + arg + "'");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (valued.contains(name)) {
        if (eq < 0) {
          throw flags.error("--" + name + " needs a value: --" + name + "=...");
        }
        flags.values.put(name, arg.substring(eq + 1));
      } else if (bare.contains(name)) {
        if (eq >= 0) {
          throw flags.error("--" + name + " takes no value");
        }
        flags.values.put(name, "");
      } else {
        throw flags.error("unknown option '--" + name + "'");
      }
    }
    return flags;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String string(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      throw error("--" + name + "=... is required");
    }
    return v;
  }

  /** A positive int option. */
  int positiveInt(String name, int defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error("--" + name + " must be a positive whole number, not '" + v + "'");
  }

  UserError error(String message) {
    return new UserError(message + " (see seawatch " + command + " --help)");
  }
}
