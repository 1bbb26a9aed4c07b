package io.seawatch.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runner profiles: Beam pipeline options kept as versioned data in {@code runner-configs/NAME.properties}
 * (one {@code option=value} per line, keys without the leading {@code --}). {@code --profile=NAME}
 * or {@code --runnerConfig=FILE} on a command line is replaced by the options of that file; options
 * given on the command line win over the file's. {@code ${name}} in a value is replaced by the Java
 * system property of that name (e.g. {@code ${user.dir}} for an absolute checkpoint path).
 */
public final class RunnerProfiles {
  public static final String PROFILE_FLAG = "profile";
  public static final String CONFIG_FLAG = "runnerConfig";
  /** The folder of the profiles, relative to the repository root. */
  public static final String DIR = "runner-configs";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private RunnerProfiles() {}

  /**
   * Returns {@code args} with {@code --profile=NAME} / {@code --runnerConfig=FILE} replaced by the
   * profile's options that {@code args} does not set itself; {@code args} itself when it names no
   * profile. Prints which file was applied to {@code out}.
   */
  public static List<String> expand(List<String> args, PrintStream out) {
    List<String> rest = new ArrayList<>();
    String profile = null;
    String config = null;
    for (String arg : args) {
      String value;
      if ((value = valueOf(arg, PROFILE_FLAG)) != null) {
        if (profile != null || config != null) {
          throw new OperatorError("give one --profile or --runnerConfig");
        }
        profile = value;
      } else if ((value = valueOf(arg, CONFIG_FLAG)) != null) {
        if (profile != null || config != null) {
          throw new OperatorError("give one --profile or --runnerConfig");
        }
        config = value;
      } else {
        rest.add(arg);
      }
    }
    if (profile == null && config == null) {
      return args;
    }
    Path file = config != null ? Path.of(config) : locate(profile, Repository.searchRoots());
    Map<String, String> options = load(file, System::getProperty);
    List<String> expanded = merge(rest, options);
    out.println("runner config " + file + ": " + (expanded.size() - rest.size()) + " of "
        + options.size() + " options applied (the command line sets the others)");
    return expanded;
  }

  /** {@code args} followed by {@code --key=value} for every option {@code args} does not name. */
  public static List<String> merge(List<String> args, Map<String, String> options) {
    Set<String> explicit = new HashSet<>();
    for (String arg : args) {
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        explicit.add(eq < 0 ? arg.substring(2) : arg.substring(2, eq));
      }
    }
    List<String> merged = new ArrayList<>(args);
    options.forEach(
        (key, value) -> {
          if (!explicit.contains(key)) {
            merged.add("--" + key + "=" + value);
          }
        });
    return merged;
  }

  /** The options of one profile file, in file order, with variables replaced. */
  public static Map<String, String> load(Path file, UnaryOperator<String> variables) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OperatorError("cannot read runner config " + file + ": " + e.getMessage());
    }
    return parse(new StringReader(text), file.toString(), variables);
  }

  /** Parses {@code .properties} text; {@code source} names it in errors. */
  public static Map<String, String> parse(Reader reader, String source, UnaryOperator<String> variables) {
    // Properties forgets the order; keep the file's for readable command lines.
    Map<String, String> ordered = new LinkedHashMap<>();
    Properties props =
        new Properties() {
          private static final long serialVersionUID = 1L;

          @Override
          public synchronized Object put(Object key, Object value) {
            ordered.put((String) key, (String) value);
            return super.put(key, value);
          }
        };
    try {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new OperatorError("cannot parse runner config " + source + ": " + e.getMessage());
    }
    Map<String, String> options = new LinkedHashMap<>();
    ordered.forEach(
        (key, value) -> {
          if (!NAME.matcher(key).matches()) {
            throw new OperatorError(
                "runner config " + source + ": '" + key + "' is not an option name");
          }
          options.put(key, substitute(value.strip(), source, key, variables));
        });
    return options;
  }

  private static String substitute(
      String value, String source, String key, UnaryOperator<String> variables) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement = variables.apply(m.group(1));
      if (replacement == null) {
        throw new OperatorError(
            "runner config " + source + ": " + key + " uses ${" + m.group(1)
                + "}, which is not a Java system property");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** {@code DIR/NAME.properties} under the first root that has it. */
  public static Path locate(String profile, List<Path> roots) {
    if (!NAME.matcher(profile).matches()) {
      throw new OperatorError("--profile=" + profile + " is not a profile name");
    }
    for (Path root : roots) {
      Path file = root.resolve(DIR).resolve(profile + ".properties");
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    Set<String> known = new TreeSet<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.list(root.resolve(DIR))) {
        files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".properties"))
            .forEach(n -> known.add(n.substring(0, n.length() - ".properties".length())));
      } catch (IOException e) {
        // no profiles there
      }
    }
    throw new OperatorError(
        "no runner profile '" + profile + "' in " + DIR + "/ of " + roots
            + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")")
            + "; or give --runnerConfig=FILE");
  }

  private static String valueOf(String arg, String flag) {
    String prefix = "--" + flag;
    if (arg.equals(prefix)) {
      throw new OperatorError(prefix + " needs a value: " + prefix + "=...");
    }
    return arg.startsWith(prefix + "=") ? arg.substring(prefix.length() + 1) : null;
  }
}
