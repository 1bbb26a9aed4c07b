package io.seawatch.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** ingest's generated help and its usage errors (nothing here reaches Kafka or Postgres). */
public class IngestCommandTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    return Seawatch.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private List<String> errLines() {
    return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** The headings of the help, in order: lines that end in a colon and start in column 0. */
  private List<String> headings(String help) {
    return help.lines().filter(l -> l.matches("[A-Z][A-Za-z ]*:")).toList();
  }

  @Test
  public void helpListsSeawatchsOptionsByInterfaceThenTheRunnerFlags() {
    assertEquals(0, run("ingest", "--help"));
    String help = out();
    assertEquals(List.of("Options:", "Kafka source:", "File source:", "Postgres sink:",
        "Decoding:", "Analytics:", "Runner:", "DirectRunner:", "FlinkRunner:"), headings(help));
    List<String> lines = help.lines().toList();
    assertEquals("Beam's full list of pipeline options: seawatch ingest --help-beam",
        lines.get(lines.size() - 1));
    // Descriptions and defaults come from the Options interfaces' annotations.
    assertTrue(help, help.contains("\n  --topic=String                 Kafka topic with one raw NMEA"
        + " line per record\n                                   (default: ais.nmea).\n"));
    assertTrue(help, help.contains("\nFile source:\n  --input=String                 NMEA file"
        + " or glob to read instead of Kafka (.\n"));
    assertTrue(help, help.contains("\n  --bounded[=true|false]         Read the topic up to the"
        + " end offsets present\n"));
    assertTrue(help, help.contains("\n  --gapThresholdMinutes=long     Going dark: a silence of at"
        + " least this long is\n                                   a GAP (min) (default: 360).\n"));
    assertTrue(help, help.contains("\n  --profile=NAME                 Runner options of the profile"
        + " NAME in\n"));
    for (String flag : List.of("--runner=Class", "--runnerConfig=FILE", "--targetParallelism=int",
        "--enforceImmutability[=true|false]", "--enforceEncodability[=true|false]",
        "--blockOnRun[=true|false]", "--flinkMaster=String", "--parallelism=Integer",
        "--checkpointingInterval=Long", "--filesToStage=List", "--savepointPath=String")) {
      assertTrue(flag + " in\n" + help, help.contains("\n  " + flag + " ")
          || help.contains("\n  " + flag + "\n"));
    }
    assertEquals(List.of(), errLines());
  }

  @Test
  public void submitsHelpHasTheSameGroupsWithoutSavepointPath() {
    assertEquals(0, run("submit", "--help"));
    assertEquals(List.of("Options:", "Kafka source:", "File source:", "Postgres sink:",
        "Decoding:", "Analytics:", "Runner:", "DirectRunner:", "FlinkRunner:"), headings(out()));
    assertTrue(out(), out().contains("      --fromSavepoint=PATH"));
    assertTrue(out(), !out().contains("--savepointPath"));
  }

  @Test
  public void helpBeamIsBeamsOwnList() {
    assertEquals(0, run("ingest", "--help-beam"));
    assertTrue(out(), out().contains("io.seawatch.pipelines.IngestPipeline$KafkaSourceOptions:"
        + System.lineSeparator() + System.lineSeparator() + "  --bootstrapServers=<String>"));
    assertTrue(out(), out().contains("org.apache.beam.sdk.options.PipelineOptions:"));
  }

  @Test
  public void anUnknownOptionIsAUsageErrorNamingIt() {
    assertEquals(2, run("ingest", "--nosuch"));
    assertEquals(List.of("seawatch ingest: error: unknown option '--nosuch'",
        "Usage: seawatch ingest (--input=FILE | --bootstrapServers=HOST:PORT)",
        "                [--topic=T] [--bounded] [--jdbcUrl=URL] [--profile=NAME]",
        "                [--OPTION=VALUE...]",
        "See 'seawatch ingest --help'."), errLines());
    errBytes.reset();
    assertEquals(2, run("ingest", "--input=x.nmea", "--jdbcPassword=hunter2"));
    assertEquals("seawatch ingest: error: unknown option '--jdbcPassword' (the password is read"
        + " from the PGPASSWORD environment variable only)", errLines().get(0));
    errBytes.reset();
    assertEquals(2, run("ingest", "fleet.nmea"));
    assertEquals("seawatch ingest: error: unexpected argument 'fleet.nmea' (pipeline options are"
        + " --name=value)", errLines().get(0));
  }

  @Test
  public void aMalformedValueIsAUsageErrorNamingTheOption() {
    assertEquals(2, run("ingest", "--input=x.nmea", "--jdbcBatchSize=many"));
    assertEquals(
        "seawatch ingest: error: invalid value of --jdbcBatchSize: Cannot deserialize value of"
            + " type `int` from String \"many\": not a valid `int` value",
        errLines().get(0));
  }
}
