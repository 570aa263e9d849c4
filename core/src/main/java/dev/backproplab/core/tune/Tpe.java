package dev.backproplab.core.tune;

import dev.backproplab.core.dfo.EvaluationBudget;
import dev.backproplab.core.dfo.Noise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kegl 2011, "Algorithms for
 * Hyper-Parameter Optimization", section 4) on the unit cube, with Optuna's defaults for the choices the
 * paper leaves open. The first {@link #STARTUP} trials are uniform draws. After them, the trials told so
 * far are split into the best {@code min(ceil(0.1 N), 25)} ("good", density l) and the rest (g), and each
 * coordinate of a candidate is chosen independently: {@link #SAMPLES} draws from l, keeping the one with
 * the largest l / g (the expected improvement's maximiser in the paper). A numeric coordinate's density is
 * a mixture, with equal weights, of a prior N(0.5, 1) and one Gaussian per observation, each truncated to
 * [0, 1], a Gaussian's width being the larger gap to its sorted neighbours, clipped to [1 / min(100, 1 +
 * points), 1]; a categorical coordinate of k choices (told as the cell its value falls in) has the
 * probabilities (count + 1) / (points + k). A generation's candidates all come from the model of the
 * trials told before it (no constant liar), each with its own draws. A failed trial (NaN loss) ranks
 * last. Deterministic for its random stream. Not thread-safe.
 */
final class Tpe extends CubeSampler {
  /** Uniform draws before the model is used (Optuna's {@code n_startup_trials}). */
  static final int STARTUP = 10;
  /** Draws from l per coordinate (Optuna's {@code n_ei_candidates}). */
  static final int SAMPLES = 24;

  /** Per coordinate, 0 for a numeric one, else the number of choices. */
  private final int[] cells;
  private final List<double[]> points = new ArrayList<>();
  private final List<Double> losses = new ArrayList<>();

  /**
   * @param cells per coordinate of the cube, 0 for an ordered dimension or the number of choices of a
   *     categorical one
   */
  Tpe(int[] cells, int perGeneration, EvaluationBudget budget, SplittableRandom random) {
    super(cells.length, perGeneration, budget, random);
    this.cells = cells.clone();
  }

  @Override
  protected double[][] draw(int count) {
    double[][] x = new double[count][];
    if (points.size() < STARTUP) {
      for (int i = 0; i < count; i++) {
        x[i] = uniform();
      }
      return x;
    }
    Integer[] order = IntStream.range(0, points.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(losses::get)); // stable: ties keep the order told
    int good = Math.min((int) Math.ceil(0.1 * points.size()), 25);
    for (int i = 0; i < count; i++) {
      x[i] = new double[n];
    }
    for (int j = 0; j < n; j++) {
      double[] below = column(order, 0, good, j);
      double[] above = column(order, good, order.length, j);
      for (int i = 0; i < count; i++) {
        x[i][j] = cells[j] == 0 ? numeric(below, above) : categorical(below, above, cells[j]);
      }
    }
    return x;
  }

  @Override
  protected void observe(double[][] candidates, double[] f) {
    for (int i = 0; i < candidates.length; i++) {
      points.add(candidates[i].clone());
      losses.add(f[i]);
    }
  }

  private double[] column(Integer[] order, int from, int to, int j) {
    double[] c = new double[to - from];
    for (int k = from; k < to; k++) {
      c[k - from] = points.get(order[k])[j];
    }
    return c;
  }

  /** The best of {@link #SAMPLES} draws from the Parzen density of {@code below} by l / g. */
  private double numeric(double[] below, double[] above) {
    Parzen l = new Parzen(below);
    Parzen g = new Parzen(above);
    double best = Double.NaN;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < SAMPLES; s++) {
      double v = l.sample(random);
      double score = l.logDensity(v) - g.logDensity(v);
      if (score > bestScore) {
        bestScore = score;
        best = v;
      }
    }
    return best;
  }

  /** The best of {@link #SAMPLES} draws of a cell from the smoothed counts of {@code below}, as a cell centre. */
  private double categorical(double[] below, double[] above, int k) {
    double[] l = cellProbabilities(below, k);
    double[] g = cellProbabilities(above, k);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < SAMPLES; s++) {
      double u = random.nextDouble();
      int c = 0;
      while (c < k - 1 && u >= l[c]) {
        u -= l[c];
        c++;
      }
      double score = Math.log(l[c]) - Math.log(g[c]);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return (best + 0.5) / k;
  }

  private static double[] cellProbabilities(double[] values, int k) {
    double[] p = new double[k];
    Arrays.fill(p, 1.0);
    for (double v : values) {
      p[Math.min(k - 1, (int) Math.floor(v * k))] += 1;
    }
    for (int c = 0; c < k; c++) {
      p[c] /= values.length + k;
    }
    return p;
  }

  /** An equal-weight mixture of Gaussians truncated to [0, 1]: the prior N(0.5, 1) and one per point. */
  static final class Parzen {
    private final double[] mu;
    private final double[] sigma;
    private final double[] logMass;

    Parzen(double[] observed) {
      int m = observed.length;
      mu = new double[m + 1];
      sigma = new double[m + 1];
      double[] sorted = observed.clone();
      Arrays.sort(sorted);
      double minSigma = 1.0 / Math.min(100, 1 + m);
      for (int i = 0; i < m; i++) {
        double left = sorted[i] - (i == 0 ? 0 : sorted[i - 1]);
        double right = (i == m - 1 ? 1 : sorted[i + 1]) - sorted[i];
        mu[i] = sorted[i];
        sigma[i] = Math.min(1, Math.max(minSigma, Math.max(left, right)));
      }
      mu[m] = 0.5;
      sigma[m] = 1;
      logMass = new double[m + 1];
      for (int i = 0; i <= m; i++) {
        logMass[i] = Math.log(phi((1 - mu[i]) / sigma[i]) - phi(-mu[i] / sigma[i]));
      }
    }

    /** A draw: a component uniformly, then its truncated Gaussian by rejection. */
    double sample(SplittableRandom random) {
      int c = random.nextInt(mu.length);
      while (true) {
        double v = mu[c] + sigma[c] * Noise.gaussian(random);
        if (v >= 0 && v <= 1) {
          return v;
        }
      }
    }

    /** The log of the mixture's density at {@code v} in [0, 1]. */
    double logDensity(double v) {
      double max = Double.NEGATIVE_INFINITY;
      double[] terms = new double[mu.length];
      for (int i = 0; i < mu.length; i++) {
        double z = (v - mu[i]) / sigma[i];
        terms[i] = -0.5 * z * z - Math.log(sigma[i] * Math.sqrt(2 * Math.PI)) - logMass[i];
        max = Math.max(max, terms[i]);
      }
      double sum = 0;
      for (double t : terms) {
        sum += Math.exp(t - max);
      }
      return max + Math.log(sum / mu.length);
    }
  }

  /**
   * The standard normal distribution function, through erf by Abramowitz and Stegun 7.1.26 (absolute
   * error below 1.5e-7, plenty for a density ratio).
   */
  static double phi(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
        * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
