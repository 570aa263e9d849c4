package dev.backproplab.core.credit;

import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Layer;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Helpers shared by the feedback rules: feedback arrays shaped like a layer's weights, drawn from a
 * passed random source, and angles between arrays. Feedback arrays are ND4J arrays so the products
 * that use them stay in BLAS.
 */
final class Feedback {
  private Feedback() {}

  /** A zero array shaped and ordered as {@code w} (so element i of both views is the same weight). */
  static INDArray like(INDArray w) {
    return Nd4j.create(w.dataType(), w.shape(), w.ordering());
  }

  /**
   * Random feedback for {@code layer}'s weights: Gaussian with the standard deviation of the layer's
   * initial weights times {@code scale}; each entry kept with probability {@code density} (others 0)
   * and the kept ones divided by sqrt(density), so the signal's variance does not depend on density.
   */
  static INDArray random(Layer layer, RandomGenerator rng, double scale, double density) {
    INDArray b = like(layer.weights());
    fill(DataView.of(b), rng, scale * layer.initStd(), density);
    return b;
  }

  /** A {@code [rows, cols]} row-major Gaussian matrix of standard deviation {@code std}. */
  static INDArray gaussian(DataType type, int rows, int cols, RandomGenerator rng, double std) {
    INDArray b = Nd4j.create(type, new long[] {rows, cols}, 'c');
    fill(DataView.of(b), rng, std, 1.0);
    return b;
  }

  private static void fill(DataView v, RandomGenerator rng, double std, double density) {
    double keptStd = std / Math.sqrt(density);
    for (int i = 0; i < v.length(); i++) {
      if (density >= 1.0 || rng.nextDouble() < density) {
        v.set(i, rng.nextGaussian() * keptStd);
      } else {
        v.set(i, 0.0);
      }
    }
  }

  /**
   * The angle in degrees between two equally long vectors, by Kahan's formula {@code 2 atan2(|u - v|,
   * |u + v|)} on the unit vectors (exactly 0 for identical inputs, accurate near 0 and 180); NaN when
   * either is zero.
   */
  static double degrees(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    if (na == 0 || nb == 0) {
      return Double.NaN;
    }
    na = Math.sqrt(na);
    nb = Math.sqrt(nb);
    double diff = 0;
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double u = a[i] / na;
      double v = b[i] / nb;
      diff += (u - v) * (u - v);
      sum += (u + v) * (u + v);
    }
    return Math.toDegrees(2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum)));
  }

  /** Angle in degrees between two arrays of the same logical shape (any memory order). */
  static double degrees(INDArray a, INDArray b) {
    INDArray x = a.castTo(DataType.DOUBLE).dup('c');
    INDArray y = b.castTo(DataType.DOUBLE).dup('c');
    return degrees(x.data().asDouble(), y.data().asDouble());
  }
}
