package dev.backproplab.core.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.Holdout;
import dev.backproplab.core.stopping.StoppingSpec;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sweep: which methods, with which hyperparameters, train which model on which data set, how
 * long and how many times. {@link SweepExpander} turns it into trials.
 *
 * @param name the sweep id: the sweep's name (letters, digits, '-' and '_'), or for a run of it
 *     under a run id, {@code <name>.<run id>} (see {@link #withRun})
 * @param seed the sweep seed from which every trial's seed derives
 * @param dataset a registry name or a path/URI
 * @param model the network
 * @param budget the default budget of every method
 * @param repeats seeds per configuration, &gt;= 1
 * @param methods the method blocks, at least one
 * @param maxTrialSeconds a time limit per trial past which it ends TIMED_OUT, or null for none
 * @param earlyStopping early stopping across the sweep's trials, or null for none
 * @param validation how much of the training split every trial holds out for validation
 * @param saveModels whether each trial keeps its trained network under the results folder's {@code
 *     models/} (docs/adr/0021)
 */
public record SweepSpec(
    String name, long seed, String dataset, ModelSpec model, Budget budget, int repeats,
    List<MethodBlock> methods, Double maxTrialSeconds, StoppingSpec earlyStopping,
    Holdout validation, boolean saveModels) {

  /** Separates a sweep's name from a run id in the sweep id of a run; never part of a name or run id. */
  public static final char RUN_SEPARATOR = '.';

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}(\\.[A-Za-z0-9_-]{1,64})?");
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public SweepSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(validation, "validation");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "name '" + name + "' is not a valid sweep id: use 1-100 letters, digits, '-' or '_'"
              + (name.indexOf(RUN_SEPARATOR) >= 0 ? " (a run id follows a single '" + RUN_SEPARATOR
                  + "': 1-64 letters, digits, '-' or '_')" : ""));
    }
    if (repeats < 1) {
      throw new InvalidInputException("repeats must be >= 1, got " + repeats);
    }
    methods = List.copyOf(methods);
    if (methods.isEmpty()) {
      throw new InvalidInputException("methods is empty: give at least one method");
    }
    if (saveModels && (model.blackbox() != null
        || methods.stream().anyMatch(m -> m.model() != null && m.model().blackbox() != null))) {
      throw new InvalidInputException("save_models: true with a blackbox layer in the model: a saved model"
          + " keeps no blackbox layer; drop one of the two");
    }
    if (maxTrialSeconds != null && !(maxTrialSeconds > 0)) {
      throw new InvalidInputException("max_trial_seconds must be > 0, got " + maxTrialSeconds);
    }
  }

  /** A sweep that keeps no models. */
  public SweepSpec(
      String name, long seed, String dataset, ModelSpec model, Budget budget, int repeats,
      List<MethodBlock> methods, Double maxTrialSeconds, StoppingSpec earlyStopping, Holdout validation) {
    this(name, seed, dataset, model, budget, repeats, methods, maxTrialSeconds, earlyStopping, validation, false);
  }

  /** A sweep without a per-trial time limit or early stopping. */
  public SweepSpec(
      String name, long seed, String dataset, ModelSpec model, Budget budget, int repeats,
      List<MethodBlock> methods) {
    this(name, seed, dataset, model, budget, repeats, methods, null, null, Holdout.DEFAULT);
  }

  /** The same sweep under another id: how {@code --fresh} starts over without touching old results. */
  public SweepSpec withName(String newName) {
    return new SweepSpec(newName, seed, dataset, model, budget, repeats, methods, maxTrialSeconds, earlyStopping,
        validation, saveModels);
  }

  /**
   * This sweep run under {@code runId}: the sweep id becomes {@code <name>.<runId>}, so each run's
   * results, lock and record are its own and earlier runs stay as they are, while the trials (their
   * ids and seeds, which do not depend on the sweep id) are the same in every run.
   *
   * @throws InvalidInputException when the run id is not 1-64 letters, digits, '-' or '_', or this
   *     sweep is already a run
   */
  public SweepSpec withRun(String runId) {
    if (name.indexOf(RUN_SEPARATOR) >= 0) {
      throw new InvalidInputException("sweep '" + name + "' is already a run; a run id cannot be added to it");
    }
    if (!RUN_ID.matcher(runId).matches()) {
      throw new InvalidInputException("run id '" + runId + "' is not valid: use 1-64 letters, digits, '-' or '_'");
    }
    return withName(name + RUN_SEPARATOR + runId);
  }

  /** The sweep's name without the run id: the part of {@code sweepId} before {@link #RUN_SEPARATOR}. */
  public static String baseName(String sweepId) {
    int i = sweepId.indexOf(RUN_SEPARATOR);
    return i < 0 ? sweepId : sweepId.substring(0, i);
  }

  /** The run id in {@code sweepId}, or null for a sweep not run under one. */
  public static String runId(String sweepId) {
    int i = sweepId.indexOf(RUN_SEPARATOR);
    return i < 0 ? null : sweepId.substring(i + 1);
  }
}
