package io.seawatch.cli;

import io.seawatch.ops.FlinkRest;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code seawatch jobs}: the jobs of the Flink session cluster and their last checkpoint. */
@CommandLine.Command(
    name = "jobs",
    sortOptions = false,
    sortSynopsis = false,
    description = {
      "List the jobs of the Flink session cluster with their checkpoints",
      "",
      "Every job of the cluster, newest first: id, state, name and checkpoints."
    })
public final class JobsCommand implements Callable<Integer> {
  @Mixin private HelpOption help;
  @Mixin private FlinkRestOption rest;
  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    FlinkRest flink = new FlinkRest(rest.url);
    flink.requireReachable();
    StatusCommand.printJobs(flink, Seawatch.of(spec).out);
    return 0;
  }
}
