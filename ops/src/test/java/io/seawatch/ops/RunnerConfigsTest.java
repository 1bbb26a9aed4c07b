package io.seawatch.ops;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig.ExternalizedCheckpointCleanup;
import org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Parses every file in runner-configs/ the way its consumer does (Beam's option parser for the
 * profiles, Flink's own for the cluster config) and pins the values that decide correctness.
 */
public class RunnerConfigsTest {
  // Surefire runs in the module directory.
  private static final Path DIR = Path.of("..", RunnerProfiles.DIR);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static Map<String, String> profile(String name) {
    return RunnerProfiles.load(DIR.resolve(name + ".properties"), System::getProperty);
  }

  private static <T extends org.apache.beam.sdk.options.PipelineOptions> T options(
      String name, Class<T> type) {
    List<String> args = RunnerProfiles.merge(List.of(), profile(name));
    // withValidation: an option name that Beam does not know fails here.
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
        .withValidation()
        .as(type);
  }

  @Test
  public void everyProfileIsCoveredHere() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      Set<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".properties"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(
          Set.of("direct.properties", "flink-cluster.properties", "flink-local.properties"),
          names);
    }
  }

  @Test
  public void directProfile() {
    DirectOptions o = options("direct", DirectOptions.class);
    assertEquals(DirectRunner.class, o.getRunner());
    assertEquals(2, o.getTargetParallelism());
    assertFalse(o.isEnforceImmutability());
    assertFalse(o.isEnforceEncodability());
    assertEquals(4, profile("direct").size());
  }

  @Test
  public void flinkLocalProfile() {
    FlinkPipelineOptions o = options("flink-local", FlinkPipelineOptions.class);
    assertEquals(FlinkRunner.class, o.getRunner());
    assertEquals("[local]", o.getFlinkMaster());
    assertEquals(Integer.valueOf(2), o.getParallelism());
    assertEquals(Integer.valueOf(128), o.getMaxParallelism());
    assertEquals(Long.valueOf(10_000), o.getCheckpointingInterval());
    assertEquals("EXACTLY_ONCE", o.getCheckpointingMode());
    assertEquals(Long.valueOf(2_000), o.getMinPauseBetweenCheckpoints());
    assertEquals(Long.valueOf(120_000), o.getCheckpointTimeoutMillis());
    assertEquals(1, o.getNumConcurrentCheckpoints());
    assertTrue(o.getFinishBundleBeforeCheckpointing());
    assertEquals(Long.valueOf(100000), o.getMaxBundleSize());
    assertEquals(Long.valueOf(1000), o.getMaxBundleTimeMills());
    assertTrue(o.getFasterCopy());
    assertTrue(o.getObjectReuse());
    assertEquals("filesystem", o.getStateBackend());
    assertEquals(
        "file://" + System.getProperty("user.dir") + "/.seawatch/flink-local/checkpoints",
        o.getStateBackendStoragePath());
    assertFalse(o.isStreaming());
    assertEquals(16, profile("flink-local").size());
  }

  @Test
  public void flinkClusterProfile() {
    FlinkPipelineOptions o = options("flink-cluster", FlinkPipelineOptions.class);
    assertEquals(FlinkRunner.class, o.getRunner());
    assertEquals("127.0.0.1:8081", o.getFlinkMaster());
    assertEquals(List.of("pipelines/target/seawatch-job.jar"), o.getFilesToStage());
    assertEquals("seawatch-ingest", o.getJobName());
    assertFalse(o.getAttachedMode());
    assertTrue(o.isStreaming());
    assertEquals(Integer.valueOf(2), o.getParallelism());
    assertEquals(Integer.valueOf(128), o.getMaxParallelism());
    assertEquals(Long.valueOf(10_000), o.getCheckpointingInterval());
    assertEquals("EXACTLY_ONCE", o.getCheckpointingMode());
    assertEquals(Long.valueOf(2_000), o.getMinPauseBetweenCheckpoints());
    assertEquals(Long.valueOf(300_000), o.getCheckpointTimeoutMillis());
    assertEquals(1, o.getNumConcurrentCheckpoints());
    assertFalse(o.getFailOnCheckpointingErrors());
    assertFalse(o.getUnalignedCheckpointEnabled());
    assertTrue(o.isExternalizedCheckpointsEnabled());
    assertTrue(o.getRetainExternalizedCheckpointsOnCancellation());
    assertTrue(o.getFinishBundleBeforeCheckpointing());
    assertEquals(Long.valueOf(100000), o.getMaxBundleSize());
    assertEquals(Long.valueOf(1000), o.getMaxBundleTimeMills());
    assertTrue(o.getFasterCopy());
    assertTrue(o.getObjectReuse());
    assertTrue(o.getDisableMetrics());
    // The cluster's config.yaml decides the state backend.
    assertNull(o.getStateBackend());
    assertEquals(22, profile("flink-cluster").size());
  }

  /** The cluster config as runner-configs/bin/flink-cluster writes it, read by Flink. */
  private Configuration clusterConfig(Path stateDir) throws IOException {
    String template =
        Files.readString(DIR.resolve("flink-cluster").resolve("config.yaml"), StandardCharsets.UTF_8);
    Path conf = tmp.newFolder("conf").toPath();
    Files.writeString(
        conf.resolve(GlobalConfiguration.FLINK_CONF_FILENAME),
        template.replace("@STATE_DIR@", stateDir.toString()),
        StandardCharsets.UTF_8);
    return GlobalConfiguration.loadConfiguration(conf.toString());
  }

  @Test
  public void clusterConfig() throws IOException {
    Path state = tmp.newFolder("state").toPath();
    Configuration c = clusterConfig(state);

    assertEquals("127.0.0.1", c.get(JobManagerOptions.ADDRESS));
    assertEquals(Integer.valueOf(6123), c.get(JobManagerOptions.PORT));
    assertEquals("127.0.0.1", c.get(RestOptions.ADDRESS));
    assertEquals(Integer.valueOf(8081), c.get(RestOptions.PORT));
    assertEquals(Integer.valueOf(2), c.get(TaskManagerOptions.NUM_TASK_SLOTS));
    assertEquals(Integer.valueOf(2), c.get(CoreOptions.DEFAULT_PARALLELISM));
    assertEquals(MemorySize.parse("1g"), c.get(JobManagerOptions.TOTAL_PROCESS_MEMORY));
    assertEquals(MemorySize.parse("3g"), c.get(TaskManagerOptions.TOTAL_PROCESS_MEMORY));
    assertEquals(MemorySize.parse("1g"), c.get(TaskManagerOptions.JVM_METASPACE));
    assertEquals(Float.valueOf(0.3f), c.get(TaskManagerOptions.MANAGED_MEMORY_FRACTION));

    assertEquals("rocksdb", c.get(StateBackendOptions.STATE_BACKEND));
    assertEquals(Boolean.TRUE, c.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    assertEquals("file://" + state + "/checkpoints", c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    assertEquals("file://" + state + "/savepoints", c.get(CheckpointingOptions.SAVEPOINT_DIRECTORY));
    assertEquals(Integer.valueOf(3), c.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS));
    assertEquals(Duration.ofSeconds(10), c.get(ExecutionCheckpointingOptions.CHECKPOINTING_INTERVAL));
    assertEquals(CheckpointingMode.EXACTLY_ONCE, c.get(ExecutionCheckpointingOptions.CHECKPOINTING_MODE));
    assertEquals(Duration.ofSeconds(2), c.get(ExecutionCheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS));
    assertEquals(Duration.ofMinutes(2), c.get(ExecutionCheckpointingOptions.CHECKPOINTING_TIMEOUT));
    assertEquals(
        ExternalizedCheckpointCleanup.RETAIN_ON_CANCELLATION,
        c.get(ExecutionCheckpointingOptions.EXTERNALIZED_CHECKPOINT));
    assertEquals(
        Integer.valueOf(5), c.get(ExecutionCheckpointingOptions.TOLERABLE_FAILURE_NUMBER));
    assertEquals(Boolean.FALSE, c.get(ExecutionCheckpointingOptions.ENABLE_UNALIGNED));
    assertEquals(
        Boolean.TRUE, c.get(TaskManagerOptions.BUFFER_DEBLOAT_ENABLED));

    // A SIGKILLed TaskManager is noticed in seconds (failed heartbeat RPCs), not after 50 s.
    assertEquals(Long.valueOf(2_000), c.get(HeartbeatManagerOptions.HEARTBEAT_INTERVAL));
    assertEquals(Long.valueOf(20_000), c.get(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT));
    assertEquals(
        Integer.valueOf(2), c.get(HeartbeatManagerOptions.HEARTBEAT_RPC_FAILURE_THRESHOLD));

    assertEquals("exponential-delay", c.get(RestartStrategyOptions.RESTART_STRATEGY));
    assertEquals(
        Duration.ofSeconds(1),
        c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF));
    assertEquals(
        Duration.ofMinutes(1),
        c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF));
    assertEquals(
        Integer.valueOf(20),
        c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS));

    assertEquals(state + "/tmp", c.get(CoreOptions.TMP_DIRS));
    assertEquals(Boolean.FALSE, c.get(CoreOptions.CHECK_LEAKED_CLASSLOADER));
  }

  @Test
  public void clusterConfigUsesOnlyKeysFlinkKnows() throws Exception {
    Configuration c = clusterConfig(tmp.newFolder("state").toPath());
    Set<String> known = new HashSet<>();
    for (Class<?> options :
        List.of(
            CoreOptions.class,
            JobManagerOptions.class,
            TaskManagerOptions.class,
            RestOptions.class,
            WebOptions.class,
            BlobServerOptions.class,
            CheckpointingOptions.class,
            StateBackendOptions.class,
            RestartStrategyOptions.class,
            ExecutionCheckpointingOptions.class,
            HeartbeatManagerOptions.class,
            RocksDBConfigurableOptions.class)) {
      for (Field f : options.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
          known.add(((ConfigOption<?>) f.get(null)).key());
        }
      }
    }
    Set<String> unknown = new TreeSet<>(c.keySet());
    unknown.removeAll(known);
    assertEquals(Set.of(), unknown);
    assertEquals(46, c.keySet().size());
    // An ended job's jar leaves the TaskManager's blob cache after a minute, not an hour.
    assertEquals(Long.valueOf(60), c.get(BlobServerOptions.CLEANUP_INTERVAL));
  }
}
