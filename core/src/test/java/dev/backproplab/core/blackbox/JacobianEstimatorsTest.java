package dev.backproplab.core.blackbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacobianEstimatorsTest {

  private static double[] point(int n, RandomGenerator rng) {
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = rng.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(ints = {50, 200, 1000})
  void colouringIsValidAndAsSmallAsTheBandOrBlock(int n) {
    for (DependencyPattern p : List.of(DependencyPattern.banded(n, 3), DependencyPattern.blockDiagonal(n, 10))) {
      Colouring c = p.colouring();
      for (int i = 0; i < p.outputs(); i++) {
        int[] row = p.row(i);
        for (int a = 0; a < row.length; a++) {
          for (int b = a + 1; b < row.length; b++) {
            assertFalse(c.colour(row[a]) == c.colour(row[b]), "columns sharing output " + i + " share a colour");
          }
        }
      }
      assertEquals(p.maxRowSize(), c.count(), "colours of " + p.maxRowSize() + "-wide rows");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {50, 500, 2000})
  void colouringRecoversBandedAndBlockSparseMapsInExactlyTheColourCount(int n) {
    SplittableRandom rng = new SplittableRandom(3);
    for (DependencyPattern p : List.of(DependencyPattern.banded(n, 3), DependencyPattern.blockDiagonal(n, 8))) {
      LinearMap map = LinearMap.random(p, rng);
      Blackbox f = new Blackbox(map, p);
      double[] x = point(n, rng);
      double[] fx = f.call(x);
      JacobianEstimate forward = new ColouredDifferences(1e-3, false).jacobian(f, x, fx, rng);
      assertEquals(p.colouring().count(), forward.calls());
      assertEquals(p.maxRowSize(), forward.calls(), "7 for the band, 8 for the blocks, whatever n");
      assertTrue(forward.relativeError(map.dense()) < 1e-10, "error " + forward.relativeError(map.dense()));
      JacobianEstimate central = new ColouredDifferences(1e-3, true).jacobian(f, x, null, rng);
      assertEquals(2L * p.colouring().count(), central.calls());
      assertTrue(central.relativeError(map.dense()) < 1e-10);
    }
  }

  @Test
  void everyEstimatorReportsTheCallsItSpent() {
    SplittableRandom rng = new SplittableRandom(5);
    DependencyPattern p = DependencyPattern.banded(30, 2);
    Blackbox f = new Blackbox(LinearMap.random(p, rng), p);
    double[] x = point(30, rng);
    for (JacobianEstimator e : List.of(new FiniteDifferences(1e-4, false), new FiniteDifferences(1e-4, true),
        new ColouredDifferences(1e-4, false), new RandomDirections(12, 1e-2, false),
        new RandomDirections(12, 1e-2, true), SparseRecovery.l1(15, 1.0))) {
      long before = f.calls();
      JacobianEstimate given = e.jacobian(f, x, f.call(x), rng);
      assertEquals(e.callsPerEstimate(f), given.calls(), e.describe());
      assertEquals(before + 1 + given.calls(), f.calls(), e.describe() + ": calls counted by the blackbox");
    }
    assertEquals(31, new FiniteDifferences(1e-4, false).jacobian(f, x, null, rng).calls(), "f(x) costs a call when not given");
  }

  @Test
  void deterministicEstimatorsGiveTheExactTransposeProductOfALinearMap() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 40;
    DependencyPattern p = DependencyPattern.blockDiagonal(n, 5);
    LinearMap map = LinearMap.random(p, rng);
    Blackbox f = new Blackbox(map, p);
    double[] x = point(n, rng);
    double[] v = point(n, rng);
    double[] exact = map.exactTransposeTimes(x, v);
    for (JacobianEstimator e : List.of(new FiniteDifferences(1e-3, false), new FiniteDifferences(1e-3, true),
        new ColouredDifferences(1e-3, false), new ColouredDifferences(1e-3, true), SparseRecovery.l1(12, 1.0),
        new SparseRecovery(12, 1.0, 0.0, SparseRecovery.Decoder.LEAST_SQUARES))) {
      VectorEstimate jtv = e.transposeTimes(f, x, f.call(x), v, rng);
      assertArrayEquals(exact, jtv.values(), 1e-8, e.describe());
    }
  }

  @Test
  void randomDirectionsAreUnbiasedAndSharpenWithCalls() {
    SplittableRandom rng = new SplittableRandom(13);
    int n = 20;
    DependencyPattern p = DependencyPattern.banded(n, 2);
    LinearMap map = LinearMap.random(p, rng);
    Blackbox f = new Blackbox(map, p);
    double[] x = point(n, rng);
    double[] v = point(n, rng);
    double[] exact = map.exactTransposeTimes(x, v);
    for (boolean antithetic : new boolean[] {false, true}) {
      double few = meanError(new RandomDirections(40, 0.1, antithetic), f, x, v, exact, rng);
      double many = meanError(new RandomDirections(2560, 0.1, antithetic), f, x, v, exact, rng);
      assertTrue(many < few / 4, "64x the calls: error " + few + " -> " + many);
      assertTrue(many < 0.2, "error " + many);
    }
  }

  private static double meanError(JacobianEstimator e, Blackbox f, double[] x, double[] v, double[] exact,
      RandomGenerator rng) {
    double sum = 0;
    for (int r = 0; r < 5; r++) {
      sum += JacobianEstimate.relativeError(e.transposeTimes(f, x, f.call(x), v, rng).values(), exact);
    }
    return sum / 5;
  }

  @Test
  void underGaussianNoiseTheErrorFallsAsCallsGrow() {
    SplittableRandom rng = new SplittableRandom(17);
    int n = 40;
    DependencyPattern p = DependencyPattern.banded(n, 3);
    LinearMap map = LinearMap.random(p, rng);
    Blackbox f = new Blackbox(map, p, 0.05, new SplittableRandom(18));
    double[] x = point(n, rng);
    for (SparseRecovery.Decoder decoder : SparseRecovery.Decoder.values()) {
      double previous = Double.POSITIVE_INFINITY;
      for (int calls : new int[] {14, 42, 126}) {
        double error = new SparseRecovery(calls, 1.0, 0.0, decoder).jacobian(f, x, null, rng).relativeError(map.dense());
        assertTrue(error < previous * 0.8, decoder + " with " + calls + " calls: " + error + " after " + previous);
        previous = error;
      }
      assertTrue(previous < 0.03, decoder + " at 126 calls: " + previous);
    }
  }

  /** Every tenth call after the first few returns garbage: a crashed solver, a network error. */
  private static final class Outliers implements VectorFunction {
    private final VectorFunction inner;
    private final SplittableRandom rng = new SplittableRandom(99);
    private int calls;

    Outliers(VectorFunction inner) {
      this.inner = inner;
    }

    @Override public int inputs() {
      return inner.inputs();
    }

    @Override public int outputs() {
      return inner.outputs();
    }

    @Override public void apply(double[] x, double[] out) {
      inner.apply(x, out);
      if (calls++ % 10 == 3) {
        for (int i = 0; i < out.length; i++) {
          out[i] = 100 * rng.nextGaussian();
        }
      }
    }
  }

  @Test
  void theL1DecoderRecoversWithTenPercentOutliersWhereLeastSquaresDoesNot() {
    SplittableRandom rng = new SplittableRandom(23);
    int n = 200;
    DependencyPattern p = DependencyPattern.banded(n, 3);
    LinearMap map = LinearMap.random(p, rng);
    double[] x = point(n, rng);
    double[] fx = new Blackbox(map, p).call(x);
    JacobianEstimate l1 = SparseRecovery.l1(60, 1.0).jacobian(new Blackbox(new Outliers(map), p), x, fx, new SplittableRandom(1));
    JacobianEstimate lsq = new SparseRecovery(60, 1.0, 0.0, SparseRecovery.Decoder.LEAST_SQUARES)
        .jacobian(new Blackbox(new Outliers(map), p), x, fx, new SplittableRandom(1));
    assertEquals(60, l1.calls());
    assertTrue(l1.relativeError(map.dense()) < 1e-6, "L1 error " + l1.relativeError(map.dense()));
    assertTrue(lsq.relativeError(map.dense()) > 0.1, "least-squares error " + lsq.relativeError(map.dense()));
  }

  @Test
  void withoutAPatternThePenalisedDecoderRecoversASparseMapFromFewerCallsThanInputs() {
    SplittableRandom rng = new SplittableRandom(29);
    int n = 60;
    DependencyPattern p = DependencyPattern.banded(n, 1);
    LinearMap map = LinearMap.random(p, rng);
    Blackbox f = new Blackbox(map, null);
    double[] x = point(n, rng);
    JacobianEstimate j = new SparseRecovery(30, 1.0, 1.0, SparseRecovery.Decoder.L1).jacobian(f, x, null, rng);
    assertEquals(31, j.calls());
    assertTrue(j.relativeError(map.dense()) < 1e-6, "error " + j.relativeError(map.dense()));
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FiniteDifferences(0, false))
        .getMessage().contains("got 0.0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new RandomDirections(3, 0.1, true))
        .getMessage().contains("even"));
    assertThrows(IllegalArgumentException.class, () -> new SparseRecovery(5, 1, 0.5, SparseRecovery.Decoder.LEAST_SQUARES));
    Blackbox noPattern = new Blackbox(LinearMap.random(DependencyPattern.banded(5, 1), new SplittableRandom(1)), null);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new ColouredDifferences(1e-3, false).jacobian(noPattern, new double[5], null, new SplittableRandom(1)))
        .getMessage().contains("pattern"));
  }
}
