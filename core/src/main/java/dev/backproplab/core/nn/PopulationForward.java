package dev.backproplab.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The minibatch losses of P candidate parameter vectors of one network, computed with stacked
 * products: the first layer of every candidate in one GEMM, {@code [W_1^T; ...; W_P^T] X^T} of shape
 * {@code [P*h, B]}, and each later layer as one batched matrix product over the P candidates
 * ({@code [P, h', h] x [P, h, B]}). Activations are kept transposed ({@code [P, width, B]}, row-major)
 * so that each candidate's weight block, stored column-major in the flat vector, is already the
 * row-major {@code W^T} the products need and loads as one contiguous copy.
 *
 * <p>This is how population-based optimizers evaluate a generation in as few ND4J calls as the shapes
 * allow (about two per layer, against two per layer per candidate); bias, relu and the loss run as
 * Java loops over the arrays' memory (see {@link DataView}), tanh and sigmoid as one ND4J op per layer. Arrays of one (P, B) shape are kept and
 * reused. Not thread-safe: it belongs to its network's thread.
 */
final class PopulationForward {
  private final Network net;
  private final int population;
  private final int batch;
  private final int[] widths;
  /** Per layer: the stacked W^T blocks, [P*nOut, nIn] for layer 0, [P, nOut, nIn] after. */
  private final INDArray[] weights;
  private final DataView[] weightViews;
  /** Per layer: the biases, [P * nOut]. */
  private final double[][] biases;
  /** Per layer: its output, [P, nOut, B] (row-major). */
  private final INDArray[] outputs;
  private final DataView[] outputViews;
  private final INDArray firstOutput2d;
  /**
   * Mirrored pairs only (allocated on first use): the mean's W^T of layer 0, the pairs' noise blocks
   * (a view of the first P/2 blocks of layer 0's stacked weights) and the two products.
   */
  private INDArray meanWeights;
  private INDArray noiseBlocks;
  private INDArray meanFirst;
  private INDArray noiseFirst;

  /** Layer {@code l} of {@code net}, which must be dense: stacked evaluation is written for MLPs. */
  private static DenseLayer dense(Network net, int l) {
    if (!(net.layer(l) instanceof DenseLayer d)) {
      throw new IllegalArgumentException(
          "population evaluation supports MLPs; layer " + l + " is " + net.layer(l).describe());
    }
    return d;
  }

  PopulationForward(Network net, int population, int batch) {
    this.net = net;
    this.population = population;
    this.batch = batch;
    int layers = net.layers().size();
    widths = new int[layers + 1];
    widths[0] = net.inputs();
    for (int l = 0; l < layers; l++) {
      widths[l + 1] = dense(net, l).nOut();
    }
    DataType type = net.dataType();
    weights = new INDArray[layers];
    weightViews = new DataView[layers];
    biases = new double[layers][];
    outputs = new INDArray[layers];
    outputViews = new DataView[layers];
    for (int l = 0; l < layers; l++) {
      weights[l] = l == 0
          ? Nd4j.create(type, new long[] {(long) population * widths[1], widths[0]}, 'c')
          : Nd4j.create(type, new long[] {population, widths[l + 1], widths[l]}, 'c');
      weightViews[l] = DataView.of(weights[l]);
      biases[l] = new double[population * widths[l + 1]];
      outputs[l] = Nd4j.create(type, new long[] {population, widths[l + 1], batch}, 'c');
      outputViews[l] = DataView.of(outputs[l]);
    }
    firstOutput2d = outputs[0].reshape('c', (long) population * widths[1], batch);
  }

  /**
   * The batch-mean softmax cross-entropy of each candidate on the batch {@code input}
   * ({@code [B, inputs]}, row-major) with {@code labels}.
   *
   * @param candidates P rows, each a full parameter vector in {@link Network#params()} layout
   */
  double[] losses(double[][] candidates, INDArray input, int[] labels) {
    checkPopulation(candidates.length);
    for (int p = 0; p < population; p++) {
      checkLength("candidate " + p, candidates[p]);
      int offset = 0;
      for (int l = 0; l < weights.length; l++) {
        offset = loadBlock(l, p, candidates[p], null, 0, offset);
      }
    }
    Blas.gemm(weights[0], input, firstOutput2d, false, true, 1.0, 0.0);
    biasAndActivate(0);
    return laterLayers(labels);
  }

  /**
   * The same losses for the mirrored pairs of an evolution strategy: candidate {@code 2i} is {@code
   * mean + sigma * noise[i]}, candidate {@code 2i + 1} is {@code mean - sigma * noise[i]} (Salimans et
   * al. 2017). The first layer's products are shared by each pair, {@code X(m +- s e) = Xm +- s Xe}: one
   * product for the mean and one per pair instead of one per candidate, which halves the work of the
   * layer that dominates an MLP on images. The later layers run per candidate as in {@link #losses}.
   *
   * <p>Rounding differs from {@link #losses} on the candidates written out: there the first layer
   * multiplies the candidate's weights rounded to the network's type, here the mean's and the noise's,
   * and the pair is formed after the product (a relative difference of the order of the type's epsilon,
   * tested).
   *
   * @param noise P/2 noise vectors in {@link Network#params()} layout
   */
  double[] mirroredLosses(double[] mean, double sigma, double[][] noise, INDArray input, int[] labels) {
    checkPopulation(2 * noise.length);
    checkLength("the mean", mean);
    int nIn = widths[0];
    int nOut = widths[1];
    if (meanFirst == null) {
      meanWeights = Nd4j.create(net.dataType(), new long[] {nOut, nIn}, 'c');
      noiseBlocks = weights[0].get(NDArrayIndex.interval(0, (long) noise.length * nOut), NDArrayIndex.all());
      meanFirst = Nd4j.create(net.dataType(), new long[] {nOut, batch}, 'c');
      noiseFirst = Nd4j.create(net.dataType(), new long[] {(long) noise.length * nOut, batch}, 'c');
    }
    DataView.of(meanWeights).copyFrom(mean, 0, 0, nIn * nOut);
    for (int pair = 0; pair < noise.length; pair++) {
      checkLength("noise vector " + pair, noise[pair]);
      int offset = nIn * nOut;
      weightViews[0].copyFrom(noise[pair], 0, pair * offset, offset); // the pair's noise in slot 'pair'
      for (int j = 0; j < nOut; j++) {
        double e = sigma * noise[pair][offset + j];
        biases[0][2 * pair * nOut + j] = mean[offset + j] + e;
        biases[0][(2 * pair + 1) * nOut + j] = mean[offset + j] - e;
      }
      offset += nOut;
      for (int l = 1; l < weights.length; l++) {
        loadBlock(l, 2 * pair, mean, noise[pair], sigma, offset);
        offset = loadBlock(l, 2 * pair + 1, mean, noise[pair], -sigma, offset);
      }
    }
    Blas.gemm(meanWeights, input, meanFirst, false, true, 1.0, 0.0);
    Blas.gemm(noiseBlocks, input, noiseFirst, false, true, 1.0, 0.0);
    DataView shared = DataView.of(meanFirst);
    DataView perPair = DataView.of(noiseFirst);
    DataView out = outputViews[0];
    int block = nOut * batch;
    for (int pair = 0; pair < noise.length; pair++) {
      int plus = 2 * pair * block;
      int minus = plus + block;
      int e = pair * block;
      for (int i = 0; i < block; i++) {
        double a = shared.get(i);
        double d = sigma * perPair.get(e + i);
        out.set(plus + i, a + d);
        out.set(minus + i, a - d);
      }
    }
    biasAndActivate(0);
    return laterLayers(labels);
  }

  private double[] laterLayers(int[] labels) {
    for (int l = 1; l < weights.length; l++) {
      Nd4j.matmul(weights[l], outputs[l - 1], outputs[l]);
      biasAndActivate(l);
    }
    return crossEntropy(outputViews[weights.length - 1], labels);
  }

  private void checkPopulation(int candidates) {
    if (candidates != population) {
      throw new IllegalArgumentException("expected " + population + " candidates, got " + candidates);
    }
  }

  private void checkLength(String what, double[] x) {
    if (x.length != net.numParams()) {
      throw new IllegalArgumentException(
          what + " has " + x.length + " parameters, the network " + net.numParams());
    }
  }

  /**
   * Writes layer {@code l}'s weights (as W^T) and biases for candidate slot {@code p} from {@code x}
   * at {@code offset}, or from {@code x + scale * noise} when {@code noise} is not null; returns the
   * offset of the next layer's block.
   */
  private int loadBlock(int l, int p, double[] x, double[] noise, double scale, int offset) {
    int nOut = widths[l + 1];
    int w = widths[l] * nOut;
    DataView dst = weightViews[l];
    int base = p * w;
    if (noise == null) {
      dst.copyFrom(x, offset, base, w);
      System.arraycopy(x, offset + w, biases[l], p * nOut, nOut);
    } else {
      for (int i = 0; i < w; i++) {
        dst.set(base + i, x[offset + i] + scale * noise[offset + i]);
      }
      for (int j = 0; j < nOut; j++) {
        biases[l][p * nOut + j] = x[offset + w + j] + scale * noise[offset + w + j];
      }
    }
    return offset + w + nOut;
  }

  /**
   * Adds the biases in Java, then applies the activation: relu in the same loop, tanh and sigmoid as
   * one in-place ND4J op over all P candidates (a vectorised native loop: Java's {@code Math.tanh} is
   * not an intrinsic and cost more than the products here).
   */
  private void biasAndActivate(int l) {
    Activation f = dense(net, l).activation();
    int nOut = widths[l + 1];
    DataView out = outputViews[l];
    double[] b = biases[l];
    boolean relu = f == Activation.RELU;
    for (int row = 0, i = 0; row < population * nOut; row++) {
      double bias = b[row];
      for (int c = 0; c < batch; c++, i++) {
        double z = out.get(i) + bias;
        out.set(i, relu && z < 0 ? 0.0 : z);
      }
    }
    switch (f) {
      case TANH -> Transforms.tanh(outputs[l], false);
      case SIGMOID -> Transforms.sigmoid(outputs[l], false);
      default -> { } // identity, or relu done above
    }
  }

  private double[] crossEntropy(DataView logits, int[] labels) {
    int classes = widths[widths.length - 1];
    double[] loss = new double[population];
    for (int p = 0; p < population; p++) {
      int base = p * classes * batch;
      double total = 0;
      for (int r = 0; r < batch; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          max = Math.max(max, logits.get(base + c * batch + r));
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          sum += Math.exp(logits.get(base + c * batch + r) - max);
        }
        total += Math.log(sum) + max - logits.get(base + labels[r] * batch + r);
      }
      loss[p] = total / batch;
    }
    return loss;
  }
}
