package dev.backproplab.core.nn;

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
 * A feed-forward classifier: a sequence of {@link Layer}s (dense, conv2d, max-pool, flatten, stats-pool,
 * blackbox) ending in a dense layer of logits, trained on the softmax cross-entropy averaged over the batch.
 *
 * <p>All parameters live in one flat buffer ({@link #params()}), layer after layer (each W column-major,
 * then b), with one gradient buffer of the same layout ({@link #gradients()}): gradient methods and
 * derivative-free methods see the same vector. The backward pass asks a {@link HiddenErrorRule} (a
 * credit-assignment rule) for the error that reaches each hidden layer, handing it the step being
 * trained ({@link TrainingStep}: the batch's arrays and the layer operations); the rule {@code bp}
 * gives the exact gradient.
 *
 * <p>A network keeps the activation and error arrays of each batch size it meets, so steps allocate
 * nothing. Not thread-safe: a network belongs to one thread.
 */
public final class Network {
  private final List<Layer> layers;
  private final int[] widths;
  /** Index of the lowest layer with parameters: no error signal is needed below it. */
  private final int firstTrainable;
  private final DataType dataType;
  private final INDArray params;
  private final INDArray gradients;
  private final Map<Integer, Batch> batches = new HashMap<>();
  private final long[] offsets;

  private Network(List<? extends Layer> layers, DataType dataType) {
    if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof DenseLayer top)
        || top.activation() != Activation.IDENTITY) {
      throw new IllegalArgumentException("a network ends in a dense layer of logits (identity activation)");
    }
    this.layers = List.copyOf(layers);
    this.dataType = dataType;
    widths = new int[layers.size() + 1];
    widths[0] = layers.get(0).inputSize();
    offsets = new long[layers.size() + 1];
    int first = -1;
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      if (layer.inputSize() != widths[l]) {
        throw new IllegalArgumentException("layer " + l + " " + layer.describe() + " takes "
            + layer.inputSize() + " inputs but receives " + widths[l]);
      }
      widths[l + 1] = layer.outputSize();
      offsets[l + 1] = offsets[l] + layer.numParams();
      if (first < 0 && layer.numParams() > 0) {
        first = l;
      }
    }
    firstTrainable = first;
    long n = offsets[layers.size()];
    params = Nd4j.create(dataType, 1, n);
    gradients = Nd4j.create(dataType, 1, n);
    for (int l = 0; l < layers.size(); l++) {
      this.layers.get(l).bind(params, gradients, offsets[l]);
    }
  }

  /**
   * A network of the given layers (the last a dense layer with identity activation: the logits),
   * initialised from {@code seed}.
   */
  public static Network of(List<? extends Layer> layers, DataType dataType, long seed) {
    Network net = new Network(layers, dataType);
    SplittableRandom rng = new SplittableRandom(seed);
    for (Layer layer : net.layers) {
      layer.initialize(rng);
    }
    return net;
  }

  /**
   * A multilayer perceptron {@code inputs -> hidden[0] -> ... -> classes} with {@code activation} on
   * the hidden layers and linear logits, initialised from {@code seed}.
   */
  public static Network mlp(
      int inputs, List<Integer> hidden, Activation activation, int classes, DataType dataType, long seed) {
    return of(mlpLayers(inputs, hidden, activation, classes), dataType, seed);
  }

  /** The layers of {@link #mlp}, without parameters yet (layers hold only their shapes until a network owns them). */
  public static List<Layer> mlpLayers(int inputs, List<Integer> hidden, Activation activation, int classes) {
    List<Layer> layers = new ArrayList<>();
    int width = inputs;
    for (int h : hidden) {
      layers.add(new DenseLayer(width, h, activation));
      width = h;
    }
    layers.add(new DenseLayer(width, classes, Activation.IDENTITY));
    return layers;
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
  public List<Layer> layers() {
    return Collections.unmodifiableList(layers);
  }

  /** Layer {@code l} (0-based, input side first). */
  public Layer layer(int l) {
    return layers.get(l);
  }

  /** Number of layers, the logits layer included. */
  public int depth() {
    return layers.size();
  }

  /** Offset of layer {@code l}'s parameters in the flat buffer ({@code l = depth()} gives the total). */
  public long paramOffset(int l) {
    return offsets[l];
  }

  /** Features per example at the output of layer {@code l}. */
  public int width(int l) {
    return widths[l + 1];
  }

  /** Index of the lowest layer with parameters. */
  public int firstTrainable() {
    return firstTrainable;
  }

  /** The network's blackbox layer, or null when it has none. */
  public BlackboxLayer blackbox() {
    for (Layer layer : layers) {
      if (layer instanceof BlackboxLayer b) {
        return b;
      }
    }
    return null;
  }

  /** Number of inputs per example. */
  public int inputs() {
    return widths[0];
  }

  /** Number of classes (width of the logits). */
  public int classes() {
    return widths[widths.length - 1];
  }

  /** The arrays of batch size {@code size}, made on first use. */
  Batch batch(int size) {
    return batches.computeIfAbsent(size, s -> new Batch(s, widths, dataType));
  }

  /**
   * One forward and backward pass on examples {@code order[from .. from + size)} of {@code data}:
   * fills {@link #gradients()} with the gradient of the batch-mean loss as the rule assigns it, and
   * returns the step (its loss, arrays and layer operations; valid until the next step of this batch
   * size). The parameters are not changed.
   */
  public TrainingStep trainStep(Examples data, int[] order, int from, int size, HiddenErrorRule rule) {
    Batch b = batch(size);
    TrainingStep step = b.step(this);
    b.load(data, order, from);
    forward(b);
    int top = layers.size();
    double loss =
        SoftmaxCrossEntropy.lossAndDelta(
            b.activationViews[top], b.labels, size, classes(), b.errorViews[top]);
    for (int l = top - 1; l >= 0; l--) {
      Layer layer = layers.get(l);
      layer.parameterGradients(b.activations[l], b.errors[l + 1], b.errorViews[l + 1], size);
      if (l > firstTrainable) {
        rule.hiddenError(step, l - 1, b.errors[l + 1], b.errors[top], b.errors[l]);
        if (rule.activationDerivative()) {
          layers.get(l - 1).applyActivationDerivative(b.errorViews[l], b.activationViews[l], size * widths[l]);
        }
      }
    }
    step.finish(loss);
    return step;
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
   * A forward and backward pass on inputs the caller writes, with the loss at any levels of
   * activations: the engine for optimising the input of a frozen network (inversion, texture
   * synthesis). Shares the arrays of batch size {@code batchSize} with {@link #trainStep} and {@link
   * #evaluate}.
   */
  public InputPass inputPass(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("Invalid batch size " + batchSize);
    }
    return new InputPass(this, batch(batchSize));
  }

  /**
   * Carries the error at the pre-activations of the lowest layer with parameters down to the input
   * by exact backprop: {@code b.errors[0]}.
   */
  void propagateToInput(Batch b) {
    backwardFrom(b, firstTrainable);
  }

  /**
   * Exact backprop from {@code b.errors[top + 1]} (the error at layer top's pre-activations) down to
   * {@code b.errors[0]}; at each level below {@code top} the optional {@code injected} gradient
   * (indexed by level, may be null or hold nulls) is added to the error at the activations before the
   * activation derivative is applied.
   */
  void backwardFrom(Batch b, int top, INDArray... injected) {
    for (int l = top; l >= 0; l--) {
      layers.get(l).propagate(b.activations[l], b.errors[l + 1], b.errors[l], b.size);
      if (l < injected.length && injected[l] != null) {
        b.errors[l].addi(injected[l]);
      }
      if (l > 0) {
        layers.get(l - 1).applyActivationDerivative(b.errorViews[l], b.activationViews[l], b.size * widths[l]);
      }
    }
  }

  /** Forward pass through the layers below {@code level}: activations 1 .. level. */
  void forward(Batch b, int level) {
    for (int l = 0; l < level; l++) {
      layers.get(l).forward(b.activations[l], b.activations[l + 1], b.activationViews[l + 1], b.size);
    }
  }

  private void forward(Batch b) {
    forward(b, layers.size());
  }
}
