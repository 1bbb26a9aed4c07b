package io.seawatch.beam.coders;

import static org.junit.Assert.assertEquals;

import java.io.ObjectStreamClass;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * A Flink savepoint holds each state's coder Java-serialized, with the coder class's
 * serialVersionUID. Left implicit, the id changes with any change of a method signature (a moved
 * element type was enough) and a savepoint of the previous build no longer restores. Every coder
 * declares its id, and the ids stay those of the savepoints in the field.
 */
public class CoderSerialVersionsTest {
  private static final Map<Class<?>, Long> PINNED =
      Map.ofEntries(
          Map.entry(AlertCoder.class, -3301838170146734113L),
          Map.entry(DeadLetterCoder.class, 3935043130558670259L),
          Map.entry(DensityCountCoder.class, -5695291351402176494L),
          Map.entry(EventVersionCoder.class, 7310449872161523205L),
          Map.entry(FenceFixCoder.class, 2634238764525446798L),
          Map.entry(FixCoder.class, 1063037432156316356L),
          Map.entry(FixOrEventCoder.class, 1040909044063882848L),
          Map.entry(GeofenceRowCoder.class, -564861253554129316L),
          Map.entry(MessageCountCoder.class, -6190936050377270759L),
          Map.entry(OriginCoder.class, 2238783407660828962L),
          Map.entry(ProximityCoder.class, 6086068360982580527L),
          Map.entry(RawLineCoder.class, -2580836185306700455L),
          Map.entry(VesselEventCoder.class, 2249417748882798772L),
          Map.entry(VesselPositionCoder.class, 5850248512372534625L),
          Map.entry(VesselStaticCoder.class, 3912130539323748622L),
          Map.entry(VesselStaticRowCoder.class, -5930415097229920664L),
          Map.entry(VesselStatsRowCoder.class, 7855621177139386691L));

  @Test
  public void everyCoderKeepsItsSerialVersionUid() throws Exception {
    for (Map.Entry<Class<?>, Long> e : PINNED.entrySet()) {
      Class<?> coder = e.getKey();
      int modifiers = coder.getDeclaredField("serialVersionUID").getModifiers();
      assertEquals(coder + " declares its id", true,
          Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers));
      assertEquals(coder.getName(), (long) e.getValue(),
          ObjectStreamClass.lookup(coder).getSerialVersionUID());
    }
  }

  @Test
  public void everyCoderOfThePackageIsPinned() throws Exception {
    Path dir = Path.of(FixCoder.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(FixCoder.class.getPackageName().replace('.', '/'));
    List<String> unpinned;
    try (Stream<Path> files = Files.list(dir)) {
      unpinned = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith("Coder.class"))
          .map(n -> FixCoder.class.getPackageName() + "." + n.substring(0, n.length() - 6))
          .filter(n -> PINNED.keySet().stream().noneMatch(c -> c.getName().equals(n)))
          .sorted()
          .collect(Collectors.toList());
    }
    assertEquals("coders without a pinned serialVersionUID", List.of(), unpinned);
  }
}
