package dev.backproplab.core.dfo;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulated annealing (see {@link SaConfig} for the papers). Each ask gives {@code batchSize} Gaussian
 * proposals around the current state; on tell the best proposal of the batch replaces the current
 * state if it is no worse, or else with probability {@code exp(-(f - f_current) / T)} (Metropolis).
 * Then temperature and proposal scale are cooled geometrically.
 *
 * <p>The first ask also evaluates the initial point (as the first row), so the current state has a
 * known loss; with {@link SaConfig#reevaluate()} every ask does, for noisy losses. {@link #stepSize()} is the temperature. Call order as in {@link AskTellOptimizer}; not
 * thread-safe.
 */
public final class SimulatedAnnealing extends AbstractAskTell {
  private final SplittableRandom random;
  private final SaConfig config;
  private double[] current;
  private double currentLoss = Double.NaN;
  private double temperature;
  private double step;

  SimulatedAnnealing(double[] x0, SplittableRandom random, SaConfig config) {
    super(x0, config.budget());
    Checks.checkArgument(random != null, "random is null");
    this.random = random;
    this.config = config;
    this.current = x0.clone();
    this.temperature = config.initialTemperature();
    this.step = config.initialStepSize();
  }

  @Override
  protected double[][] generate() {
    boolean first = Double.isNaN(currentLoss) || config.reevaluate();
    int b = config.batchSize() + (first ? 1 : 0);
    double[][] c = new double[b][];
    int k = 0;
    if (first) {
      c[k++] = current.clone();
    }
    double[] z = new double[n];
    for (; k < b; k++) {
      Noise.fill(random, z);
      double[] p = current.clone();
      for (int i = 0; i < n; i++) {
        p[i] += step * z[i];
      }
      c[k] = p;
    }
    return c;
  }

  @Override
  protected void update(double[][] candidates, double[] losses) {
    int from = 0;
    if (Double.isNaN(currentLoss) || config.reevaluate()) {
      currentLoss = losses[0];
      from = 1;
    }
    int bestIndex = from;
    for (int k = from + 1; k < losses.length; k++) {
      if (losses[k] < losses[bestIndex]) {
        bestIndex = k;
      }
    }
    double fb = losses[bestIndex];
    boolean accept =
        fb <= currentLoss
            || (fb < Double.POSITIVE_INFINITY
                && random.nextDouble() < Math.exp(-(fb - currentLoss) / temperature));
    if (accept) {
      current = candidates[bestIndex].clone();
      currentLoss = fb;
    }
    temperature *= config.cooling();
    step *= config.stepCooling();
  }

  @Override
  protected void internalStop(Set<StopReason> reasons) {
    if (temperature < config.minTemperature()) {
      reasons.add(StopReason.MIN_TEMPERATURE);
    }
  }

  /** The current temperature. */
  @Override
  public double stepSize() {
    return temperature;
  }

  /** The current state once anything was told, else the initial point (a copy). */
  @Override
  public double[] solution() {
    return evaluations() > 0 ? current() : best();
  }

  /** The current state (a copy). */
  public double[] current() {
    return current.clone();
  }

  /** The standard deviation of the next proposals. */
  public double proposalScale() {
    return step;
  }
}
