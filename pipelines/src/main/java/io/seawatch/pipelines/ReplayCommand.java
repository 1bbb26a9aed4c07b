package io.seawatch.pipelines;

import java.util.List;

/** Stub: being written. */
public final class ReplayCommand implements Command {
  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String summary() {
    return "Publish an NMEA file to Kafka";
  }

  @Override
  public int run(List<String> args) {
    throw new UserError("not implemented yet");
  }
}
