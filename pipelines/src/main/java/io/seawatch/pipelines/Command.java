package io.seawatch.pipelines;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of {@code seawatch}. */
public interface Command {
  /** The word that selects this command on the command line. */
  String name();

  /** One line for the command list. */
  String summary();

  /**
   * Runs the command with the arguments after its name. Errors the user can fix are thrown as
   * {@link UserError} and printed as one line; anything else is a bug and keeps its stack trace.
   *
   * @return the process exit code
   */
  int run(List<String> args) throws Exception;

  /**
   * Runs the command writing to the given streams (tests capture them). Commands that print
   * override this; the default ignores the streams and calls {@link #run(List)}.
   */
  default int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    return run(args);
  }
}
