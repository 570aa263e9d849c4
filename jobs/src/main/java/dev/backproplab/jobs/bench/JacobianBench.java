package dev.backproplab.jobs.bench;

import dev.backproplab.core.blackbox.Blackbox;
import dev.backproplab.core.blackbox.ColouredDifferences;
import dev.backproplab.core.blackbox.DependencyPattern;
import dev.backproplab.core.blackbox.FiniteDifferences;
import dev.backproplab.core.blackbox.JacobianEstimate;
import dev.backproplab.core.blackbox.JacobianEstimator;
import dev.backproplab.core.blackbox.LinearMap;
import dev.backproplab.core.blackbox.LinkChain;
import dev.backproplab.core.blackbox.RandomDirections;
import dev.backproplab.core.blackbox.SparseRecovery;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Calls a Jacobian estimate costs, after Choromanski &amp; Sindhwani 2017's experiments: (1) the calls
 * each estimator needs to reach a relative Frobenius error of 1e-6 on a noiseless map and 1e-2 under
 * Gaussian output noise, for banded (bandwidth 3) and block-sparse (blocks of 8) linear maps of n
 * inputs, finite differences against colouring against L1 sparse recovery; (2) the error of each
 * estimator against its calls on the one-step map of a {@link LinkChain}. Every figure counts every
 * call, f(x) included; nothing is timed.
 */
public final class JacobianBench {
  /** Output noise of the noisy maps (standard deviation). */
  public static final double NOISE = 0.01;
  /** The budget search stops at this many doublings. */
  private static final int MAX_DOUBLINGS = 12;

  /** Calls to reach the target for one map size and structure: -1 where the search gave up. */
  public record CallsRow(String structure, int n, boolean noisy, long differences, long colouring, long sparse) {}

  /** One estimator's error on the chain at the calls it spent. */
  public record ChainRow(String estimator, long calls, double error) {}

  private JacobianBench() {}

  /** Table (1) for the given sizes, each row handed to {@code rows} as soon as it is measured. */
  public static void callsToTarget(int[] sizes, long seed, Consumer<CallsRow> rows) {
    for (String structure : List.of("banded", "block")) {
      for (boolean noisy : new boolean[] {false, true}) {
        for (int n : sizes) {
          SplittableRandom rng = new SplittableRandom(seed + n);
          DependencyPattern p = structure.equals("banded")
              ? DependencyPattern.banded(n, 3) : DependencyPattern.blockDiagonal(n, 8);
          LinearMap map = LinearMap.random(p, rng);
          double noise = noisy ? NOISE : 0.0;
          double target = noisy ? 1e-2 : 1e-6;
          // a linear map has no truncation error: a unit step keeps the noise's share smallest
          double h = noisy ? 1.0 : 1e-3;
          double[] x = new double[n];
          for (int j = 0; j < n; j++) {
            x[j] = rng.nextGaussian();
          }
          Blackbox f = new Blackbox(map, p, noise, rng.split());
          double[] truth = map.dense();
          long fd = repeatsToTarget(new FiniteDifferences(h, false), f, x, truth, target, rng);
          long col = repeatsToTarget(new ColouredDifferences(h, false), f, x, truth, target, rng);
          long sparse = callsToTarget(f, x, truth, target, p.maxRowSize(), h, rng);
          rows.accept(new CallsRow(structure, n, noisy, fd, col, sparse));
        }
      }
    }
  }

  /**
   * The calls of the fewest repeats of {@code e}, among 1, 2, 4, ..., whose mean reaches the target
   * (each doubling adds as many fresh repeats as it has).
   */
  private static long repeatsToTarget(JacobianEstimator e, Blackbox f, double[] x, double[] truth, double target,
      SplittableRandom rng) {
    long before = f.calls();
    double[] sum = new double[truth.length];
    double[] mean = new double[truth.length];
    for (int d = 0, repeats = 1, done = 0; d <= MAX_DOUBLINGS; d++, repeats *= 2) {
      for (; done < repeats; done++) {
        double[] j = e.jacobian(f, x, null, rng).values();
        for (int k = 0; k < sum.length; k++) {
          sum[k] += j[k];
        }
      }
      for (int k = 0; k < sum.length; k++) {
        mean[k] = sum[k] / repeats;
      }
      if (JacobianEstimate.relativeError(mean, truth) <= target) {
        return f.calls() - before;
      }
    }
    return -1;
  }

  /** The calls of the smallest k (support, 2 support, ...) whose L1 decoding reaches the target. */
  private static long callsToTarget(Blackbox f, double[] x, double[] truth, double target, int support, double h,
      SplittableRandom rng) {
    for (int d = 0, k = support; d <= MAX_DOUBLINGS; d++, k *= 2) {
      JacobianEstimate j = SparseRecovery.l1(k, h).jacobian(f, x, null, rng);
      if (j.relativeError(truth) <= target) {
        return j.calls();
      }
    }
    return -1;
  }

  /**
   * Table (2): a chain of {@code links} links, its one-step Jacobian at a perturbed hanging state
   * estimated by each estimator; the reference is central differences with a step of 1e-6.
   */
  public static List<ChainRow> chain(int links, long seed) {
    LinkChain chain = new LinkChain(links, 200.0, 0.5, 0.01);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] s = chain.hangingState(0.1, rng);
    Blackbox f = new Blackbox(chain, chain.pattern());
    double[] truth = new FiniteDifferences(1e-6, true).jacobian(f, s, null, rng).values();
    int support = chain.pattern().maxRowSize();
    List<JacobianEstimator> estimators = new ArrayList<>(List.of(
        new FiniteDifferences(1e-4, false), new FiniteDifferences(1e-4, true),
        new ColouredDifferences(1e-4, false), new ColouredDifferences(1e-4, true)));
    for (int k : new int[] {support, 2 * support, 4 * support}) {
      estimators.add(SparseRecovery.l1(k, 1e-4));
    }
    for (int k : new int[] {4 * links, 32 * links}) {
      estimators.add(new RandomDirections(k, 1e-4, false));
      estimators.add(new RandomDirections(k, 1e-4, true));
    }
    List<ChainRow> rows = new ArrayList<>();
    for (JacobianEstimator e : estimators) {
      JacobianEstimate j = e.jacobian(f, s, null, rng);
      rows.add(new ChainRow(e.describe(), j.calls(), j.relativeError(truth)));
    }
    return rows;
  }
}
