package io.seawatch.pipelines;

import java.util.List;

/** Stub: being written. */
public final class DecodeCommand implements Command {
  @Override
  public String name() {
    return "decode";
  }

  @Override
  public String summary() {
    return "Decode NMEA AIS sentences to gpsd-style JSON lines";
  }

  @Override
  public int run(List<String> args) {
    throw new UserError("not implemented yet");
  }
}
