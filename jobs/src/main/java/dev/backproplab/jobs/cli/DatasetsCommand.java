package dev.backproplab.jobs.cli;

import dev.backproplab.datasets.DatasetManager;
import dev.backproplab.datasets.DatasetStatus;
import dev.backproplab.datasets.FileCheck;
import dev.backproplab.datasets.VerificationReport;
import dev.backproplab.datasets.fetch.FetchResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpl datasets list|fetch|verify}: the named data sets, where they are, getting and checking them. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.FetchCommand.class,
        DatasetsCommand.VerifyCommand.class},
    description = {
      "The named data sets: mnist, fashion-mnist, cifar10, digits (embedded), iris, wine, breast-cancer,",
      "and the local speech sets espeak-words and espeak-speakers (not downloaded: 'fetch' says how to make them).",
      "Lookup order for a name: a path given in the sweep file, then $BPL_DATA_DIR/<name>/,",
      "then ~/.cache/backprop-lab/<name>/ (where 'fetch' puts it)."
    })
final class DatasetsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, fetch or verify");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the data sets and where each was found.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-14s %-11s %10s  %-16s %s%n", "name", "on disk", "download", "found via", "where");
      for (DatasetStatus s : DatasetManager.standard().list()) {
        out.printf("%-14s %-11s %10s  %-16s %s%n", s.name(), bytes(s.bytesOnDisk()), "~" + bytes(s.downloadBytes()),
            s.source().orElse("-"), s.where());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = {"Download a data set from its official mirrors, verify its checksums, and keep it",
          "in the user cache (or --dir). Files already present and valid are not downloaded again.",
          "Exit codes: 0 done; 1 download failed; 2 unknown name."})
  static final class FetchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The data set, e.g. mnist.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Target folder. Default: ~/.cache/backprop-lab/NAME.")
    Path dir;

    @Override
    public Integer call() {
      FetchResult r = DatasetManager.standard().fetch(name, Optional.ofNullable(dir));
      PrintWriter out = spec.commandLine().getOut();
      for (String url : r.downloaded()) {
        out.println("downloaded and verified " + url);
      }
      for (String f : r.alreadyPresent()) {
        out.println("already present and valid: " + f);
      }
      out.println(r.name() + " is in " + r.directory());
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check the checksums of a data set's files where they are found.",
          "Exit codes: 0 all match; 1 a file is corrupt or unreadable; 2 unknown or missing data set."})
  static final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The data set, e.g. mnist.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Check the files in DIR instead of the usual lookup.")
    String dir;

    @Override
    public Integer call() {
      VerificationReport r = DatasetManager.standard().verify(name, Optional.ofNullable(dir));
      PrintWriter out = spec.commandLine().getOut();
      out.println(r.name() + " in " + r.location());
      for (FileCheck c : r.files()) {
        out.printf("  %-11s %-28s %s%n", c.status(), c.file(),
            c.status() == FileCheck.Status.OK ? "" : c.detail() == null ? "" : c.detail());
      }
      out.println(r.ok() ? "all files verified" : "verification FAILED");
      out.flush();
      return r.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  static String bytes(long n) {
    if (n <= 0) {
      return "-";
    }
    String[] units = {"B", "KiB", "MiB", "GiB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }
}
