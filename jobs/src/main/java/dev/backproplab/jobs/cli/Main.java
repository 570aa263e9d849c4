package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.datasets.fetch.FetchException;
import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.jobs.store.SweepLock;
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
    subcommands = {SweepCommand.class, SearchCommand.class, QueryCommand.class, ReportCommand.class,
        CompareCommand.class, StatusCommand.class, CompactCommand.class, MethodsCommand.class,
        DatasetsCommand.class, BenchCommand.class},
    description = {
      "backprop-lab: which learning rule trains this network, how far, how fast, at what cost.",
      "Exit codes: 0 done; 1 failure while running; 2 bad usage, configuration or input;",
      "3 bpl compare found a regression."
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

  /** Runs {@code bpl} and returns its exit code; output and messages go to stdout and stderr. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs {@code bpl} with output to {@code out} and messages to {@code err}; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setUsageHelpWidth(100); // the descriptions are written in lines of up to 100 characters
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      PrintWriter log = cmd.getErr();
      Throwable cause = e;
      while (!(cause instanceof InvalidInputException) && cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      String name = cmd.getCommandSpec().qualifiedName();
      if (cause instanceof InvalidInputException) {
        log.println(name + ": " + cause.getMessage());
        log.flush();
        return ExitCodes.BAD_INPUT;
      }
      Throwable lost = e;
      while (!(lost instanceof SweepLock.LostException) && lost.getCause() != null && lost.getCause() != lost) {
        lost = lost.getCause();
      }
      if (e instanceof FetchException || e instanceof DriverMemory.Exhausted
          || lost instanceof SweepLock.LostException) {
        log.println(name + ": " + (lost instanceof SweepLock.LostException ? lost : e).getMessage());
        log.flush();
        return ExitCodes.FAILURE;
      }
      log.println(name + ": failed: " + e);
      e.printStackTrace(log);
      log.flush();
      return ExitCodes.FAILURE;
    });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("bpl: out of memory (Java heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): raise"
          + " it with BPL_JAVA_OPTS=-Xmx<size> (jobs/bin/bpl) or --driver-memory (spark-submit)");
      err.flush();
      return ExitCodes.FAILURE;
    } catch (RuntimeException | Error e) { // anything the command handler did not see, e.g. from a static initializer
      err.println("bpl: failed: " + e);
      e.printStackTrace(err);
      err.flush();
      return ExitCodes.FAILURE;
    }
  }

  /** The project version for {@code --version}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"backprop-lab " + BuildInfo.version()};
    }
  }
}
