package dev.backproplab.core.invert;

import dev.backproplab.core.nn.Conv2dLayer;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.ImageShape;
import dev.backproplab.core.nn.InputPass;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.nn.MaxPool2dLayer;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.Updater;
import dev.backproplab.core.optim.UpdaterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One input optimisation: frozen networks, each with an {@link InputObjective} whose targets come from
 * target inputs, and the one input being optimised, moved by a training updater (SGD, momentum, Adam)
 * on the sum of the gradients {@link InputPass#backward} gives through each network. Usually one network
 * makes the whole loss; voice conversion may take the content from one network and the statistics from
 * another (a word and a speaker classifier), both reading the same input (Chorowski, Weiss, Saurous &amp;
 * Bengio, ICASSP 2018, take both from one network trained on content and speakers alike). Call {@link
 * #step} repeatedly; {@link #input} holds the current input. The networks' parameters are never changed.
 * Single use, one thread.
 */
public final class InputOptimization {
  private final List<Part> parts = new ArrayList<>();
  private final INDArray input;
  private final DataView inputView;
  private final Updater updater;

  /**
   * One network's term of the loss and the inputs its targets come from.
   *
   * @param net the frozen network
   * @param objective its part of the loss
   * @param content the input whose activations give the content target ({@code net.inputs()} values); it may
   *     be null when the objective has no content term
   * @param statistics the inputs whose mean Gram matrices give the statistics targets (at least one when the
   *     objective has Gram terms)
   */
  public record Term(Network net, InputObjective objective, double[] content, List<double[]> statistics) {
    /** Validates and copies the list. */
    public Term {
      statistics = List.copyOf(statistics);
      if (objective.contentWeight() > 0 && content == null) {
        throw new IllegalArgumentException("the objective has a content term but no input gives its target");
      }
      if (objective.gramWeight() > 0 && !objective.gramLevels().isEmpty() && statistics.isEmpty()) {
        throw new IllegalArgumentException("no input gives the statistics targets");
      }
    }
  }

  /**
   * @param net the frozen network
   * @param objective the loss
   * @param target the input whose activations give the targets ({@code net.inputs()} values)
   * @param start the initial input (copied), e.g. noise
   * @param updater the step rule on the input
   */
  public InputOptimization(Network net, InputObjective objective, double[] target, double[] start,
      UpdaterSpec updater) {
    this(List.of(new Term(net, objective, target, List.of(target))), start, updater);
  }

  /**
   * An optimisation whose loss is the sum of {@code terms}, each on its own network, all reading the one
   * input: as in voice conversion, the content target from one input, each Gram target the mean of the
   * Gram matrices of several (a few seconds of a target voice).
   *
   * @param terms the loss's terms (at least one); every network reads inputs of the same size
   * @param start the initial input (copied), e.g. noise
   * @param updater the step rule on the input
   */
  public InputOptimization(List<Term> terms, double[] start, UpdaterSpec updater) {
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("an input optimisation needs at least one term");
    }
    for (Term t : terms) {
      if (start.length != t.net().inputs()) {
        throw new IllegalArgumentException("every network must read the start's " + start.length + " values, got "
            + t.net().inputs());
      }
      parts.add(new Part(t));
    }
    Network first = terms.get(0).net();
    input = Nd4j.create(first.dataType(), 1, first.inputs());
    set(input, start);
    inputView = DataView.of(input);
    this.updater = Updater.create(updater, input);
  }

  /** One network's share of the loss: its pass, targets and per-level gradients. */
  private static final class Part {
    private final InputObjective objective;
    private final InputPass pass;
    private final int deepest;
    private final INDArray contentTarget;
    private final INDArray[] gramTargets;
    private final ImageShape[] shapes;
    private final INDArray[] gradients;

    Part(Term term) {
      Network net = term.net();
      List<double[]> inputs = new ArrayList<>(term.statistics());
      if (term.content() != null) {
        inputs.add(term.content());
      }
      for (double[] x : inputs) {
        if (x.length != net.inputs()) {
          throw new IllegalArgumentException("every target and the start must have " + net.inputs()
              + " values, got " + x.length);
        }
      }
      this.objective = term.objective();
      this.deepest = objective.deepest();
      if (deepest > net.depth()) {
        throw new IllegalArgumentException("level " + deepest + " is past the network's " + net.depth() + " layers");
      }
      this.pass = net.inputPass(1);
      this.shapes = new ImageShape[deepest + 1];
      for (int level : objective.gramLevels()) {
        shapes[level] = shapeAt(net, level);
      }
      INDArray content = null;
      if (objective.contentWeight() > 0) {
        set(pass.input(), term.content());
        pass.forward(Math.max(deepest, 1));
        content = pass.activations(objective.contentLevel()).dup();
      }
      contentTarget = content;
      gramTargets = new INDArray[deepest + 1];
      for (double[] x : objective.gramWeight() > 0 ? term.statistics() : List.<double[]>of()) {
        set(pass.input(), x);
        pass.forward(Math.max(deepest, 1));
        for (int level : objective.gramLevels()) {
          INDArray f = features(pass.activations(level), level);
          INDArray g = f.mmul(f.transpose()).divi(f.size(1)).divi(term.statistics().size());
          gramTargets[level] = gramTargets[level] == null ? g : gramTargets[level].addi(g);
        }
      }
      gradients = new INDArray[deepest + 1];
    }

    /**
     * The activations {@code [1, C H W]} at a Gram level as the matrix {@code F} whose rows are the features
     * and whose columns are the positions averaged over: {@code [C, H W]} (every position of the map), or
     * over time {@code [C W, H]} (each channel at each frequency a feature, the frames the positions).
     */
    private INDArray features(INDArray activations, int level) {
      ImageShape s = shapes[level];
      if (!objective.gramOverTime()) {
        return activations.reshape('c', s.channels(), (long) s.height() * s.width());
      }
      return activations.reshape('c', s.channels(), s.height(), s.width()).permute(0, 2, 1).dup('c')
          .reshape('c', (long) s.channels() * s.width(), s.height());
    }

    /** The inverse of {@link #features}: a matrix shaped as {@code F} back as activations {@code [1, C H W]}. */
    private INDArray activationsOf(INDArray f, int level) {
      ImageShape s = shapes[level];
      INDArray map = objective.gramOverTime()
          ? f.reshape('c', s.channels(), s.width(), s.height()).permute(0, 2, 1).dup('c') : f;
      return map.reshape('c', 1, (long) s.channels() * s.height() * s.width());
    }

    /**
     * This part's loss at {@code x}, and its gradient with respect to {@code x} as the pass's input error
     * array (valid until this part's next call).
     */
    Loss loss(INDArray x) {
      pass.input().assign(x);
      pass.forward(Math.max(deepest, 1));
      double loss = 0;
      Arrays.fill(gradients, null);
      if (contentTarget != null) {
        int level = objective.contentLevel();
        INDArray diff = pass.activations(level).sub(contentTarget);
        double n = diff.length();
        loss += objective.contentWeight() * diff.mul(diff).sumNumber().doubleValue() / n;
        gradients[level] = diff.muli(2 * objective.contentWeight() / n);
      }
      for (int level : objective.gramWeight() > 0 ? objective.gramLevels() : List.<Integer>of()) {
        INDArray f = features(pass.activations(level), level);
        INDArray d = f.mmul(f.transpose()).divi(f.size(1)).subi(gramTargets[level]);
        loss += objective.gramWeight() * d.mul(d).sumNumber().doubleValue();
        INDArray g = activationsOf(d.mmul(f).muli(4 * objective.gramWeight() / f.size(1)), level);
        gradients[level] = gradients[level] == null ? g : gradients[level].addi(g);
      }
      return new Loss(loss, pass.backward(gradients));
    }
  }

  private record Loss(double value, INDArray gradient) {}

  private static ImageShape shapeAt(Network net, int level) {
    Layer layer = level >= 1 && level <= net.depth() ? net.layer(level - 1) : null;
    if (layer instanceof Conv2dLayer c) {
      return c.outputShape();
    }
    if (layer instanceof MaxPool2dLayer p) {
      return p.outputShape();
    }
    throw new IllegalArgumentException("Gram level " + level + " is not the output of a convolution or pooling: "
        + (layer == null ? "no such layer" : layer.describe()));
  }

  private static void set(INDArray array, double[] values) {
    DataView.of(array).copyFrom(values, 0, 0, values.length);
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
    double loss = 0;
    INDArray grad = null;
    for (Part part : parts) {
      Loss l = part.loss(input);
      loss += l.value();
      if (grad == null) {
        grad = parts.size() == 1 ? l.gradient() : l.gradient().dup();
      } else {
        grad.addi(l.gradient().castTo(grad.dataType()));
      }
    }
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
