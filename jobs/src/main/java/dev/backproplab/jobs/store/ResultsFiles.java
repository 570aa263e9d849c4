package dev.backproplab.jobs.store;

import dev.backproplab.core.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The Parquet files of a results folder that queries read: every committed file of the
 * {@code trials} and {@code curves} tables, of every sweep or of the sweeps asked for. Hidden names
 * (a leading '.' or '_': files being written, locks, rung boards, heartbeats) are skipped, and so is
 * a file whose Parquet footer does not read ({@link ResultFiles#footerProblem}: cut short by a full
 * disk, damaged), which is listed with the reason instead of failing every query. Every query engine
 * reads exactly these files, so what a query can see is decided here, once.
 */
public final class ResultsFiles {
  /** The files of the two tables, as fully qualified URIs. */
  public record Listing(String root, List<String> trialFiles, List<String> curveFiles, List<String> skipped,
      Map<String, List<String>> currentTrials) {
    public Listing {
      trialFiles = List.copyOf(trialFiles);
      curveFiles = List.copyOf(curveFiles);
      skipped = List.copyOf(skipped);
      currentTrials = Map.copyOf(currentTrials);
    }
  }

  private ResultsFiles() {}

  /**
   * Lists the files of {@code root}, restricted to {@code sweeps} unless empty.
   *
   * @throws InvalidInputException when the folder holds no results, or a sweep asked for is not there
   */
  public static Listing list(String root, Collection<String> sweeps, Configuration conf) {
    Path trials = new Path(root, "trials");
    Path curves = new Path(root, "curves");
    try {
      FileSystem fs = trials.getFileSystem(conf);
      if (!fs.exists(trials) || !fs.exists(curves)) {
        throw new InvalidInputException(
            "no results in " + root + ": expected the folders " + trials + " and " + curves
                + " that 'bpl sweep FILE --out " + root + "' writes");
      }
      Set<String> present = sweeps(fs, trials);
      for (String s : sweeps) {
        if (!present.contains(s)) {
          throw new InvalidInputException("--sweep '" + s + "' has no results in " + root
              + ": the sweeps there are " + present);
        }
      }
      Set<String> chosen = sweeps.isEmpty() ? present : new TreeSet<>(sweeps);
      List<String> skipped = new ArrayList<>();
      List<String> trialFiles = files(fs, trials, chosen, skipped, conf);
      if (trialFiles.isEmpty()) {
        throw new InvalidInputException("no results yet in " + root + ": no sweep has committed a readable trial"
            + " there" + (skipped.isEmpty() ? "" : " (unreadable: " + String.join("; ", skipped) + ")"));
      }
      List<String> curveFiles = files(fs, curves, chosen, skipped, conf);
      return new Listing(fs.makeQualified(new Path(root)).toString(), trialFiles, curveFiles, skipped,
          new ResultsStore(root).currentTrials(conf));
    } catch (IOException e) {
      throw new InvalidInputException("cannot read results in " + root + ": " + e.getMessage(), e);
    }
  }

  private static Set<String> sweeps(FileSystem fs, Path table) throws IOException {
    Set<String> out = new TreeSet<>();
    for (FileStatus d : fs.listStatus(table)) {
      String name = d.getPath().getName();
      if (d.isDirectory() && name.startsWith("sweep_id=")) {
        out.add(name.substring("sweep_id=".length()));
      }
    }
    return out;
  }

  private static List<String> files(FileSystem fs, Path table, Set<String> sweeps, List<String> skipped,
      Configuration conf) throws IOException {
    List<String> out = new ArrayList<>();
    for (String sweep : sweeps) {
      Path sweepDir = new Path(table, "sweep_id=" + sweep);
      if (!fs.exists(sweepDir)) {
        continue;
      }
      for (FileStatus methodDir : fs.listStatus(sweepDir)) {
        if (!methodDir.isDirectory() || !methodDir.getPath().getName().startsWith("method=")) {
          continue;
        }
        for (FileStatus f : fs.listStatus(methodDir.getPath())) {
          if (f.isFile() && visible(f.getPath().getName())) {
            String problem = ResultFiles.footerProblem(f, conf);
            if (problem == null) {
              out.add(fs.makeQualified(f.getPath()).toString());
            } else {
              skipped.add(f.getPath() + ": " + problem);
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static boolean visible(String name) {
    return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
  }
}
