package dev.backproplab.core.invert;

import dev.backproplab.core.nn.Conv2dLayer;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.InputPass;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.nn.MaxPool2dLayer;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.Updater;
import dev.backproplab.core.optim.UpdaterSpec;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One input optimisation: a frozen network, an {@link InputObjective} whose targets come from a
 * target input, and the input being optimised, moved by a training updater (SGD, momentum, Adam) on
 * the gradient {@link InputPass#backward} gives. Call {@link #step} repeatedly; {@link #input}
 * holds the current input. The network's parameters are never changed. Single use, one thread.
 */
public final class InputOptimization {
  private final InputObjective objective;
  private final InputPass pass;
  private final INDArray input;
  private final DataView inputView;
  private final Updater updater;
  private final int deepest;
  private final INDArray contentTarget;
  private final INDArray[] gramTargets;
  private final int[] channels;
  private final INDArray[] gradients;

  /**
   * @param net the frozen network
   * @param objective the loss
   * @param target the input whose activations give the targets ({@code net.inputs()} values)
   * @param start the initial input (copied), e.g. noise
   * @param updater the step rule on the input
   */
  public InputOptimization(Network net, InputObjective objective, double[] target, double[] start,
      UpdaterSpec updater) {
    this(net, objective, target, List.of(target), start, updater);
  }

  /**
   * An optimisation whose content and statistics come from different inputs, as in voice conversion:
   * the content target from one input, each Gram target the mean of the Gram matrices of {@code
   * statistics} (a few seconds of a target voice, several clips).
   *
   * @param net the frozen network
   * @param objective the loss
   * @param content the input whose activations give the content target ({@code net.inputs()} values)
   * @param statistics the inputs whose mean Gram matrices give the statistics targets (at least one)
   * @param start the initial input (copied), e.g. noise
   * @param updater the step rule on the input
   */
  public InputOptimization(Network net, InputObjective objective, double[] content, List<double[]> statistics,
      double[] start, UpdaterSpec updater) {
    if (statistics.isEmpty()) {
      throw new IllegalArgumentException("no input gives the statistics targets");
    }
    for (double[] x : concat(content, statistics, start)) {
      if (x.length != net.inputs()) {
        throw new IllegalArgumentException("every target and the start must have " + net.inputs()
            + " values, got " + x.length);
      }
    }
    this.objective = objective;
    this.deepest = objective.deepest();
    if (deepest > net.depth()) {
      throw new IllegalArgumentException("level " + deepest + " is past the network's " + net.depth() + " layers");
    }
    this.pass = net.inputPass(1);
    this.channels = new int[deepest + 1];
    for (int level : objective.gramLevels()) {
      channels[level] = channelsAt(net, level);
    }
    set(pass.input(), content);
    pass.forward(Math.max(deepest, 1));
    contentTarget = objective.contentWeight() > 0 ? pass.activations(objective.contentLevel()).dup() : null;
    gramTargets = new INDArray[deepest + 1];
    for (double[] x : statistics) {
      set(pass.input(), x);
      pass.forward(Math.max(deepest, 1));
      for (int level : objective.gramLevels()) {
        INDArray g = gram(pass.activations(level), channels[level]).divi(statistics.size());
        gramTargets[level] = gramTargets[level] == null ? g : gramTargets[level].addi(g);
      }
    }
    input = Nd4j.create(net.dataType(), 1, net.inputs());
    set(input, start);
    inputView = DataView.of(input);
    this.updater = Updater.create(updater, input);
    gradients = new INDArray[deepest + 1];
  }

  private static List<double[]> concat(double[] content, List<double[]> statistics, double[] start) {
    List<double[]> all = new ArrayList<>(statistics);
    all.add(content);
    all.add(start);
    return all;
  }

  private static int channelsAt(Network net, int level) {
    Layer layer = level >= 1 && level <= net.depth() ? net.layer(level - 1) : null;
    if (layer instanceof Conv2dLayer c) {
      return c.outputShape().channels();
    }
    if (layer instanceof MaxPool2dLayer p) {
      return p.outputShape().channels();
    }
    throw new IllegalArgumentException("Gram level " + level + " is not the output of a convolution or pooling: "
        + (layer == null ? "no such layer" : layer.describe()));
  }

  private static void set(INDArray array, double[] values) {
    DataView v = DataView.of(array);
    for (int i = 0; i < values.length; i++) {
      v.set(i, values[i]);
    }
  }

  /** {@code F F^T / P} for the activations {@code [1, C P]} read as {@code [C, P]}. */
  private static INDArray gram(INDArray activations, int c) {
    INDArray f = activations.reshape('c', c, activations.length() / c);
    return f.mmul(f.transpose()).divi(f.size(1));
  }

  /** The loss at the current input and one step of the updater on it; returns the loss before the step. */
  public double step() {
    return step(1.0);
  }

  /**
   * As {@link #step()}, with the step the updater takes scaled by {@code scale} in (0, 1] (a
   * learning-rate schedule: for SGD, momentum and Adam alike, the move is the learning rate times a
   * direction, so scaling the move scales the learning rate of this step).
   */
  public double step(double scale) {
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException("step scale " + scale + "; expected (0, 1]");
    }
    pass.input().assign(input);
    pass.forward(Math.max(deepest, 1));
    double loss = 0;
    java.util.Arrays.fill(gradients, null);
    if (contentTarget != null) {
      int level = objective.contentLevel();
      INDArray diff = pass.activations(level).sub(contentTarget);
      double n = diff.length();
      loss += objective.contentWeight() * diff.mul(diff).sumNumber().doubleValue() / n;
      gradients[level] = diff.muli(2 * objective.contentWeight() / n);
    }
    for (int level : objective.gramWeight() > 0 ? objective.gramLevels() : List.<Integer>of()) {
      INDArray a = pass.activations(level);
      int c = channels[level];
      INDArray f = a.reshape('c', c, a.length() / c);
      INDArray d = gram(a, c).subi(gramTargets[level]);
      loss += objective.gramWeight() * d.mul(d).sumNumber().doubleValue();
      INDArray g = d.mmul(f).muli(4 * objective.gramWeight() / f.size(1)).reshape('c', 1, a.length());
      gradients[level] = gradients[level] == null ? g : gradients[level].addi(g);
    }
    INDArray grad = pass.backward(gradients);
    INDArray before = scale < 1 ? input.dup() : null;
    updater.apply(inputView, DataView.of(grad));
    if (before != null) {
      input.subi(before).muli(scale).addi(before);
    }
    return loss;
  }

  /** The current input (a copy). */
  public double[] input() {
    return inputView.toArray();
  }
}
