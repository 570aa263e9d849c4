package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Seeded Gaussian noise: reproducible and standard normal. */
class NoiseTest {

  @Test
  void sameSeedSameVectorAndAddScaledAgrees() {
    double[] a = new double[7];
    double[] b = new double[7];
    Noise.fill(99, a);
    Noise.fill(99, b);
    assertArrayEquals(a, b);
    double[] c = new double[7];
    Noise.addScaled(99, 2, c);
    for (int i = 0; i < 7; i++) {
      assertEquals(2 * a[i], c[i], 0);
    }
  }

  @Test
  void momentsAreStandardNormal() {
    double[] z = new double[200_001];
    Noise.fill(5, z);
    double s = 0;
    double s2 = 0;
    double s4 = 0;
    for (double v : z) {
      s += v;
      s2 += v * v;
      s4 += v * v * v * v;
    }
    int n = z.length;
    assertEquals(0, s / n, 0.01);
    assertEquals(1, s2 / n, 0.01);
    assertEquals(3, s4 / n, 0.06);
  }
}
