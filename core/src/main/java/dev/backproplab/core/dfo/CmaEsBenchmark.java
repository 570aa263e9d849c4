package dev.backproplab.core.dfo;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The CMA-ES measurement set-up of {@code bpl bench dfo}, for comparison with pycma: sphere in 10 and 20-D (start
 * uniform in [-5, 5]^n, sigma0 = 2) and Rosenbrock in 10 and 20-D (start at 0, sigma0 = 0.5), run to f
 * &lt; 1e-8 over a number of seeds; reports the median number of evaluations of the runs that reached
 * the target. Reference medians: {@link #PYCMA_SOURCE}, measured by {@code conf/bench/pycma_reference.py}
 * with the same problems, starts and seeds: sphere 1,505 (10-D) and 2,730 (20-D), Rosenbrock 4,920
 * (10-D, 9 of 10 runs reached the target) and 16,218 (20-D).
 *
 * <p>Runs on the calling thread; prints nothing; returns {@link Result}s. Stateless; thread-safe.
 */
public final class CmaEsBenchmark {
  /** The target loss of every problem. */
  public static final double TARGET = 1e-8;

  /** Seeds behind the pycma medians; compare with runs over the same number of seeds. */
  public static final int PYCMA_SEEDS = 10;

  /** Where the pycma medians come from. */
  public static final String PYCMA_SOURCE = "pycma 4.5.0 (numpy 2.4.6), seeds 0..9, options ftarget=1e-8"
      + " maxfevals=200000 seed=s+1, defaults otherwise; medians of successful runs;"
      + " conf/bench/pycma_reference.py";

  private CmaEsBenchmark() {}

  /** One problem of the set-up and its pycma reference median. */
  public enum Problem {
    SPHERE_10(10, 1505),
    SPHERE_20(20, 2730),
    ROSENBROCK_10(10, 4920),
    ROSENBROCK_20(20, 16218);

    private final int dimension;
    private final long pycmaMedian;

    Problem(int dimension, long pycmaMedian) {
      this.dimension = dimension;
      this.pycmaMedian = pycmaMedian;
    }

    public int dimension() {
      return dimension;
    }

    public long pycmaMedian() {
      return pycmaMedian;
    }

    private boolean sphere() {
      return this == SPHERE_10 || this == SPHERE_20;
    }

    double loss(double[] x) {
      double s = 0;
      if (sphere()) {
        for (double v : x) {
          s += v * v;
        }
      } else {
        for (int i = 0; i < x.length - 1; i++) {
          double a = x[i] * x[i] - x[i + 1];
          double b = x[i] - 1;
          s += 100 * a * a + b * b;
        }
      }
      return s;
    }
  }

  /**
   * The outcome on one problem.
   *
   * @param evaluations evaluations used by each seed (in seed order)
   * @param successes how many seeds reached the target
   * @param medianEvaluations median of {@code evaluations} over the seeds that reached the target (NaN
   *     when none did)
   */
  public record Result(Problem problem, long[] evaluations, int successes, double medianEvaluations) {
    /** The measured median over pycma's. */
    public double ratioToPycma() {
      return medianEvaluations / problem.pycmaMedian();
    }
  }

  /** Runs every problem over seeds {@code 0 .. seeds-1} with a budget of {@code maxEvaluations}. */
  public static List<Result> run(int seeds, long maxEvaluations) {
    return Arrays.stream(Problem.values()).map(p -> run(p, seeds, maxEvaluations)).toList();
  }

  /** Runs one problem over seeds {@code 0 .. seeds-1}. */
  public static Result run(Problem problem, int seeds, long maxEvaluations) {
    long[] evals = new long[seeds];
    long[] successful = new long[seeds];
    int ok = 0;
    for (int s = 0; s < seeds; s++) {
      SplittableRandom rng = new SplittableRandom(s);
      int n = problem.dimension();
      double[] x0 = new double[n];
      double sigma0 = 0.5;
      if (problem.sphere()) {
        for (int i = 0; i < n; i++) {
          x0[i] = -5 + 10 * rng.nextDouble();
        }
        sigma0 = 2;
      }
      CmaEsConfig config = CmaEsConfig.of(sigma0, new EvaluationBudget(maxEvaluations, TARGET));
      AskTellOptimizer opt = config.create(x0, rng.split());
      double best = minimize(opt, problem::loss);
      evals[s] = opt.evaluations();
      if (best <= TARGET) {
        successful[ok++] = evals[s];
      }
    }
    long[] sorted = Arrays.copyOf(successful, ok);
    Arrays.sort(sorted);
    double median = ok == 0 ? Double.NaN
        : ok % 2 == 1 ? sorted[ok / 2] : (sorted[ok / 2 - 1] + sorted[ok / 2]) / 2.0;
    return new Result(problem, evals, ok, median);
  }

  private static double minimize(AskTellOptimizer opt, ToDoubleFunction<double[]> f) {
    while (opt.stop().isEmpty()) {
      double[][] x = opt.ask();
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = f.applyAsDouble(x[i]);
      }
      opt.tell(x, y);
    }
    return opt.bestLoss();
  }
}
