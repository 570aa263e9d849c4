package dev.backproplab.core.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.tune.Dimension;
import dev.backproplab.core.tune.TuneSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a sweep's {@code methods} list: a method with fixed parameters, an optional grid
 * (cartesian product) and an optional random search, and an optional budget and model of its own
 * (a full-covariance CMA-ES or Nelder-Mead cannot search the weights of a network as large as a
 * gradient method trains, so a method block may name a smaller one).
 *
 * @param method the method name
 * @param params fixed values
 * @param grid lists of values; every combination becomes a configuration
 * @param randomSamples how many random configurations to draw (0 = no random search)
 * @param random the distribution of each randomly searched parameter
 * @param budget a per-method budget, or null for the sweep's
 * @param model a per-method model, or null for the sweep's
 * @param tune a hyperparameter search over the block's parameters instead of a grid or random draws, or
 *     null (the block's {@code params} stay fixed in every trial of the search)
 */
public record MethodBlock(
    String method,
    Map<String, Object> params,
    Map<String, List<Object>> grid,
    int randomSamples,
    Map<String, Distribution> random,
    Budget budget,
    ModelSpec model,
    TuneSpec tune) {

  /** A block with the sweep's model. */
  public MethodBlock(String method, Map<String, Object> params, Map<String, List<Object>> grid,
      int randomSamples, Map<String, Distribution> random, Budget budget) {
    this(method, params, grid, randomSamples, random, budget, null, null);
  }

  /** A block without a search. */
  public MethodBlock(String method, Map<String, Object> params, Map<String, List<Object>> grid,
      int randomSamples, Map<String, Distribution> random, Budget budget, ModelSpec model) {
    this(method, params, grid, randomSamples, random, budget, model, null);
  }

  public MethodBlock {
    Objects.requireNonNull(method, "method");
    params = Map.copyOf(params);
    grid = new LinkedHashMap<>(grid);
    random = new LinkedHashMap<>(random);
    for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new InvalidInputException("grid." + e.getKey() + " is empty: give at least one value");
      }
    }
    if (randomSamples < 0) {
      throw new InvalidInputException("random.samples must be >= 1, got " + randomSamples);
    }
    if (!random.isEmpty() && randomSamples < 1) {
      throw new InvalidInputException("random search needs samples >= 1, got " + randomSamples);
    }
    for (String key : grid.keySet()) {
      if (params.containsKey(key) || random.containsKey(key)) {
        throw new InvalidInputException(
            "parameter '" + key + "' is given more than once (in params, grid or random)");
      }
    }
    if (tune != null) {
      if (!grid.isEmpty() || randomSamples > 0) {
        throw new InvalidInputException("tune replaces grid and random: a block has one of them");
      }
      for (Dimension d : tune.space().dimensions()) {
        if (params.containsKey(d.name())) {
          throw new InvalidInputException(
              "parameter '" + d.name() + "' is given more than once (in params and tune.space)");
        }
      }
    }
    for (String key : random.keySet()) {
      if (params.containsKey(key)) {
        throw new InvalidInputException(
            "parameter '" + key + "' is given more than once (in params, grid or random)");
      }
    }
  }
}
