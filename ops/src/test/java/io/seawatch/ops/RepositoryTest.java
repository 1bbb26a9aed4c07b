package io.seawatch.ops;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/** Tests run in the module directory: the repository's files must still be found from there. */
public class RepositoryTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();

  @Test
  public void theRootIsTheParentOfTheModuleDirectory() {
    assertEquals(MODULE.getParent(), Repository.root());
    assertTrue(Repository.searchRoots().contains(MODULE.getParent()));
  }

  @Test
  public void profilesResolveAgainstTheRoot() {
    assertEquals(MODULE.getParent().resolve("runner-configs/direct.properties"),
        RunnerProfiles.locate("direct", Repository.searchRoots()).toAbsolutePath());
  }

  @Test
  public void theJobJarIsTheRootsBuild() {
    Path built = MODULE.getParent().resolve(Repository.JOB_JAR);
    assumeTrue("pipelines is packaged before ops in a reactor build", Files.isRegularFile(built));
    assertEquals(built, Repository.jobJar());
  }
}
