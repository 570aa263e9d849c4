package dev.backproplab.core.trial;

import dev.backproplab.core.data.Holdout;
import java.io.Serializable;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One fully resolved trial: which method trains which model on which data set, with every
 * hyperparameter (defaults filled in, as canonical strings, and as the method's typed configuration),
 * the budget and the seed. A spec says nothing of where it runs.
 *
 * @param sweepId the sweep it belongs to
 * @param trialId stable id: a hash of everything else that determines the trial's numbers
 * @param dataset registry name or path of the data set
 * @param model the network
 * @param params every resolved hyperparameter, sorted by name: what the trial's row records
 * @param config the method's configuration made of {@code params}: what the trial runs
 * @param budget when to stop
 * @param seed the trial's seed (never 0): the root of its {@link Seeds}
 * @param validation how much of the training split is held out for validation
 * @param search where the trial stands in a hyperparameter search, or null for a trial of a grid or
 *     random block
 */
public record TrialSpec(
    String sweepId,
    String trialId,
    String dataset,
    ModelSpec model,
    SortedMap<String, String> params,
    MethodConfig config,
    Budget budget,
    long seed,
    Holdout validation,
    SearchPoint search) implements Serializable {

  public TrialSpec {
    Objects.requireNonNull(sweepId, "sweepId");
    Objects.requireNonNull(trialId, "trialId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(validation, "validation");
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    if (seed == 0) {
      throw new IllegalArgumentException("seed 0 is not reproducible in ND4J; derive a non-zero seed");
    }
  }

  /** A trial outside any search. */
  public TrialSpec(String sweepId, String trialId, String dataset, ModelSpec model, SortedMap<String, String> params,
      MethodConfig config, Budget budget, long seed, Holdout validation) {
    this(sweepId, trialId, dataset, model, params, config, budget, seed, validation, null);
  }

  /** A trial that holds out the {@link Holdout#DEFAULT default} validation split. */
  public TrialSpec(String sweepId, String trialId, String dataset, ModelSpec model, SortedMap<String, String> params,
      MethodConfig config, Budget budget, long seed) {
    this(sweepId, trialId, dataset, model, params, config, budget, seed, Holdout.DEFAULT);
  }

  /** The method's name, e.g. {@code bp}. */
  public String method() {
    return config.method();
  }

  /** The trial's seed tree. */
  public Seeds seeds() {
    return new Seeds(seed);
  }
}
