package dev.backproplab.core.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinkChainTest {
  private static final LinkChain CHAIN = new LinkChain(40, 200.0, 0.5, 0.01);

  @Test
  void theChainFallsUnderGravityAndItsLinksHold() {
    double[] s = CHAIN.hangingState(0.0, new SplittableRandom(1));
    s[4 * 39 + 2] = 1.0; // push the last mass sideways
    double[] next = new double[s.length];
    for (int t = 0; t < 100; t++) {
      CHAIN.apply(s, next);
      s = next.clone();
    }
    double dx = s[4 * 39] - s[4 * 38];
    double dy = s[4 * 39 + 1] - s[4 * 38 + 1];
    double link = Math.sqrt(dx * dx + dy * dy);
    assertTrue(Math.abs(link - 1.0) < 0.1, "the last link is " + link + " long");
    assertTrue(s[4 * 39] > 0.05, "the pushed mass moved sideways: " + s[4 * 39]);
  }

  @Test
  void theDeclaredPatternHoldsEveryEntryTheRk4StepHas() {
    LinkChain small = new LinkChain(12, 200.0, 0.5, 0.01);
    SplittableRandom rng = new SplittableRandom(2);
    double[] s = small.hangingState(0.1, rng);
    JacobianEstimate full = new FiniteDifferences(1e-5, true).jacobian(new Blackbox(small, null), s, null, rng);
    DependencyPattern p = small.pattern();
    double outside = 0;
    double inside = 0;
    for (int i = 0; i < full.rows(); i++) {
      for (int j = 0; j < full.cols(); j++) {
        double v = Math.abs(full.get(i, j));
        if (p.contains(i, j)) {
          inside = Math.max(inside, v);
        } else {
          outside = Math.max(outside, v);
        }
      }
    }
    assertEquals(0.0, outside, "entries outside the 4-link reach");
    assertTrue(inside > 0.5);
  }

  @Test
  void colouringRecoversTheOneStepJacobianToFiniteDifferenceAccuracyInFarFewerCalls() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] s = CHAIN.hangingState(0.1, rng);
    Blackbox f = new Blackbox(CHAIN, CHAIN.pattern());
    JacobianEstimate fd = new FiniteDifferences(1e-5, true).jacobian(f, s, null, rng);
    JacobianEstimate coloured = new ColouredDifferences(1e-5, true).jacobian(f, s, null, rng);
    assertEquals(2L * 160, fd.calls());
    assertEquals(2L * 36, coloured.calls(), "9 masses of 4 coordinates: 36 colours");
    assertTrue(coloured.relativeError(fd.values()) < 1e-10, "colouring vs differences: "
        + coloured.relativeError(fd.values()));
    JacobianEstimate coarse = new FiniteDifferences(1e-3, true).jacobian(f, s, null, rng);
    assertTrue(coarse.relativeError(fd.values()) > 1e-9, "the differences' own error sets the scale");
  }
}
