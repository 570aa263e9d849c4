package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.store.Compaction;
import dev.backproplab.jobs.store.ResultsFiles;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.SweepLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpl compact}: merges a results folder's small files, so queries open a few files per sweep. */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    description = {
      "Merge the one-row trial files and per-attempt curve files of each sweep (each method folder)",
      "into one file per table, so that queries open a few files instead of thousands (Spark SQL",
      "pays a reader set-up per file). A sweep run compacts its own results at its end when a",
      "method folder holds " + Compaction.AT_RUN_END + " trial files or more (spark.hadoop." + Compaction.AT_RUN_END_KEY + "=N",
      "sets N); this command does it for any folder. Takes each sweep's lock (refused while a run",
      "holds it), finishes what a stopped run or compaction left, then compacts; a compaction",
      "stopped at any point leaves a folder that queries and resumes read correctly. Answers,",
      "resume and bpl status are the same after it."
    })
final class CompactCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--results", paramLabel = "DIR", required = true, description = "The results folder a sweep writes (--out).")
  String results;

  @Option(names = "--sweep", paramLabel = "ID", description = "Only these sweeps (repeatable). Default: all.")
  List<String> sweeps = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Configuration conf = new Configuration();
    Set<String> present = ResultsFiles.sweeps(results, conf);
    if (present.isEmpty()) {
      throw new InvalidInputException("no results in " + results + ": expected the --out of a sweep");
    }
    for (String s : sweeps) {
      if (!present.contains(s)) {
        throw new InvalidInputException("--sweep '" + s + "' has no results in " + results
            + ": the sweeps there are " + present);
      }
    }
    ResultsStore store = new ResultsStore(results);
    for (String sweep : sweeps.isEmpty() ? present : sweeps) {
      try (SweepLock lock = store.lock(sweep, "bpl compact", conf)) {
        for (String note : store.recover(sweep, conf)) {
          out.println("warning: " + note);
        }
        Compaction.Outcome o = Compaction.compact(store, sweep, lock.claim(), conf, 2);
        o.notes().forEach(n -> out.println("warning: " + n));
        out.printf("sweep %s: %d files, now %d%n", sweep, o.filesBefore(), o.filesAfter());
      }
    }
    return ExitCodes.OK;
  }
}
