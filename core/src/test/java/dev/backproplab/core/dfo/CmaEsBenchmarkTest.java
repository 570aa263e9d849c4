package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs the CMA-ES measurement of {@link CmaEsBenchmark} (slow: about 10^5 evaluations). */
@Tag("slow")
class CmaEsBenchmarkTest {
  @Test
  void mediansAreNearPycma() {
    for (CmaEsBenchmark.Result r : CmaEsBenchmark.run(10, 100_000)) {
      System.out.printf(
          "%s median %.0f (pycma %d, ratio %.3f), successes %d/10%n",
          r.problem(), r.medianEvaluations(), r.problem().pycmaMedian(), r.ratioToPycma(), r.successes());
      assertTrue(r.successes() >= 8, r.problem() + " reached the target in " + r.successes() + "/10");
    }
  }
}
