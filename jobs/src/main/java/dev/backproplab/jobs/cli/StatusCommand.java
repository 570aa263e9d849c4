package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.store.Heartbeats;
import dev.backproplab.jobs.store.ResultsStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpl status}: what is running in a results folder, from another terminal. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the sweeps in a results folder (trials committed out of the trials of the sweep's current",
      "revision, whether a run holds the sweep's lock) and their running trials with their latest",
      "epoch, samples seen, losses and accuracy, from the heartbeats running trials write (at most",
      "once a second). A heartbeat older than a minute is marked stale: its task was probably",
      "killed. --watch redraws until interrupted (Ctrl-C)."
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--results", paramLabel = "DIR", required = true, description = "The results folder a sweep writes (--out).")
  String results;

  @Option(names = "--sweep", paramLabel = "ID", description = "Only these sweeps (repeatable).")
  List<String> sweeps = new ArrayList<>();

  @Option(names = "--watch", description = "Redraw every --interval seconds until interrupted.")
  boolean watch;

  @Option(names = "--interval", paramLabel = "S", defaultValue = "2", description = "Seconds between redraws. Default: ${DEFAULT-VALUE}.")
  double interval;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Configuration conf = new Configuration();
    Path root = new Path(results);
    if (!root.getFileSystem(conf).exists(root)) {
      throw new InvalidInputException("no results folder " + results + ": expected the --out of a sweep");
    }
    do {
      if (watch) {
        out.print("\033[H\033[2J");
      }
      print(out, conf);
      out.flush();
      if (watch) {
        Thread.sleep((long) (interval * 1000));
      }
    } while (watch);
    return ExitCodes.OK;
  }

  private void print(PrintWriter out, Configuration conf) throws IOException {
    ResultsStore store = new ResultsStore(results);
    Instant now = Instant.now();
    out.printf("%s at %s%n", results, now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    Map<String, List<String>> current = store.currentTrials(conf);
    for (String sweep : sweepIds(conf)) {
      Map<String, ResultsStore.Committed> committed = store.committed(sweep, conf);
      boolean locked = new Path(new Path(results, "_locks"), sweep + ".lock").getFileSystem(conf)
          .exists(new Path(new Path(results, "_locks"), sweep + ".lock"));
      List<String> total = current.get(sweep);
      String count = total == null ? Integer.toString(committed.size())
          : total.stream().filter(committed::containsKey).count() + " of " + total.size();
      out.printf("sweep %s: %s trials committed%s%n", sweep, count, locked ? ", running" : "");
    }
    List<Heartbeats.Beat> beats = Heartbeats.read(results, sweeps, conf);
    if (beats.isEmpty()) {
      out.println("no running trials");
      return;
    }
    out.printf("%-14s %-16s %-12s %7s %7s %12s %10s %10s %8s  %s%n", "sweep", "trial", "method", "attempt",
        "epoch", "samples", "train loss", "test loss", "test acc", "updated");
    for (Heartbeats.Beat b : beats) {
      long ago = Duration.between(b.updated(), now).toSeconds();
      out.printf("%-14s %-16s %-12s %7d %7.2f %,12d %10s %10s %8s  %ds ago%s  %s%n", b.sweepId(), b.trialId(),
          b.method(), b.attempt(), b.epoch(), b.samplesSeen(), fmt(b.trainLoss()), fmt(b.testLoss()),
          fmt(b.testAccuracy()), ago, ago > 60 ? " (stale)" : "", b.executor());
    }
  }

  private List<String> sweepIds(Configuration conf) throws IOException {
    if (!sweeps.isEmpty()) {
      return sweeps;
    }
    Path dir = new Path(results, "sweeps");
    FileSystem fs = dir.getFileSystem(conf);
    TreeSet<String> out = new TreeSet<>();
    if (fs.exists(dir)) {
      for (FileStatus f : fs.listStatus(dir)) {
        String n = f.getPath().getName();
        if (n.endsWith(".yaml") && !n.startsWith(".")) {
          out.add(n.substring(0, n.length() - ".yaml".length()));
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format("%.4f", v);
  }
}
