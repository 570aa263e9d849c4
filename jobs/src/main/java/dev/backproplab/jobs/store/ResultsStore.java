package dev.backproplab.jobs.store;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.stopping.RungBoard;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The results folder, laid out as docs/design.md says:
 *
 * <pre>
 * &lt;root&gt;/trials/sweep_id=&lt;id&gt;/method=&lt;m&gt;/&lt;trial&gt;-&lt;attempt&gt;-&lt;STATUS&gt;.parquet   one row
 * &lt;root&gt;/curves/sweep_id=&lt;id&gt;/method=&lt;m&gt;/&lt;trial&gt;-&lt;attempt&gt;.parquet            the curve
 * &lt;root&gt;/sweeps/&lt;id&gt;.yaml                                                   the sweep and its runs
 * &lt;root&gt;/_locks/&lt;id&gt;.lock                                                   held while a run is under way
 * &lt;root&gt;/_rungs/&lt;id&gt;/&lt;epoch&gt;/&lt;trial&gt;                                         early-stopping board
 * </pre>
 *
 * <p>A trial commits from the task that ran it: its curve first, then its trial row, each written
 * under a hidden temporary name that no {@code *.parquet} glob matches ({@code .<uuid>.inprogress}),
 * synced to storage where the file system supports it, and renamed into place, so a reader never
 * sees part of a file, and a trial row exists only once its curve does. Before the row's rename the
 * run checks that it still owns the sweep's lock ({@link SweepLock.Claim}). {@link #recover} (run
 * under the lock before a resume) deletes what dead attempts left in progress and moves any file
 * that does not hold what its name says to {@code _quarantine/}, so that trial runs again. The trial row's
 * file name carries the attempt and status, so finding what a re-run can skip is a directory listing,
 * not a query. Paths go through Hadoop {@link FileSystem}: file://, hdfs:// and s3a:// alike.
 *
 * <p>Serializable so that tasks get it; it holds only the root URI. Thread-safe.
 */
public final class ResultsStore implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern TRIAL_FILE =
      Pattern.compile("([0-9a-f]+)-(\\d+)-([A-Z_]+)\\.parquet");

  private final String root;

  /** A store rooted at {@code root} (a path or URI). */
  public ResultsStore(String root) {
    this.root = root;
  }

  public String root() {
    return root;
  }

  /** A trial attempt found in the store. */
  public record Committed(String trialId, int attempt, TrialStatus status) {}

  /** A committed trial's validation figures (NaN where it has none), what a search's objective reads. */
  public record Scores(double valLoss, double valAccuracy, double bestValAccuracy) {}

  /**
   * Checks that the results folder can be created and written, without leaving anything behind
   * (a folder it had to create is removed again).
   *
   * @throws InvalidInputException naming the folder and the reason
   */
  public void checkWritable(Configuration conf) {
    Path probe = new Path(root, ".bpl-write-check-" + UUID.randomUUID());
    try {
      FileSystem fs = probe.getFileSystem(conf);
      boolean existed = fs.exists(new Path(root));
      fs.mkdirs(new Path(root));
      fs.create(probe, false).close();
      fs.delete(probe, false);
      if (!existed) {
        removeIfEmpty(fs, new Path(root)); // made again when the run starts; a refused run leaves nothing
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          "cannot write results to " + root + ": " + e.getMessage()
              + ". Give --out a folder you can write to.", e);
    }
  }

  /** Deletes an empty folder; one another run has started writing into meanwhile stays. */
  private static void removeIfEmpty(FileSystem fs, Path dir) {
    try {
      fs.delete(dir, false);
    } catch (IOException notEmpty) {
      // another run of this folder got there first: the folder is in use, not left behind
    }
  }

  /**
   * Takes the exclusive lock on running {@code sweepId} into this store (see {@link SweepLock}).
   *
   * @param application the Spark application that runs it, for the message a second run would see
   * @throws InvalidInputException when another live run holds it
   */
  public SweepLock lock(String sweepId, String application, Configuration conf) throws IOException {
    return SweepLock.acquire(root, sweepId, application, conf);
  }

  /**
   * The rung board the early-stopping rule of {@code trial} compares through (see {@link FsRungBoard}):
   * its sweep's, or for a trial of a search, its search's (a search's trials compare with each other).
   */
  public RungBoard rungBoard(TrialSpec trial, Configuration conf) throws IOException {
    return new FsRungBoard(root, trial.search() == null ? trial.sweepId()
        : trial.sweepId() + "/search=" + trial.search().searchId(), conf);
  }

  /**
   * Every committed attempt of every trial of {@code sweepId}, the latest attempt per trial, as the
   * file names say, and the rows of compacted files (a resume runs {@link #recover} first so that the
   * names can be trusted). Names that are not trial rows are ignored here.
   */
  public Map<String, Committed> committed(String sweepId, Configuration conf) throws IOException {
    Map<String, Committed> out = new HashMap<>();
    for (FileStatus f : ResultsFiles.visible(sweepDir("trials", sweepId), conf)) {
      for (Committed c : Compaction.committedIn(f, conf)) {
        out.merge(c.trialId(), c, (a, b) -> a.attempt() >= b.attempt() ? a : b);
      }
    }
    return out;
  }

  /** The validation figures of trial row {@code c} of {@code method} in {@code sweepId}. */
  public Scores scores(String sweepId, String method, Committed c, Configuration conf) throws IOException {
    Path dir = partition("trials", sweepId, method);
    Path row = new Path(dir, c.trialId() + "-" + c.attempt() + "-" + c.status() + ".parquet");
    List<Path> files = new ArrayList<>(List.of(row));
    if (!row.getFileSystem(conf).exists(row)) { // compacted
      files = ResultsFiles.visible(dir, conf).stream().map(FileStatus::getPath).toList();
    }
    for (Path f : files) {
      double[] v = ResultsFiles.doubles(f, c.trialId(), c.attempt(), conf,
          "final_val_loss", "final_val_accuracy", "best_val_accuracy");
      if (v != null) {
        return new Scores(v[0], v[1], v[2]);
      }
    }
    throw new IOException("no row of trial " + c.trialId() + " attempt " + c.attempt() + " in " + dir);
  }

  /** The attempt a trial row's file name names, or null when the name is not one. */
  static Committed parse(String name) {
    Matcher m = TRIAL_FILE.matcher(name);
    if (!m.matches()) {
      return null;
    }
    try {
      return new Committed(m.group(1), Integer.parseInt(m.group(2)), TrialStatus.valueOf(m.group(3)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Makes the files of {@code sweepId} trustworthy for a resume; call it holding the sweep's lock,
   * before {@link #committed}. Deletes files left in progress by attempts that died, and moves to
   * {@code <root>/_quarantine/} every trial row or curve that does not hold what its name says (not
   * a readable Parquet file, not exactly one row, another trial id, an unknown status) together
   * with its partner, so that trial runs again.
   *
   * @return one line per file deleted or moved, for the user
   */
  public List<String> recover(String sweepId, Configuration conf) throws IOException {
    List<String> notes = new ArrayList<>();
    for (String table : List.of("curves", "trials")) {
      Path dir = sweepDir(table, sweepId);
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus f : ResultsFiles.all(dir, conf)) {
        Path p = f.getPath();
        if (p.getName().endsWith(ResultsFiles.IN_PROGRESS) && fs.delete(p, false)) {
          notes.add("deleted " + p + ", left in progress by an attempt that did not finish");
        }
      }
    }
    notes.addAll(Compaction.finish(this, sweepId, conf));
    Set<Path> badCurves = new HashSet<>();
    for (FileStatus f : ResultsFiles.visible(sweepDir("curves", sweepId), conf)) {
      String problem = ResultsFiles.footerProblem(f, conf);
      if (problem != null) {
        badCurves.add(f.getPath());
        notes.add(quarantine(f.getPath(), problem, conf));
      }
    }
    for (FileStatus f : ResultsFiles.visible(sweepDir("trials", sweepId), conf)) {
      Path row = f.getPath();
      if (Compaction.isCompacted(row.getName())) {
        Path partner = new Path(Compaction.curvesOf(row.getParent()), row.getName());
        String problem = ResultsFiles.footerProblem(f, conf);
        if (problem == null && badCurves.contains(partner)) {
          problem = "its curve file " + partner + " is unreadable";
        }
        if (problem != null) { // its trials run again, and their curves with them
          notes.add(quarantine(row, problem, conf));
          if (partner.getFileSystem(conf).exists(partner)) {
            notes.add(quarantine(partner, "its trial file " + row.getName() + " is unreadable", conf));
          }
        }
        continue;
      }
      Committed c = parse(row.getName());
      String problem = c == null
          ? "the name is not <trial>-<attempt>-<STATUS>.parquet with a status of " + List.of(TrialStatus.values())
          : ResultsFiles.trialRowProblem(f, c.trialId(), conf);
      Path curve = c == null ? null : curveOf(row, c);
      if (problem == null && badCurves.contains(curve)) {
        problem = "its curve " + curve.getName() + " is unreadable";
      } else if (problem == null && !curve.getFileSystem(conf).exists(curve)) {
        problem = "its curve " + curve.getName() + " is missing";
      }
      if (problem != null) {
        notes.add(quarantine(row, problem, conf));
      }
    }
    return notes;
  }

  /** The curve file of a trial row (a listed, qualified path): same sweep and method folders under curves/. */
  private static Path curveOf(Path row, Committed c) {
    Path method = row.getParent();
    Path sweep = method.getParent();
    Path table = new Path(sweep.getParent().getParent(), "curves");
    return new Path(new Path(new Path(table, sweep.getName()), method.getName()),
        c.trialId() + "-" + c.attempt() + ".parquet");
  }

  private String quarantine(Path file, String problem, Configuration conf) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    String rootPath = fs.makeQualified(new Path(root)).toUri().getPath();
    String below = file.toUri().getPath().substring(rootPath.length()).replaceFirst("^/", "");
    Path target = new Path(new Path(root, "_quarantine"),
        below + "." + System.currentTimeMillis() + ".quarantined");
    fs.mkdirs(target.getParent());
    if (!fs.rename(file, target)) {
      throw new IOException("could not move the unreadable file " + file + " to " + target);
    }
    return "moved " + file + " to " + target + ": " + problem + "; its trial runs again";
  }

  private Path sweepDir(String table, String sweepId) {
    return new Path(new Path(root, table), "sweep_id=" + sweepId);
  }

  /**
   * Writes a finished trial's curve and row, each atomically, the row last, if the run still owns
   * the sweep's lock.
   *
   * @param claim the lock the run holds; checked before anything is written and again just before
   *     the row is renamed into place (the commit point)
   * @throws SweepLock.LostException when the run no longer owns the lock
   */
  public void commit(TrialResult result, List<CurvePoint> curve, RunContext ctx, SweepLock.Claim claim,
      Configuration conf) throws IOException {
    claim.verify(conf);
    String sweep = result.spec().sweepId();
    String method = result.spec().method();
    String id = result.spec().trialId();
    Path curves = partition("curves", sweep, method);
    Path trials = partition("trials", sweep, method);
    FileSystem fs = curves.getFileSystem(conf);
    Path curveTmp = temporary(curves);
    ResultTables.writeCurve(curveTmp, conf, id, ctx.attempt(), curve);
    Path curveFile = new Path(curves, id + "-" + ctx.attempt() + ".parquet");
    // a curve without its trial row is left by an attempt that died between the two renames (or a
    // driver killed then): that attempt never committed, so its curve is replaced
    fs.delete(curveFile, false);
    publish(fs, curveTmp, curveFile);
    Path trialTmp = temporary(trials);
    ResultTables.writeTrial(trialTmp, conf, result, ctx);
    try {
      claim.verify(conf);
    } catch (SweepLock.LostException e) {
      fs.delete(trialTmp, false);
      throw e;
    }
    publish(fs, trialTmp, new Path(trials, id + "-" + ctx.attempt() + "-" + result.status() + ".parquet"));
  }

  /**
   * Writes {@code sweeps/<id>.yaml}, merged with the copy already there (see {@link SweepRecord#merge})
   * and replacing it atomically.
   *
   * @param yaml this run's record ({@link SweepRecord#yaml})
   * @return what changed since the last revision, for the user (empty when the trials are the same)
   */
  public List<String> writeSweepFile(String sweepId, String yaml, Configuration conf) throws IOException {
    Path dir = new Path(root, "sweeps");
    FileSystem fs = recordFs(dir, conf);
    Path target = new Path(dir, sweepId + ".yaml");
    fs.delete(new Path(dir, "." + sweepId + ".yaml.crc"), false); // left by versions that wrote it checksummed
    SweepRecord.Merged merged = SweepRecord.merge(readText(fs, target), yaml);
    Path tmp = new Path(dir, "." + sweepId + ".yaml." + UUID.randomUUID());
    try (OutputStream out = NewFiles.create(fs, tmp, false)) {
      out.write(merged.yaml().getBytes(StandardCharsets.UTF_8));
    }
    publishReplacing(fs, tmp, target);
    return merged.changes();
  }

  /**
   * Per sweep with a record in this folder, the trial ids of its current revision.
   */
  public Map<String, List<String>> currentTrials(Configuration conf) throws IOException {
    Path dir = new Path(root, "sweeps");
    FileSystem fs = recordFs(dir, conf);
    Map<String, List<String>> out = new HashMap<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (name.endsWith(".yaml") && !name.startsWith(".") && f.isFile()) {
        String text = readText(fs, f.getPath());
        try {
          out.put(name.substring(0, name.length() - ".yaml".length()), SweepRecord.currentTrialIds(text));
        } catch (RuntimeException unreadable) {
          // a damaged record: its sweep's trials all count as current
        }
      }
    }
    return out;
  }

  static String readText(FileSystem fs, Path file) throws IOException {
    try (java.io.InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  /**
   * Renames {@code tmp} over {@code target}: atomically on the local file system (rename(2)
   * replaces); elsewhere delete then rename, where a crash between the two leaves the record missing
   * until the next run writes it.
   */
  static void publishReplacing(FileSystem fs, Path tmp, Path target) throws IOException {
    if (!(fs instanceof org.apache.hadoop.fs.RawLocalFileSystem)) {
      fs.delete(target, false);
    }
    publish(fs, tmp, target);
  }

  /** The file system of {@code dir}, unchecksummed when local (no {@code .crc} files beside small records). */
  static FileSystem recordFs(Path dir, Configuration conf) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  private Path partition(String table, String sweep, String method) {
    return new Path(new Path(new Path(root, table), "sweep_id=" + sweep), "method=" + method);
  }

  private static Path temporary(Path dir) {
    return new Path(dir, "." + UUID.randomUUID() + ResultsFiles.IN_PROGRESS);
  }

  private static void publish(FileSystem fs, Path tmp, Path target) throws IOException {
    if (!fs.rename(tmp, target)) {
      fs.delete(tmp, false);
      throw new IOException("could not rename " + tmp + " to " + target + " (does it exist already?)");
    }
  }
}
