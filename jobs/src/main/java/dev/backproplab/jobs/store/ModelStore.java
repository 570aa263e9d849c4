package dev.backproplab.jobs.store;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.trial.SavedModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The trained networks a sweep kept ({@code save_models: true}): {@code <root>/models/<sweep_id>/<trial
 * id>.model}, one {@link SavedModel} per trial, written by the task that trained it before the
 * trial's row is committed (so a committed row of such a sweep has its model), under a hidden name
 * and renamed into place; a later attempt of the same trial replaces it. A later job loads a model by
 * trial id or by path ({@link #load}). Through Hadoop {@link FileSystem}: file://, hdfs:// and s3a://
 * alike. Holds only the root; thread-safe.
 */
public final class ModelStore {
  /** The file name ending of a saved model. */
  public static final String SUFFIX = ".model";
  private static final Pattern TRIAL_ID = Pattern.compile("[0-9a-f]{6,64}");

  private final String root;

  /** The models of the results folder {@code root}. */
  public ModelStore(String root) {
    this.root = root;
  }

  /** Where the model of {@code trialId} in sweep {@code sweepId} is kept. */
  public Path path(String sweepId, String trialId) {
    return new Path(new Path(new Path(root, "models"), sweepId), trialId + SUFFIX);
  }

  /** Writes {@code model}, trained in sweep {@code sweepId}, replacing an earlier attempt's. */
  public void write(String sweepId, SavedModel model, Configuration conf) throws IOException {
    Path target = path(sweepId, model.trialId());
    FileSystem fs = ResultsStore.recordFs(target, conf);
    fs.mkdirs(target.getParent());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.write(bytes);
    if (!SmallFiles.replace(fs, target, bytes.toByteArray())) {
      throw new IOException("could not rename the model of trial " + model.trialId() + " into " + target);
    }
  }

  /**
   * Loads a saved model: {@code trialIdOrPath} is a model file (path or URI), or a trial id looked up
   * under {@code models/} of this results folder.
   *
   * @throws InvalidInputException if no file or no model of that trial exists (the message says where
   *     it looked), the id is ambiguous, or the file is not a saved model
   */
  public SavedModel load(String trialIdOrPath, Configuration conf) throws IOException {
    Path given = new Path(trialIdOrPath);
    FileSystem gfs = given.getFileSystem(conf);
    if (gfs.isFile(given)) {
      return read(gfs, given);
    }
    if (!TRIAL_ID.matcher(trialIdOrPath).matches()) {
      throw new InvalidInputException("No model file " + trialIdOrPath + ", and it is not a trial id (expected a "
          + "path to a " + SUFFIX + " file or a hex trial id from the trials table).");
    }
    Path models = new Path(root, "models");
    FileSystem fs = models.getFileSystem(conf);
    FileStatus[] hits = fs.globStatus(new Path(models, "*/" + trialIdOrPath + SUFFIX));
    List<Path> found = new ArrayList<>();
    for (FileStatus f : hits == null ? new FileStatus[0] : hits) {
      found.add(f.getPath());
    }
    if (found.isEmpty()) {
      throw new InvalidInputException("No saved model of trial " + trialIdOrPath + " under " + models
          + ": run its sweep with save_models: true to keep trained networks.");
    }
    if (found.size() > 1) {
      throw new InvalidInputException("Trial id " + trialIdOrPath + " has models in several sweeps: " + found
          + "; give the path of the one to load.");
    }
    return read(fs, found.get(0));
  }

  private static SavedModel read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return SavedModel.read(in, file.toString());
    }
  }
}
