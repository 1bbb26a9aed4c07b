package io.seawatch.cli;

import io.seawatch.ops.FlinkRest;
import picocli.CommandLine.Option;

/** {@code --flinkRest=URL}: the session cluster's REST address. */
final class FlinkRestOption {
  @Option(
      names = "--flinkRest",
      paramLabel = "URL",
      defaultValue = FlinkRest.DEFAULT_URL,
      description = "The session cluster's REST address (default: ${DEFAULT-VALUE}).")
  String url;
}
