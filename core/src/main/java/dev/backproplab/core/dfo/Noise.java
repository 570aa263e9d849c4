package dev.backproplab.core.dfo;

import java.util.SplittableRandom;

/**
 * Gaussian noise regenerated from a seed: the same seed gives the same vector, bit for bit, on every
 * JVM and CPU, because the uniform source is {@link SplittableRandom} (whose algorithm is specified)
 * and the Gaussian transform is the Box-Muller transform written here with {@link StrictMath} (not a
 * JDK implementation detail, not a platform intrinsic).
 *
 * <p>Used where a candidate must cross the network as a few longs (ES seeds, GA seed-list genomes).
 * Stateless; thread-safe.
 */
public final class Noise {
  private Noise() {}

  /** Fills {@code out} with independent standard normal values determined by {@code seed}. */
  public static void fill(long seed, double[] out) {
    fill(new SplittableRandom(seed), out);
  }

  /** Adds {@code scale} times the noise vector of {@code seed} to {@code target}, in place. */
  public static void addScaled(long seed, double scale, double[] target) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = target.length;
    int i = 0;
    while (i < n) {
      double u1 = 1.0 - r.nextDouble(); // in (0, 1]
      double u2 = r.nextDouble();
      double rad = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
      double a = 2.0 * Math.PI * u2;
      target[i++] += scale * rad * StrictMath.cos(a);
      if (i < n) {
        target[i++] += scale * rad * StrictMath.sin(a);
      }
    }
  }

  /** Fills {@code out} with standard normal values drawn from {@code random} (Box-Muller pairs). */
  static void fill(SplittableRandom random, double[] out) {
    int n = out.length;
    int i = 0;
    while (i < n) {
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      double rad = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
      double a = 2.0 * Math.PI * u2;
      out[i++] = rad * StrictMath.cos(a);
      if (i < n) {
        out[i++] = rad * StrictMath.sin(a);
      }
    }
  }

  /** One standard normal value from {@code random}. */
  public static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }
}
