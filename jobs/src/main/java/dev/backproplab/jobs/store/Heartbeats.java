package dev.backproplab.jobs.store;

import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.TrialSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Heartbeats of running trials: {@code <results>/_running/<sweep>/<trial>.properties}, a few lines
 * (method, attempt, executor, parameters, latest epoch, samples, losses, accuracy, time) that the
 * task running the trial replaces at each measured point and deletes when the trial commits, so that
 * {@code bpl status} can show, from another terminal, what is running and how far it got. Written
 * under a hidden name and renamed, so a reader never sees half a file; through Hadoop
 * {@link FileSystem}, like the tables. A heartbeat left by a killed task stays until the trial
 * commits on a later attempt; its time tells it apart.
 */
public final class Heartbeats {
  /** The folder under a results folder. */
  public static final String FOLDER = "_running";

  /** A running trial as its last heartbeat describes it. */
  public record Beat(String sweepId, String trialId, String method, int attempt, String executor, String params,
      double epoch, long samplesSeen, Double trainLoss, Double testLoss, Double testAccuracy, Instant updated) {}

  private Heartbeats() {}

  /** Replaces the heartbeat of {@code spec}'s trial with {@code p}. */
  public static void write(String root, TrialSpec spec, int attempt, String executor, CurvePoint p, Configuration conf)
      throws IOException {
    Properties props = new Properties();
    props.setProperty("sweep_id", spec.sweepId());
    props.setProperty("trial_id", spec.trialId());
    props.setProperty("method", spec.method());
    props.setProperty("attempt", Integer.toString(attempt));
    props.setProperty("executor", executor);
    props.setProperty("params", spec.params().toString());
    props.setProperty("epoch", Double.toString(p.epoch()));
    props.setProperty("samples_seen", Long.toString(p.samplesSeen()));
    optional(props, "train_loss", p.trainLoss());
    optional(props, "test_loss", p.testLoss());
    optional(props, "test_accuracy", p.testAccuracy());
    props.setProperty("updated", Instant.now().toString());
    StringWriter text = new StringWriter();
    props.store(text, null);
    Path target = file(root, spec.sweepId(), spec.trialId());
    // a heartbeat that could not be renamed into place is skipped: the next one replaces it
    SmallFiles.replace(target.getFileSystem(conf), target, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes the heartbeat of a trial (it committed). */
  public static void clear(String root, String sweepId, String trialId, Configuration conf) throws IOException {
    Path f = file(root, sweepId, trialId);
    f.getFileSystem(conf).delete(f, false);
  }

  /** The heartbeats of the sweeps {@code sweeps} (all when empty) in {@code root}, by sweep and trial. */
  public static List<Beat> read(String root, Collection<String> sweeps, Configuration conf) throws IOException {
    Path base = new Path(root, FOLDER);
    FileSystem fs = base.getFileSystem(conf);
    List<Beat> out = new ArrayList<>();
    if (!fs.exists(base)) {
      return out;
    }
    for (FileStatus sweepDir : fs.listStatus(base)) {
      if (!sweepDir.isDirectory() || !(sweeps.isEmpty() || sweeps.contains(sweepDir.getPath().getName()))) {
        continue;
      }
      for (FileStatus f : fs.listStatus(sweepDir.getPath())) {
        if (f.getPath().getName().startsWith(".")) {
          continue;
        }
        Properties p = new Properties();
        try (InputStream in = fs.open(f.getPath())) {
          p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
          continue; // committed and deleted between the listing and the read
        }
        out.add(new Beat(p.getProperty("sweep_id"), p.getProperty("trial_id"), p.getProperty("method"),
            Integer.parseInt(p.getProperty("attempt", "1")), p.getProperty("executor"), p.getProperty("params"),
            Double.parseDouble(p.getProperty("epoch", "0")), Long.parseLong(p.getProperty("samples_seen", "0")),
            number(p, "train_loss"), number(p, "test_loss"), number(p, "test_accuracy"),
            Instant.parse(p.getProperty("updated"))));
      }
    }
    out.sort(java.util.Comparator.comparing(Beat::sweepId).thenComparing(Beat::trialId));
    return out;
  }

  private static Path file(String root, String sweepId, String trialId) {
    return new Path(new Path(new Path(root, FOLDER), sweepId), trialId + ".properties");
  }

  private static void optional(Properties p, String key, Double v) {
    if (v != null && !v.isNaN()) {
      p.setProperty(key, Double.toString(v));
    }
  }

  private static Double number(Properties p, String key) {
    String v = p.getProperty(key);
    return v == null ? null : Double.valueOf(v);
  }
}
