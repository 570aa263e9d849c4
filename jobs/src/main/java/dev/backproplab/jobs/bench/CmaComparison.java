package dev.backproplab.jobs.bench;

import dev.backproplab.core.dfo.CmaEs;
import dev.backproplab.core.dfo.CmaEsConfig;
import dev.backproplab.core.dfo.EvaluationBudget;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * This project's CMA-ES against Apache Commons Math's {@code CMAESOptimizer} (3.6.1) on the same
 * function, start point, sigma0, population size, target and seed count, in one JVM: evaluations to
 * reach the target (or a fixed number of generations, for sizes where a run to the target would take
 * too long) and wall time per generation, including the function evaluations, which cost the same
 * for both. Both use active covariance updates and a lazily updated eigendecomposition.
 */
public final class CmaComparison {
  /** The test functions. */
  public enum Function {
    SPHERE,
    ROSENBROCK;

    double value(double[] x) {
      double s = 0;
      if (this == SPHERE) {
        for (double v : x) {
          s += v * v;
        }
        return s;
      }
      for (int i = 0; i < x.length - 1; i++) {
        double a = x[i] * x[i] - x[i + 1];
        double b = x[i] - 1;
        s += 100 * a * a + b * b;
      }
      return s;
    }
  }

  /**
   * One implementation's runs on one case.
   *
   * @param medianEvaluations median evaluations over the seeds
   * @param successes runs that reached the target
   * @param msPerGeneration median over seeds of wall milliseconds per generation
   */
  public record Side(double medianEvaluations, int successes, double msPerGeneration) {}

  /**
   * One case and both sides.
   *
   * @param generations fixed generations per run, or 0 when runs go to the target
   */
  public record Row(Function function, int n, int lambda, int seeds, int generations, Side ours,
      Side commonsMath) {}

  private CmaComparison() {}

  /**
   * Runs one case. Start point uniform in [-5, 5]^n (sphere, sigma0 2) or 0 (Rosenbrock, sigma0
   * 0.5), target 1e-8; with {@code generations > 0} every run stops after that many generations.
   */
  public static Row run(Function f, int n, int seeds, int generations, long maxEvaluations) {
    int lambda = 4 + (int) Math.floor(3 * Math.log(n));
    double[][] ours = new double[3][seeds];
    double[][] cm = new double[3][seeds];
    for (int s = 0; s < seeds; s++) {
      double[] x0 = new double[n];
      SplittableRandom r = new SplittableRandom(1000 + s);
      double sigma0 = 0.5;
      if (f == Function.SPHERE) {
        for (int i = 0; i < n; i++) {
          x0[i] = -5 + 10 * r.nextDouble();
        }
        sigma0 = 2;
      }
      long budget = generations > 0 ? (long) generations * lambda : maxEvaluations;
      runOurs(f, x0, sigma0, budget, s, ours, s);
      runCommonsMath(f, x0, sigma0, lambda, generations, maxEvaluations, s, cm, s);
    }
    return new Row(f, n, lambda, seeds, generations, side(ours), side(cm));
  }

  private static Side side(double[][] m) {
    int ok = 0;
    for (double v : m[1]) {
      ok += v > 0 ? 1 : 0;
    }
    return new Side(median(m[0]), ok, median(m[2]));
  }

  private static void runOurs(Function f, double[] x0, double sigma0, long budget, long seed,
      double[][] out, int s) {
    CmaEs opt = CmaEsConfig.of(sigma0, new EvaluationBudget(budget, 1e-8)).create(x0, seed + 1);
    long start = System.nanoTime();
    long generations = 0;
    while (opt.stop().isEmpty()) {
      double[][] x = opt.ask();
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = f.value(x[i]);
      }
      opt.tell(x, y);
      generations++;
    }
    out[0][s] = opt.evaluations();
    out[1][s] = opt.bestLoss() <= 1e-8 ? 1 : 0;
    out[2][s] = (System.nanoTime() - start) / 1e6 / generations;
  }

  private static void runCommonsMath(Function f, double[] x0, double sigma0, int lambda,
      int generations, long maxEvaluations, long seed, double[][] out, int s) {
    long[] evaluations = {0};
    double[] best = {Double.POSITIVE_INFINITY};
    ToDoubleFunction<double[]> counted = x -> {
      evaluations[0]++;
      double v = f.value(x);
      best[0] = Math.min(best[0], v);
      return v;
    };
    int maxIterations = generations > 0 ? generations : Integer.MAX_VALUE;
    CMAESOptimizer cma = new CMAESOptimizer(maxIterations, 1e-8, true, 0, 0,
        new MersenneTwister(seed + 1), false, null);
    double[] sigma = new double[x0.length];
    Arrays.fill(sigma, sigma0);
    long start = System.nanoTime();
    PointValuePair p = cma.optimize(new MaxEval((int) Math.min(Integer.MAX_VALUE, maxEvaluations)),
        new ObjectiveFunction(counted::applyAsDouble), GoalType.MINIMIZE, new InitialGuess(x0),
        SimpleBounds.unbounded(x0.length), new CMAESOptimizer.Sigma(sigma),
        new CMAESOptimizer.PopulationSize(lambda));
    double ms = (System.nanoTime() - start) / 1e6;
    out[0][s] = evaluations[0];
    out[1][s] = Math.min(best[0], p.getValue()) <= 1e-8 ? 1 : 0;
    out[2][s] = ms / Math.max(1, cma.getIterations());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
