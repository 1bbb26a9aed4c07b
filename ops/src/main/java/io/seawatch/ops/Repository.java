package io.seawatch.ops;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the repository's files are when the code runs from a build of it: the runner profiles
 * ({@code runner-configs/}), the cluster scripts and the job jar. Found from the working directory
 * (the repository root or a module directory, as tests run) and from the location of this code
 * ({@code <repo>/<module>/target/...}), so the CLI works from any directory.
 */
public final class Repository {
  /** Where the build puts the job jar, relative to the repository root. */
  public static final String JOB_JAR = "pipelines/target/seawatch-job.jar";
  /** The session cluster's script, relative to the repository root. */
  public static final String FLINK_CLUSTER_SCRIPT = "runner-configs/bin/flink-cluster";
  /** The session cluster's default state directory, relative to the repository root. */
  public static final String FLINK_STATE_DIR = ".seawatch/flink";

  private Repository() {}

  /**
   * The working directory, then the repository that holds the running code
   * ({@code <repo>/cli/target/seawatch.jar} or {@code <repo>/<module>/target/classes}).
   */
  public static List<Path> searchRoots() {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("").toAbsolutePath());
    try {
      Path code =
          Path.of(Repository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path module = code.getParent() == null ? null : code.getParent().getParent();
      Path repo = module == null ? null : module.getParent();
      if (repo != null && !roots.contains(repo)) {
        roots.add(repo);
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no code source (unusual class loader): the working directory only
    }
    return roots;
  }

  /**
   * The repository root: the working directory or one of its parents that holds the cluster
   * script, else the repository of the running code.
   *
   * @throws OperatorError when neither is a checkout of the repository
   */
  public static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(FLINK_CLUSTER_SCRIPT))) {
        return p;
      }
    }
    for (Path p : searchRoots()) {
      if (Files.isRegularFile(p.resolve(FLINK_CLUSTER_SCRIPT))) {
        return p;
      }
    }
    throw new OperatorError("run from the repository (" + FLINK_CLUSTER_SCRIPT + " not found)"
        + " or give --repo=DIR");
  }

  /** The repository's build of the thin job jar that the cluster receives. */
  public static Path jobJar() {
    for (Path root : searchRoots()) {
      Path jar = root.resolve(JOB_JAR);
      if (Files.isRegularFile(jar)) {
        return jar.toAbsolutePath();
      }
    }
    return Path.of(JOB_JAR).toAbsolutePath();
  }
}
