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
   * initial weights times {@code scale}. With {@code density < 1}, sparse: each receiving unit (an
   * input of a dense layer, row i of its {@code [nIn, nOut]} W; an input channel of a convolution,
   * index c of its {@code [outC, inC, k, k]} W) keeps exactly {@code max(1, round(density * fan))} of
   * the {@code fan} entries that reach it, chosen at random, the others 0; the kept ones are divided by
   * the square root of the kept share, so the signal's variance does not depend on density.
   */
  static INDArray random(Layer layer, RandomGenerator rng, double scale, double density) {
    INDArray b = like(layer.weights());
    double std = scale * layer.initStd();
    if (density >= 1.0) {
      fill(DataView.of(b), rng, std);
      return b;
    }
    long[] shape = b.shape();
    int axis = shape.length == 2 ? 0 : 1;
    int units = (int) shape[axis];
    int total = (int) b.length();
    int fan = total / units;
    long inner = 1;
    for (int d = axis + 1; d < shape.length; d++) {
      inner *= shape[d];
    }
    int[][] reaching = new int[units][fan];
    int[] filled = new int[units];
    for (int i = 0; i < total; i++) {
      int unit = (int) ((i / inner) % units);
      reaching[unit][filled[unit]++] = i;
    }
    int kept = Math.max(1, (int) Math.round(density * fan));
    double keptStd = std / Math.sqrt((double) kept / fan);
    double[] values = new double[total];
    for (int[] entries : reaching) {
      for (int j = 0; j < kept; j++) {
        int pick = j + rng.nextInt(fan - j);
        int t = entries[j];
        entries[j] = entries[pick];
        entries[pick] = t;
        values[entries[j]] = rng.nextGaussian() * keptStd;
      }
    }
    b.assign(Nd4j.create(values, shape, 'c').castTo(b.dataType()));
    return b;
  }

  /** A {@code [rows, cols]} row-major Gaussian matrix of standard deviation {@code std}. */
  static INDArray gaussian(DataType type, int rows, int cols, RandomGenerator rng, double std) {
    INDArray b = Nd4j.create(type, new long[] {rows, cols}, 'c');
    fill(DataView.of(b), rng, std);
    return b;
  }

  private static void fill(DataView v, RandomGenerator rng, double std) {
    for (int i = 0; i < v.length(); i++) {
      v.set(i, rng.nextGaussian() * std);
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
