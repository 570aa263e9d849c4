package dev.backproplab.core.dfo;

import static dev.backproplab.core.dfo.Checks.checkConfig;

import java.util.SplittableRandom;

/**
 * Simulated annealing with Gaussian proposals and geometric cooling: Kirkpatrick, Gelatt and Vecchi
 * (1983), "Optimization by Simulated Annealing"; Metropolis et al. (1953) acceptance.
 *
 * <p>Immutable and thread-safe; validated on construction ({@link
 * dev.backproplab.core.InvalidInputException} names the bad value).
 *
 * @param initialTemperature T0, positive; T_k = T0 * cooling^k after k steps
 * @param cooling the geometric cooling factor per step, in (0, 1]
 * @param initialStepSize standard deviation of the Gaussian proposals at step 0, positive
 * @param stepCooling factor on the proposal standard deviation per step, in (0, 1]
 * @param batchSize proposals per ask, at least 1; the best of a batch is the Metropolis candidate
 * @param minTemperature stop with {@link StopReason#MIN_TEMPERATURE} below this, >= 0
 * @param reevaluate whether every ask evaluates the current state again (as its first row), so the
 *     Metropolis test compares losses measured alike; for noisy losses such as a network's loss on a
 *     fresh minibatch per step, where a stale lucky value would otherwise keep the state stuck
 *     (common random numbers). Costs one evaluation per step.
 * @param budget the shared stop criteria
 */
public record SaConfig(
    double initialTemperature,
    double cooling,
    double initialStepSize,
    double stepCooling,
    int batchSize,
    double minTemperature,
    boolean reevaluate,
    EvaluationBudget budget)
    implements OptimizerConfig<SimulatedAnnealing> {

  /** A config that evaluates the current state only once (deterministic losses). */
  public SaConfig(double initialTemperature, double cooling, double initialStepSize,
      double stepCooling, int batchSize, double minTemperature, EvaluationBudget budget) {
    this(initialTemperature, cooling, initialStepSize, stepCooling, batchSize, minTemperature, false,
        budget);
  }

  public SaConfig {
    checkConfig(
        initialTemperature > 0 && Double.isFinite(initialTemperature),
        "sa initialTemperature must be positive, found %s",
        initialTemperature);
    checkConfig(cooling > 0 && cooling <= 1, "sa cooling must be in (0, 1], found %s", cooling);
    checkConfig(
        initialStepSize > 0 && Double.isFinite(initialStepSize),
        "sa initialStepSize must be positive, found %s",
        initialStepSize);
    checkConfig(
        stepCooling > 0 && stepCooling <= 1, "sa stepCooling must be in (0, 1], found %s", stepCooling);
    checkConfig(batchSize >= 1, "sa batchSize must be >= 1, found %s", batchSize);
    checkConfig(minTemperature >= 0, "sa minTemperature must be >= 0, found %s", minTemperature);
    checkConfig(budget != null, "sa budget missing");
  }

  @Override
  public String name() {
    return "sa";
  }

  @Override
  public SimulatedAnnealing create(double[] x0, SplittableRandom random) {
    return new SimulatedAnnealing(Checks.checkInitialPoint(x0), random, this);
  }
}
