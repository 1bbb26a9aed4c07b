package io.seawatch.pipelines;

import java.util.List;

/** Stub: being written. */
public final class IngestCommand implements Command {
  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String summary() {
    return "Run the ingest pipeline: Kafka or file to Postgres";
  }

  @Override
  public int run(List<String> args) {
    throw new UserError("not implemented yet");
  }
}
