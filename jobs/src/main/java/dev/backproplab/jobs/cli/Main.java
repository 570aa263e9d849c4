package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.BuildInfo;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code bpl} command line. Under {@code spark-submit} this is the shaded jar's Main-Class;
 * locally {@code jobs/bin/bpl} runs it with the classpath and JVM flags Spark needs.
 */
@Command(
    name = "bpl",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {SweepCommand.class, SearchCommand.class, QueryCommand.class, BenchCommand.class},
    description = {
      "backprop-lab: which learning rule trains this network, how far, how fast, at what cost.",
      "Exit codes: 0 done; 1 failure while running; 2 bad usage, configuration or input."
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs {@code bpl} and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs {@code bpl} and returns its exit code; messages go to stdout and stderr. */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      Throwable cause = e;
      while (!(cause instanceof InvalidInputException) && cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      if (cause instanceof InvalidInputException) {
        err.println("bpl " + cmd.getCommandName() + ": " + cause.getMessage());
        err.flush();
        return ExitCodes.BAD_INPUT;
      }
      err.println("bpl " + cmd.getCommandName() + ": failed: " + e);
      e.printStackTrace(err);
      err.flush();
      return ExitCodes.FAILURE;
    });
    return cl.execute(args);
  }

  /** The project version for {@code --version}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"backprop-lab " + BuildInfo.version()};
    }
  }
}
