package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CMA-ES measurement of {@link CmaEsBenchmark} against the pycma reference medians (about 2 s in
 * all). The target is 10%; the assertion allows 15% because a median of 10 runs is itself noisy.
 */
class CmaEsBenchmarkTest {
  @ParameterizedTest
  @EnumSource(CmaEsBenchmark.Problem.class)
  void medianEvaluationsAreNearPycma(CmaEsBenchmark.Problem problem) {
    CmaEsBenchmark.Result r = CmaEsBenchmark.run(problem, 10, 100_000);
    String summary = String.format("%s: median %.0f evaluations, pycma %d, ratio %.3f, %d/10 reached 1e-8",
        problem, r.medianEvaluations(), problem.pycmaMedian(), r.ratioToPycma(), r.successes());
    // Rosenbrock in n >= 4 has a local minimum that default-population CMA-ES (and pycma) hits in a
    // minority of runs, so not every seed must succeed
    assertTrue(r.successes() >= 8, summary);
    assertTrue(Math.abs(r.ratioToPycma() - 1) < 0.15, summary);
  }
}
