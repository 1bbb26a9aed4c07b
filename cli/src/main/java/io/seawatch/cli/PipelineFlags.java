package io.seawatch.cli;

import io.seawatch.ops.Ingest;
import io.seawatch.ops.OperatorError;
import io.seawatch.ops.RunnerProfiles;
import io.seawatch.pipelines.IngestPipeline;
import java.beans.Introspector;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The pipeline's {@code --name=value} options as Beam declares them: the names Beam accepts (the
 * getters of {@link IngestPipeline.Options} and of every registered options interface), their
 * {@code @Description} and {@code @Default}, and a check that turns Beam's parse errors into
 * one-line usage errors naming the option. Beam stays the parser.
 */
final class PipelineFlags {
  /** One option: name, value label, description and default as its interface declares them. */
  record Flag(String name, String type, String description, String defaultValue) {}

  private PipelineFlags() {}

  /** Every property Beam accepts for the ingest, plus the runner profile flags. */
  static Set<String> names() {
    Set<String> names = new TreeSet<>(List.of(RunnerProfiles.PROFILE_FLAG,
        RunnerProfiles.CONFIG_FLAG));
    List<Class<? extends PipelineOptions>> interfaces =
        new ArrayList<>(PipelineOptionsFactory.getRegisteredOptions());
    interfaces.add(IngestPipeline.Options.class);
    for (Class<?> c : interfaces) {
      for (Method m : c.getMethods()) {
        property(m).ifPresent(names::add);
      }
    }
    return names;
  }

  /** The options declared by {@code options} itself (not its super-interfaces), in source order. */
  static List<Flag> declaredBy(Class<?> options) {
    List<Flag> flags = new ArrayList<>();
    for (Method m : declaredGetters(options)) {
      flags.add(flag(m));
    }
    return flags;
  }

  /** The option {@code name} of the first registered interface that declares it. */
  static Optional<Flag> find(String name) {
    for (Class<? extends PipelineOptions> c : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method m : c.getMethods()) { // with the super-interfaces' (filesToStage)
        if (property(m).filter(name::equals).isPresent()
            && m.isAnnotationPresent(Description.class)) {
          return Optional.of(flag(m));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Each argument is {@code --name=value} (or a bare boolean {@code --name}) with a name Beam
   * accepts, else a usage error naming it.
   */
  static void check(CommandSpec spec, List<String> args, Set<String> names) {
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw Checks.usage(spec, "unexpected argument '" + arg
            + "' (pipeline options are --name=value)");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (!names.contains(name)) {
        throw Checks.usage(spec, Seawatch.unknownOption("--" + name));
      }
    }
  }

  /** Beam's options from checked, profile-expanded arguments; a bad value is a usage error. */
  static IngestPipeline.Options parse(CommandSpec spec, List<String> args) {
    try {
      return Ingest.options(args);
    } catch (OperatorError e) {
      // Beam's message names the value, not always the option: find the argument it refused.
      for (String arg : args) {
        try {
          Ingest.options(List.of(arg));
        } catch (OperatorError refused) {
          String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
          throw Checks.usage(spec, "invalid value of " + name + ": " + refused.getMessage());
        }
      }
      throw Checks.usage(spec, e.getMessage());
    }
  }

  private static List<Method> declaredGetters(Class<?> options) {
    // getDeclaredMethods has no defined order; Beam's own help sorts by name, so do we.
    Method[] methods = options.getDeclaredMethods();
    Arrays.sort(methods, (a, b) -> property(a).orElse("").compareTo(property(b).orElse("")));
    List<Method> getters = new ArrayList<>();
    for (Method m : methods) {
      if (property(m).isPresent() && m.isAnnotationPresent(Description.class)) {
        getters.add(m);
      }
    }
    return getters;
  }

  private static Flag flag(Method getter) {
    String name = property(getter).orElseThrow();
    Class<?> type = getter.getReturnType();
    String label = type == boolean.class || type == Boolean.class ? "[=true|false]"
        : "=" + type.getSimpleName().replace("[]", "...");
    return new Flag(name, label, getter.getAnnotation(Description.class).value(),
        defaultOf(getter));
  }

  /** The value of the getter's {@code @Default.X}, null when it has none or computes one. */
  private static String defaultOf(Method getter) {
    for (Annotation a : getter.getAnnotations()) {
      if (a.annotationType().getEnclosingClass() == Default.class
          && a.annotationType() != Default.InstanceFactory.class) {
        try {
          Object value = a.annotationType().getMethod("value").invoke(a);
          return value instanceof Class<?> c ? c.getSimpleName() : String.valueOf(value);
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static Optional<String> property(Method m) {
    if (m.getParameterCount() != 0 || m.isDefault()
        || Modifier.isStatic(m.getModifiers())) {
      return Optional.empty();
    }
    String n = m.getName();
    if (n.startsWith("get") && n.length() > 3) {
      return Optional.of(Introspector.decapitalize(n.substring(3)));
    }
    if (n.startsWith("is") && n.length() > 2
        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
      return Optional.of(Introspector.decapitalize(n.substring(2)));
    }
    return Optional.empty();
  }
}
