package io.seawatch.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of {@code seawatch.jar}: dispatches to the sub-commands. */
public final class Seawatch {
  private static final List<Command> COMMANDS =
      List.of(
          new DecodeCommand(),
          new GenerateCommand(),
          new ReplayCommand(),
          new IngestCommand(),
          new MigrateCommand(),
          new PostgresCommand(),
          new TablesCommand(),
          new GeofencesCommand(),
          new ClusterCommand(),
          new SubmitCommand(),
          new JobsCommand(),
          new StopCommand(),
          new StatusCommand(),
          new CrashTestCommand(),
          new BenchCommand());

  private Seawatch() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line and returns the exit code (tests call this instead of main). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || isHelp(args[0])) {
      usage(out);
      return args.length == 0 ? 2 : 0;
    }
    Command command = find(args[0]);
    if (command == null) {
      err.println("seawatch: unknown command '" + args[0] + "'");
      usage(err);
      return 2;
    }
    try {
      return command.run(Arrays.asList(args).subList(1, args.length), out, err);
    } catch (UserError e) {
      err.println("seawatch " + command.name() + ": error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("seawatch " + command.name() + ": failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  static Command find(String name) {
    for (Command c : COMMANDS) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  static List<Command> commands() {
    return COMMANDS;
  }

  /** The words that ask for help in place of a command or action. */
  static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private static void usage(PrintStream out) {
    out.println("Usage: seawatch <command> [options]   (seawatch <command> --help for its options)");
    out.println();
    out.println("Commands:");
    for (Command c : COMMANDS) {
      out.printf("  %-10s %s%n", c.name(), c.summary());
    }
  }
}
