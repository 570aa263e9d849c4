package dev.backproplab.jobs.store;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files input-optimisation trials leave (WAV files, PNG spectrograms and images): {@code
 * <root>/outputs/<sweep_id>/<trial id>/<name>}, each written under a hidden name and renamed into
 * place, so a reader sees a whole file or none; a later attempt of the trial replaces them. Written by
 * the task that runs the trial before its row is committed. Through Hadoop {@link FileSystem}: file://,
 * hdfs:// and s3a:// alike. Holds only the root; thread-safe.
 */
public final class OutputStore {
  private final String root;

  /** The outputs of the results folder {@code root}. */
  public OutputStore(String root) {
    this.root = root;
  }

  /** Where output {@code name} of trial {@code trialId} in sweep {@code sweepId} is kept. */
  public Path path(String sweepId, String trialId, String name) {
    return new Path(new Path(new Path(new Path(root, "outputs"), sweepId), trialId), name);
  }

  /** Writes {@code bytes} as output {@code name} of the trial, replacing an earlier attempt's. */
  public void write(String sweepId, String trialId, String name, byte[] bytes, Configuration conf)
      throws IOException {
    Path target = path(sweepId, trialId, name);
    FileSystem fs = ResultsStore.recordFs(target, conf);
    fs.mkdirs(target.getParent());
    if (!SmallFiles.replace(fs, target, bytes)) {
      throw new IOException("could not rename output " + name + " of trial " + trialId + " into " + target);
    }
  }
}
