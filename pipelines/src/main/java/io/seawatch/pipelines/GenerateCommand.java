package io.seawatch.pipelines;

import java.util.List;

/** Stub: being written. */
public final class GenerateCommand implements Command {
  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "Write a synthetic fleet as an NMEA file (fixed seed)";
  }

  @Override
  public int run(List<String> args) {
    throw new UserError("not implemented yet");
  }
}
