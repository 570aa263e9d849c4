package dev.backproplab.jobs.store;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.stopping.RungBoard;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * under a hidden temporary name (readers skip names starting with '.') and renamed into place, so a
 * reader never sees part of a file, and a trial row exists only once its curve does. The trial row's
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

  /**
   * Checks that the results folder can be created and written, without leaving anything behind
   * but the folder itself.
   *
   * @throws InvalidInputException naming the folder and the reason
   */
  public void checkWritable(Configuration conf) {
    Path probe = new Path(root, ".bpl-write-check-" + UUID.randomUUID());
    try {
      FileSystem fs = probe.getFileSystem(conf);
      fs.mkdirs(new Path(root));
      fs.create(probe, false).close();
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          "cannot write results to " + root + ": " + e.getMessage()
              + ". Give --out a folder you can write to.", e);
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

  /** The rung board early-stopping rules of {@code sweepId} compare through (see {@link FsRungBoard}). */
  public RungBoard rungBoard(String sweepId, Configuration conf) throws IOException {
    return new FsRungBoard(root, sweepId, conf);
  }

  /** Every committed attempt of every trial of {@code sweepId}, the latest attempt per trial. */
  public Map<String, Committed> committed(String sweepId, Configuration conf) throws IOException {
    Path sweepDir = new Path(new Path(root, "trials"), "sweep_id=" + sweepId);
    FileSystem fs = sweepDir.getFileSystem(conf);
    Map<String, Committed> out = new HashMap<>();
    if (!fs.exists(sweepDir)) {
      return out;
    }
    for (FileStatus methodDir : fs.listStatus(sweepDir)) {
      if (!methodDir.isDirectory()) {
        continue;
      }
      for (FileStatus f : fs.listStatus(methodDir.getPath())) {
        Matcher m = TRIAL_FILE.matcher(f.getPath().getName());
        if (m.matches()) {
          Committed c = new Committed(m.group(1), Integer.parseInt(m.group(2)), TrialStatus.valueOf(m.group(3)));
          out.merge(c.trialId(), c, (a, b) -> a.attempt() >= b.attempt() ? a : b);
        }
      }
    }
    return out;
  }

  /** Writes a finished trial's curve and row, each atomically, the row last. */
  public void commit(TrialResult result, List<CurvePoint> curve, RunContext ctx, Configuration conf)
      throws IOException {
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
    publish(fs, trialTmp, new Path(trials, id + "-" + ctx.attempt() + "-" + result.status() + ".parquet"));
  }

  /** Writes {@code sweeps/<id>.yaml}, replacing an earlier copy atomically. */
  public void writeSweepFile(String sweepId, String yaml, Configuration conf) throws IOException {
    Path dir = new Path(root, "sweeps");
    FileSystem fs = dir.getFileSystem(conf);
    Path tmp = new Path(dir, "." + sweepId + ".yaml." + UUID.randomUUID());
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(yaml.getBytes(StandardCharsets.UTF_8));
    }
    Path target = new Path(dir, sweepId + ".yaml");
    fs.delete(target, false);
    publish(fs, tmp, target);
  }

  private Path partition(String table, String sweep, String method) {
    return new Path(new Path(new Path(root, table), "sweep_id=" + sweep), "method=" + method);
  }

  private static Path temporary(Path dir) {
    return new Path(dir, ".tmp-" + UUID.randomUUID() + ".parquet");
  }

  private static void publish(FileSystem fs, Path tmp, Path target) throws IOException {
    if (!fs.rename(tmp, target)) {
      fs.delete(tmp, false);
      throw new IOException("could not rename " + tmp + " to " + target + " (does it exist already?)");
    }
  }
}
