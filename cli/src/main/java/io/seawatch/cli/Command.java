package io.seawatch.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of {@code seawatch} not yet on picocli: {@link LegacyCommand} puts it in the
 * command tree and hands it its arguments unparsed.
 */
public interface Command {
  /** The word that selects this command on the command line. */
  String name();

  /** One line for the command list. */
  String summary();

  /**
   * Runs the command with the arguments after its name, writing only to {@code out} (results) and
   * {@code err} (progress, warnings, rejects), never to the process's own streams: tests capture
   * both. Errors the user can fix are thrown as {@link UserError} and printed as one line (exit 2);
   * anything else is printed as one line too (exit 1), with its stack trace only under --verbose.
   *
   * @return the process exit code
   */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
