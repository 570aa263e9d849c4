package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ask/tell contract of {@link AskTellOptimizer}, for every optimizer of the package. */
class AskTellProtocolTest {
  private static final double[] X0 = {1.0, -2.0, 0.5};

  static Iterable<String> keys() {
    return Optimizers.KEYS;
  }

  private static AskTellOptimizer create(String key, long seed) {
    return Optimizers.config(key, 0.5, EvaluationBudget.of(2000)).create(X0, seed);
  }

  private static double[] losses(double[][] x) {
    return Arrays.stream(x).mapToDouble(TestFunction.SPHERE::value).toArray();
  }

  @ParameterizedTest
  @MethodSource("keys")
  void tellBeforeAskIsAnError(String key) {
    AskTellOptimizer opt = create(key, 1);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> opt.tell(new double[][] {X0}, new double[] {1}));
    assertTrue(e.getMessage().contains("without a preceding ask()"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("keys")
  void askTwiceIsAnError(String key) {
    AskTellOptimizer opt = create(key, 1);
    opt.ask();
    assertThrows(IllegalStateException.class, opt::ask);
  }

  @ParameterizedTest
  @MethodSource("keys")
  void wrongNumberOfCandidatesIsAnError(String key) {
    AskTellOptimizer opt = create(key, 1);
    double[][] x = opt.ask();
    double[][] fewer = Arrays.copyOf(x, x.length - 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> opt.tell(fewer, losses(fewer)));
    assertTrue(e.getMessage().contains("but ask() gave " + x.length), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> opt.tell(x, Arrays.copyOf(losses(x), x.length + 1)));
    // the failed tells did not consume the generation
    opt.tell(x, losses(x));
    assertEquals(x.length, opt.evaluations());
  }

  @ParameterizedTest
  @MethodSource("keys")
  void wrongCandidateLengthIsAnError(String key) {
    AskTellOptimizer opt = create(key, 1);
    double[][] x = opt.ask();
    double[][] bad = x.clone();
    bad[0] = new double[] {1, 2};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> opt.tell(bad, losses(x)));
    assertTrue(e.getMessage().contains("length 2, expected dimension 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> opt.tell(null, losses(x)));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void nanLossCountsAsWorst(String key) {
    AskTellOptimizer opt = create(key, 1);
    double[][] x = opt.ask();
    double[] f = new double[x.length];
    Arrays.fill(f, Double.NaN);
    f[x.length - 1] = 7.0;
    opt.tell(x, f);
    assertEquals(7.0, opt.bestLoss());
    assertArrayEquals(x[x.length - 1], opt.best());
    // all NaN: no exception, the run goes on, best is still the finite one
    double[][] y = opt.ask();
    double[] g = new double[y.length];
    Arrays.fill(g, Double.NaN);
    opt.tell(y, g);
    assertEquals(7.0, opt.bestLoss());
    assertFalse(Double.isNaN(opt.bestLoss()));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void askAfterStopIsAnError(String key) {
    AskTellOptimizer opt = Optimizers.config(key, 0.5, EvaluationBudget.of(1)).create(X0, 3);
    double[][] x = opt.ask();
    opt.tell(x, losses(x));
    Set<StopReason> stop = opt.stop();
    assertTrue(stop.contains(StopReason.MAX_EVALUATIONS), stop.toString());
    IllegalStateException e = assertThrows(IllegalStateException.class, opt::ask);
    assertTrue(e.getMessage().contains("MAX_EVALUATIONS"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("keys")
  void targetStopsTheRun(String key) {
    AskTellOptimizer opt =
        Optimizers.config(key, 0.5, new EvaluationBudget(100_000, 1e6)).create(X0, 3);
    assertTrue(opt.stop().isEmpty());
    assertEquals(Double.POSITIVE_INFINITY, opt.bestLoss());
    assertArrayEquals(X0, opt.best());
    Drive.minimize(opt, TestFunction.SPHERE::value);
    assertEquals(Set.of(StopReason.TARGET_REACHED), opt.stop());
  }

  @ParameterizedTest
  @MethodSource("keys")
  void sameSeedGivesIdenticalRuns(String key) {
    AskTellOptimizer a = Drive.minimize(create(key, 42), TestFunction.RASTRIGIN::value);
    AskTellOptimizer b = Drive.minimize(create(key, 42), TestFunction.RASTRIGIN::value);
    assertArrayEquals(a.best(), b.best());
    assertEquals(a.bestLoss(), b.bestLoss());
    assertEquals(a.evaluations(), b.evaluations());
    assertEquals(a.stepSize(), b.stepSize());
  }

  @ParameterizedTest
  @MethodSource("keys")
  void differentSeedsGiveDifferentRuns(String key) {
    if (key.startsWith("nelder-mead")) {
      return; // deterministic by design
    }
    double[][] a = create(key, 1).ask();
    double[][] b = create(key, 2).ask();
    assertFalse(Arrays.deepEquals(a, b));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void askedRowsBelongToTheCaller(String key) {
    AskTellOptimizer opt = create(key, 5);
    double[][] x = opt.ask();
    double[] f = losses(x);
    double[] best = opt.best();
    best[0] = 1e9;
    assertEquals(X0[0], opt.best()[0]);
    opt.tell(x, f);
    double[] told = opt.best();
    for (double[] row : x) {
      Arrays.fill(row, 123.0);
    }
    assertArrayEquals(told, opt.best());
  }
}
