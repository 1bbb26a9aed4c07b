package io.seawatch.cli;

import io.seawatch.ops.OperatorError;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code seawatch.jar}: the picocli command tree. Exit codes: 0 success, 1 failure,
 * 2 usage error (docs/operations.md, "The seawatch command"). Every error is one line on stderr; a
 * stack trace only with {@code --verbose}.
 */
@CommandLine.Command(
    name = "seawatch",
    mixinStandardHelpOptions = true,
    versionProvider = Seawatch.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Seawatch: AIS from NMEA through Kafka and Apache Beam into Postgres.",
    footer = {
      "",
      "seawatch COMMAND --help shows the options of one command.",
      "Exit status: 0 success, 1 failure, 2 usage error."
    })
public final class Seawatch implements Callable<Integer> {
  @Option(
      names = "--verbose",
      arity = "0..1",
      paramLabel = "true|false",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean verbose;

  @Spec CommandSpec spec;

  final PrintStream out;
  final PrintStream err;

  Seawatch(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line and returns the exit code (tests call this instead of main). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Seawatch seawatch = new Seawatch(out, err);
    CommandLine line = seawatch.commandLine();
    int code = line.execute(args);
    line.getOut().flush();
    line.getErr().flush();
    out.flush();
    err.flush();
    return code;
  }

  /** The streams of the run a command belongs to (results to out; progress and errors to err). */
  static Seawatch of(CommandSpec spec) {
    return (Seawatch) spec.root().userObject();
  }

  /** No command: the command list, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  CommandLine commandLine() {
    CommandLine line = new CommandLine(this);
    // In the order of `seawatch --help`.
    for (Object command :
        List.of(
            new DecodeCommand(),
            new GenerateCommand(),
            new ReplayCommand(),
            IngestCommand.line(),
            new MigrateCommand(),
            new PostgresCommand(),
            new TablesCommand(),
            new GeofencesCommand(),
            new ClusterCommand(),
            SubmitCommand.line(),
            new JobsCommand(),
            new StopCommand(),
            new StatusCommand(),
            new CrashTestCommand(),
            new BenchCommand(),
            new CommandLine.HelpCommand())) {
      line.addSubcommand(command);
    }
    // An argument starting with @ is a file name or a value here, never a file of arguments.
    line.setExpandAtFiles(false);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    line.setParameterExceptionHandler(this::usageError);
    line.setExecutionExceptionHandler((e, command, parseResult) -> failure(e, command));
    return line;
  }

  /** A bad command line: one line, the synopsis, where to read more; exit 2. */
  private int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": error: " + message(e));
    PrintWriter w = command.getErr();
    UnmatchedArgumentException.printSuggestions(e, w);
    w.print(command.getHelp().fullSynopsis());
    w.println("See '" + name + " --help'.");
    w.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * picocli's own messages, except for unknown arguments: those name the option only, so that a
   * mistyped {@code --jdbcPassword=...} does not echo the secret.
   */
  private static String message(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
      // Argument group errors start with their own "Error: ".
      return e.getMessage().startsWith("Error: ") ? e.getMessage().substring(7) : e.getMessage();
    }
    String arg = u.getUnmatched().get(0);
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    if (arg.startsWith("-")) {
      return unknownOption(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
    }
    if (spec.subcommands().isEmpty()) {
      return "unexpected argument '" + arg + "'";
    }
    if (spec.parent() == null) {
      return "unknown command '" + arg + "'";
    }
    return "unknown action '" + arg + "': " + String.join(", ", spec.subcommands().keySet());
  }

  /** The message of an unknown option: its name only, never a value it was given. */
  static String unknownOption(String option) {
    return "unknown option '" + option + "'"
        + (option.toLowerCase().contains("password")
            ? " (the password is read from the PGPASSWORD environment variable only)"
            : "");
  }

  /**
   * A command that threw: one line, exit 1. Only an error nobody expected keeps its stack trace,
   * and that only with --verbose.
   */
  private int failure(Exception e, CommandLine command) {
    String name = command.getCommandSpec().qualifiedName();
    String expected = expected(e);
    if (expected != null) {
      err.println(name + ": error: " + expected);
    } else {
      // The root cause too: harnesses that capture a command's output keep only this line.
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      err.println(name + ": failed: " + e + (root != e ? "; cause: " + root : "")
          + (verbose ? "" : " (--verbose shows the stack trace)"));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    return 1;
  }

  /** The one-line message of an expected failure, or null for an error nobody expected. */
  private static String expected(Exception e) {
    if (e instanceof CommandFailure || e instanceof OperatorError) {
      return e.getMessage();
    } else if (e instanceof NoSuchFileException f) {
      return "no such file: " + f.getFile();
    } else if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    } else if (e instanceof FileSystemException f) {
      return f.getMessage();
    } else if (e instanceof ConnectException c) {
      return "cannot connect: " + c.getMessage();
    }
    return null;
  }

  /** {@code seawatch --version}: the Implementation-Version of seawatch.jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Seawatch.class.getPackage().getImplementationVersion();
      return new String[] {
        "seawatch " + (version != null ? version : "(development build: not run from seawatch.jar)")
      };
    }
  }
}
