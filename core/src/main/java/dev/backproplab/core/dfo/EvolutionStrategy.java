package dev.backproplab.core.dfo;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The evolution strategy of Salimans et al. (2017) (see {@link EsConfig}). Generation layout: pair
 * {@code i} has seed {@code seeds()[i]}; candidate {@code 2i} is {@code mean + sigma * eps(seed)} and
 * candidate {@code 2i + 1} is {@code mean - sigma * eps(seed)}, with {@code eps} from {@link
 * Noise#fill(long, double[])}. A distributed evaluator therefore needs only {@link #mean()}, {@link
 * #stepSize()} and the seeds: {@link #candidate(double[], double, long, boolean)} regenerates a
 * candidate anywhere. With {@link #askSeeds()} / {@link #tellLosses(double[])} the driver never
 * materialises the candidates at all.
 *
 * <p>The update ranks the losses (centered ranks in [-0.5, 0.5]), estimates the gradient as {@code
 * sum_i (u_2i - u_2i+1) eps_i / lambda}, regenerating each {@code eps_i} from its seed (the
 * optimizer keeps O(n + lambda) memory, never the lambda x n matrix), adds weight decay and takes an
 * Adam step. As in Salimans et al.'s code, the estimate leaves out the 1/sigma of the textbook
 * gradient: Adam does not depend on the gradient's scale, but the weight decay {@code weight_decay *
 * mean} added to it does, and with 1/sigma in the estimate it would be sigma times weaker (50x at
 * sigma 0.02) than the cited setting. The told candidate values are only checked for shape. {@link #best()} is the best
 * candidate told; {@link #mean()} is the search point.
 *
 * <p>Call order as in {@link AskTellOptimizer}; not thread-safe. {@link #candidate} is static and
 * thread-safe.
 */
public final class EvolutionStrategy extends AbstractAskTell {
  private final SplittableRandom random;
  private final EsConfig config;
  private final double[] mean;
  private final double[] m;
  private final double[] v;
  private long[] seeds = new long[0];
  private int steps;

  EvolutionStrategy(double[] x0, SplittableRandom random, EsConfig config) {
    super(x0, config.budget());
    Checks.checkArgument(random != null, "random is null");
    this.random = random;
    this.config = config;
    this.mean = x0.clone();
    this.m = new double[n];
    this.v = new double[n];
  }

  /** Regenerates one candidate: {@code mean +/- sigma * eps(seed)}. */
  public static double[] candidate(double[] mean, double sigma, long seed, boolean negative) {
    double[] x = mean.clone();
    Noise.addScaled(seed, negative ? -sigma : sigma, x);
    return x;
  }

  @Override
  protected double[][] generate() {
    newSeeds();
    double[][] c = new double[2 * seeds.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = regenerate(i);
    }
    return c;
  }

  private void newSeeds() {
    seeds = new long[config.populationSize() / 2];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = random.nextLong();
    }
  }

  private double[] regenerate(int candidate) {
    return candidate(mean, config.sigma(), seeds[candidate / 2], candidate % 2 == 1);
  }

  /**
   * Starts a generation without materialising its candidates (the driver of a distributed run need
   * not hold lambda x n numbers): returns the pair seeds; candidate {@code 2i} is {@code
   * candidate(mean(), stepSize(), seeds[i], false)}, candidate {@code 2i + 1} the same with {@code
   * true}. Counts as {@link #ask()}; answer with {@link #tellLosses(double[])}. Draws the same seeds as
   * {@code ask()} would, so both paths give the same run.
   */
  public long[] askSeeds() {
    checkCanAsk();
    newSeeds();
    markAsked(2 * seeds.length);
    return seeds.clone();
  }

  /**
   * Tells the losses of the generation of the last {@link #askSeeds()} or {@link #ask()}, in
   * candidate order; same checks and NaN rule as {@link #tell(double[][], double[])}.
   */
  public void tellLosses(double[] losses) {
    tellLossesOnly(losses, this::regenerate);
  }

  @Override
  protected void update(double[][] candidates, double[] losses) {
    int lambda = losses.length;
    double[] u = centeredRanks(losses);
    double[] grad = new double[n];
    double[] eps = new double[n];
    for (int i = 0; i < seeds.length; i++) {
      double coef = (u[2 * i] - u[2 * i + 1]) / lambda;
      if (coef != 0) {
        Noise.fill(seeds[i], eps);
        for (int j = 0; j < n; j++) {
          grad[j] += coef * eps[j];
        }
      }
    }
    steps++;
    double b1 = config.beta1();
    double b2 = config.beta2();
    double c1 = 1 - Math.pow(b1, steps);
    double c2 = 1 - Math.pow(b2, steps);
    for (int j = 0; j < n; j++) {
      double g = grad[j] + config.weightDecay() * mean[j];
      m[j] = b1 * m[j] + (1 - b1) * g;
      v[j] = b2 * v[j] + (1 - b2) * g * g;
      mean[j] -= config.learningRate() * (m[j] / c1) / (Math.sqrt(v[j] / c2) + config.epsilon());
    }
  }

  /**
   * Centered ranks of losses: the lowest loss gets -0.5, the highest +0.5 (ties broken by index), so
   * the estimate above is the gradient of the shaped loss.
   */
  static double[] centeredRanks(double[] losses) {
    int k = losses.length;
    Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> losses[i]));
    double[] u = new double[k];
    for (int r = 0; r < k; r++) {
      u[order[r]] = k == 1 ? 0 : (double) r / (k - 1) - 0.5;
    }
    return u;
  }

  @Override
  protected void internalStop(Set<StopReason> reasons) {
    // only the budget criteria apply
  }

  /** The noise standard deviation sigma. */
  @Override
  public double stepSize() {
    return config.sigma();
  }

  @Override
  public double[] solution() {
    return mean();
  }

  @Override
  public Generation askGeneration() {
    double[] m = mean();
    return new Generation.Mirrored(m, stepSize(), askSeeds());
  }

  @Override
  public void tellGeneration(Generation generation, double[] losses) {
    tellLosses(losses);
  }

  /** The current search point, the distribution's mean (a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** The pair seeds of the last {@link #ask()} (a copy); empty before the first ask. */
  public long[] seeds() {
    return seeds.clone();
  }
}
