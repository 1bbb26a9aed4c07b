package io.seawatch.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for every command; {@code --version} belongs to {@code seawatch} alone. */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}
