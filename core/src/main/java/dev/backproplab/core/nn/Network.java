package dev.backproplab.core.nn;

import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.data.Examples;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A feed-forward classifier: dense layers ending in logits, trained on the softmax cross-entropy
 * averaged over the batch.
 *
 * <p>All parameters live in one flat buffer ({@link #params()}), layer after layer (each W column-major,
 * then b), with one gradient buffer of the same layout ({@link #gradients()}): gradient methods and
 * derivative-free methods see the same vector. The backward pass asks a {@link CreditAssignment} rule
 * for the error that reaches each hidden layer; {@link dev.backproplab.core.credit.Backprop} gives the
 * exact gradient.
 *
 * <p>A network keeps the activation and error arrays of each batch size it meets, so steps allocate
 * nothing. Not thread-safe: a network belongs to one thread.
 */
public final class Network {
  private final List<DenseLayer> layers;
  private final int[] widths;
  private final DataType dataType;
  private final INDArray params;
  private final INDArray gradients;
  private final Map<Integer, Batch> batches = new HashMap<>();
  private final Map<Long, PopulationForward> populations = new HashMap<>();

  private Network(List<DenseLayer> layers, DataType dataType) {
    this.layers = List.copyOf(layers);
    this.dataType = dataType;
    widths = new int[layers.size() + 1];
    widths[0] = layers.get(0).nIn();
    long n = 0;
    for (int l = 0; l < layers.size(); l++) {
      widths[l + 1] = layers.get(l).nOut();
      n += layers.get(l).numParams();
    }
    params = Nd4j.create(dataType, 1, n);
    gradients = Nd4j.create(dataType, 1, n);
    long offset = 0;
    for (DenseLayer layer : this.layers) {
      layer.bind(params, gradients, offset);
      offset += layer.numParams();
    }
  }

  /**
   * A multilayer perceptron {@code inputs -> hidden[0] -> ... -> classes} with {@code activation} on
   * the hidden layers and linear logits, initialised from {@code seed}.
   */
  public static Network mlp(
      int inputs, List<Integer> hidden, Activation activation, int classes, DataType dataType, long seed) {
    List<DenseLayer> layers = new ArrayList<>();
    int width = inputs;
    for (int h : hidden) {
      layers.add(new DenseLayer(width, h, activation));
      width = h;
    }
    layers.add(new DenseLayer(width, classes, Activation.IDENTITY));
    Network net = new Network(layers, dataType);
    SplittableRandom rng = new SplittableRandom(seed);
    for (DenseLayer layer : net.layers) {
      layer.initialize(rng);
    }
    return net;
  }

  /** The flat parameter vector {@code [1, numParams]}; writing to it changes the network. */
  public INDArray params() {
    return params;
  }

  /** The flat gradient vector of the last {@link #trainStep}, laid out as {@link #params()}. */
  public INDArray gradients() {
    return gradients;
  }

  public long numParams() {
    return params.length();
  }

  public DataType dataType() {
    return dataType;
  }

  /** The layers, input side first. */
  public List<DenseLayer> layers() {
    return Collections.unmodifiableList(layers);
  }

  /** Layer {@code l} (0-based, input side first). */
  public DenseLayer layer(int l) {
    return layers.get(l);
  }

  /** Number of inputs per example. */
  public int inputs() {
    return widths[0];
  }

  /** Number of classes (width of the logits). */
  public int classes() {
    return widths[widths.length - 1];
  }

  private Batch batch(int size) {
    return batches.computeIfAbsent(size, s -> new Batch(s, widths, dataType));
  }

  /**
   * One forward and backward pass on examples {@code order[from .. from + size)} of {@code data}:
   * fills {@link #gradients()} with the gradient of the batch-mean loss as the rule assigns it, and
   * returns that loss. The parameters are not changed.
   */
  public double trainStep(Examples data, int[] order, int from, int size, CreditAssignment rule) {
    Batch b = batch(size);
    b.load(data, order, from);
    forward(b);
    int top = layers.size();
    double loss =
        SoftmaxCrossEntropy.lossAndDelta(
            b.activationViews[top], b.labels, size, classes(), b.errorViews[top]);
    for (int l = top - 1; l >= 0; l--) {
      DenseLayer layer = layers.get(l);
      layer.parameterGradients(b.activations[l], b.errors[l + 1], b.errorViews[l + 1], size);
      if (l > 0) {
        rule.hiddenError(this, l - 1, b.errors[l + 1], b.errors[top], b.errors[l]);
        layers.get(l - 1).applyActivationDerivative(b.errorViews[l], b.activationViews[l], size * widths[l]);
      }
    }
    return loss;
  }

  /** Mean loss and accuracy over all of {@code data}, in batches of at most {@code batchSize}. */
  public Evaluation evaluate(Examples data, int batchSize) {
    int n = data.size();
    double lossSum = 0.0;
    int correct = 0;
    for (int from = 0; from < n; from += batchSize) {
      int size = Math.min(batchSize, n - from);
      Batch b = batch(size);
      b.load(data, null, from);
      forward(b);
      DataView logits = b.activationViews[layers.size()];
      lossSum += size * SoftmaxCrossEntropy.lossAndDelta(logits, b.labels, size, classes(), null);
      correct += SoftmaxCrossEntropy.correct(logits, b.labels, size, classes());
    }
    return new Evaluation(lossSum / n, (double) correct / n, n);
  }

  /**
   * The batch-mean loss of each of {@code candidates} (parameter vectors laid out as {@link
   * #params()}) on examples {@code order[from .. from + size)} of {@code data} ({@code order} null for
   * {@code from .. from + size)}), evaluated for all candidates at once with stacked products (see
   * {@link PopulationForward}): the way population-based optimizers score a generation. Neither the
   * network's parameters nor its gradients are read or changed.
   */
  public double[] populationLosses(double[][] candidates, Examples data, int[] order, int from, int size) {
    Batch b = batch(size);
    b.load(data, order, from);
    long key = ((long) candidates.length << 32) | size;
    PopulationForward f =
        populations.computeIfAbsent(key, k -> new PopulationForward(this, candidates.length, size));
    return f.losses(candidates, b.activations[0], b.labels);
  }

  private void forward(Batch b) {
    for (int l = 0; l < layers.size(); l++) {
      layers.get(l).forward(b.activations[l], b.activations[l + 1], b.activationViews[l + 1], b.size);
    }
  }
}
