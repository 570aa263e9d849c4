package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Statistics pooling against a plain computation, and what it is for: frames in any order pool alike. */
class StatsPoolLayerTest {
  private static final ImageShape SHAPE = new ImageShape(2, 5, 3);

  private static double[] pool(double[] x, int batch) {
    StatsPoolLayer layer = new StatsPoolLayer(SHAPE);
    INDArray in = Nd4j.create(x, new long[] {batch, SHAPE.size()}, DataType.DOUBLE);
    INDArray out = Nd4j.create(DataType.DOUBLE, batch, layer.outputSize());
    layer.forward(in, out, DataView.of(out), batch);
    return DataView.of(out).toArray();
  }

  private static double[] random(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }

  @Test
  void meansThenStandardDeviationsPerChannelAndColumn() {
    double[] x = random(2 * SHAPE.size(), 3);
    double[] out = pool(x, 2);
    assertEquals(2 * 12, out.length);
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < 2; c++) {
        for (int w = 0; w < 3; w++) {
          double sum = 0;
          double sumSq = 0;
          for (int t = 0; t < 5; t++) {
            double v = x[b * 30 + c * 15 + t * 3 + w];
            sum += v;
            sumSq += v * v;
          }
          double mean = sum / 5;
          double var = sumSq / 5 - mean * mean;
          assertEquals(mean, out[b * 12 + c * 3 + w], 1e-12);
          assertEquals(Math.sqrt(var + StatsPoolLayer.EPS), out[b * 12 + 6 + c * 3 + w], 1e-12);
        }
      }
    }
    assertEquals("statspool(2x5x3->12)", new StatsPoolLayer(SHAPE).describe());
  }

  @Test
  void framesInAnotherOrderGiveTheSameStatistics() {
    double[] x = random(SHAPE.size(), 5);
    double[] shifted = new double[x.length];
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < 5; t++) {
        System.arraycopy(x, c * 15 + t * 3, shifted, c * 15 + ((t + 2) % 5) * 3, 3);
      }
    }
    assertArrayEquals(pool(x, 1), pool(shifted, 1), 1e-12);
  }
}
