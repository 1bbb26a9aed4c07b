package io.seawatch.pipelines;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.seawatch.beam.ReadAisFromKafka;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.JdbcTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.core.construction.SerializablePipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PValue;
import org.junit.Test;

/**
 * The thin job jar holds everything the cluster needs: every serialized piece of the streaming job
 * (sources, DoFns, window functions, side-input views, coders, the options) is written here and
 * read back in a class loader that has only {@code target/seawatch-job.jar} and the session
 * cluster's classpath ({@code runner-configs/target/flink.classpath}), as a TaskManager reads
 * them. A library left out of the jar that the job does load fails here with its class name.
 */
public class JobJarIT {
  private static final Path JOB_JAR = Path.of("target/seawatch-job.jar");
  private static final Path CLUSTER_CLASSPATH = Path.of("../runner-configs/target/flink.classpath");

  @Test
  public void everySerializedPartOfTheJobLoadsFromTheJobJarAndTheClusterClasspath()
      throws Exception {
    assertTrue("built in the package phase: " + JOB_JAR, Files.isRegularFile(JOB_JAR));
    assertTrue("built by runner-configs: " + CLUSTER_CLASSPATH,
        Files.isRegularFile(CLUSTER_CLASSPATH));
    Map<String, Serializable> parts = serializedParts();
    assertTrue(parts.size() + " parts", parts.size() > 50);

    List<String> failures = new ArrayList<>();
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    try (URLClassLoader cluster = clusterClassLoader()) {
      // Flink runs user code with its class loader as the context loader (ServiceLoader uses it).
      thread.setContextClassLoader(cluster);
      for (Map.Entry<String, Serializable> e : parts.entrySet()) {
        byte[] bytes = serialize(e.getValue());
        try (ObjectInputStream in = new LoaderInputStream(new ByteArrayInputStream(bytes), cluster)) {
          Object back = in.readObject();
          assertEquals(e.getKey(), e.getValue().getClass().getName(), back.getClass().getName());
        } catch (ClassNotFoundException | NoClassDefFoundError ex) {
          failures.add(e.getKey() + ": " + ex);
        }
      }
    } finally {
      thread.setContextClassLoader(own);
    }
    assertEquals("parts that do not load on the cluster", List.of(), failures);
  }

  /** The job as {@code seawatch submit} builds it: Kafka, streaming, every analytics step. */
  private static Map<String, Serializable> serializedParts() {
    IngestPipeline.Options options = PipelineOptionsFactory.as(IngestPipeline.Options.class);
    options.as(org.apache.beam.sdk.options.StreamingOptions.class).setStreaming(true);
    Pipeline p = Pipeline.create(options);
    SeawatchCoders.registerOn(p);
    IngestPipeline.buildPipeline(
        p,
        ReadAisFromKafka.unbounded("127.0.0.1:1", "never-read", "never-used"),
        JdbcTarget.of("jdbc:postgresql://127.0.0.1:5432/never-used", "postgres"),
        options);
    Map<String, Serializable> parts = new LinkedHashMap<>();
    parts.put("options", new SerializablePipelineOptions(options));
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            String name = node.getFullName();
            Object t = node.getTransform();
            if (t instanceof ParDo.MultiOutput) {
              parts.put(name + " fn", ((ParDo.MultiOutput<?, ?>) t).getFn());
              for (PCollectionView<?> view : ((ParDo.MultiOutput<?, ?>) t).getSideInputs().values()) {
                parts.put(name + " view " + view.getTagInternal().getId() + " fn", view.getViewFn());
                parts.put(name + " view " + view.getTagInternal().getId() + " window mapping",
                    view.getWindowMappingFn());
              }
            } else if (t instanceof Read.Unbounded) {
              parts.put(name + " source", ((Read.Unbounded<?>) t).getSource());
            } else if (t instanceof Read.Bounded) {
              parts.put(name + " source", ((Read.Bounded<?>) t).getSource());
            } else if (t instanceof Window.Assign) {
              parts.put(name + " window fn", ((Window.Assign<?>) t).getWindowFn());
            }
            for (PValue out : node.getOutputs().values()) {
              if (out instanceof PCollection) {
                PCollection<?> pc = (PCollection<?>) out;
                parts.put(name + " coder " + pc.getName(), pc.getCoder());
                parts.put(name + " windowing " + pc.getName(), pc.getWindowingStrategy().getWindowFn());
              }
            }
          }
        });
    return parts;
  }

  private static byte[] serialize(Serializable value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static URLClassLoader clusterClassLoader() throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(JOB_JAR.toUri().toURL());
    for (String entry : Files.readString(CLUSTER_CLASSPATH, StandardCharsets.UTF_8).strip()
        .split(java.io.File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  /** Resolves every class of the stream in {@code loader}, as Flink's user-code class loader does. */
  private static final class LoaderInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
      return Class.forName(desc.getName(), false, loader);
    }
  }
}
