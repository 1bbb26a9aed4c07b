package io.seawatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A {@link Command} not yet on picocli, in the picocli tree: every argument after its name passes
 * through unparsed (only the global {@code --verbose} is taken out), and its help is its own
 * {@code --help}, also for {@code seawatch help NAME}.
 */
@CommandLine.Command
final class LegacyCommand implements Callable<Integer> {
  private static final String HELP_SECTION = "legacyHelp";

  private final Command command;
  @Unmatched private List<String> args = new ArrayList<>();
  @Spec private CommandSpec spec;

  private LegacyCommand(Command command) {
    this.command = command;
  }

  static CommandLine of(Command command) {
    CommandLine line = new CommandLine(new LegacyCommand(command));
    CommandSpec spec = line.getCommandSpec();
    spec.name(command.name());
    spec.usageMessage().description(command.summary());
    spec.usageMessage().sectionMap().put(HELP_SECTION, help -> ownHelp(command));
    spec.usageMessage().sectionKeys(List.of(HELP_SECTION));
    return line;
  }

  @Override
  public Integer call() throws Exception {
    Seawatch seawatch = Seawatch.of(spec);
    return command.run(List.copyOf(args), seawatch.out, seawatch.err);
  }

  private static String ownHelp(Command command) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(text, true, StandardCharsets.UTF_8)) {
      command.run(List.of("--help"), p, p);
    } catch (Exception e) {
      return command.summary() + System.lineSeparator();
    }
    return text.toString(StandardCharsets.UTF_8);
  }
}
