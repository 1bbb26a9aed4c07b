package io.seawatch.pipelines;

import java.util.List;

/** Stub: being written. */
public final class MigrateCommand implements Command {
  @Override
  public String name() {
    return "migrate";
  }

  @Override
  public String summary() {
    return "Apply the Postgres schema migrations";
  }

  @Override
  public int run(List<String> args) {
    throw new UserError("not implemented yet");
  }
}
