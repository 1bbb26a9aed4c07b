package io.seawatch.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of option values that picocli's types do not express: a failed one is a usage error. */
final class Checks {
  private Checks() {}

  static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  static int positive(CommandSpec spec, String option, int value) {
    if (value <= 0) {
      throw usage(spec, option + " must be a positive whole number, not '" + value + "'");
    }
    return value;
  }

  static int nonNegative(CommandSpec spec, String option, int value) {
    if (value < 0) {
      throw usage(spec, option + " must be a whole number >= 0, not '" + value + "'");
    }
    return value;
  }
}
