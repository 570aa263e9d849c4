package dev.backproplab.core.trial;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.BlackboxLayer;
import dev.backproplab.core.nn.Conv2dLayer;
import dev.backproplab.core.nn.DenseLayer;
import dev.backproplab.core.nn.FlattenLayer;
import dev.backproplab.core.nn.ImageShape;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.nn.LogMel;
import dev.backproplab.core.nn.MaxPool2dLayer;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.StatsPoolLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds the network a {@link ModelSpec} describes for a data set's input shape and classes. */
public final class Networks {
  private Networks() {}

  /**
   * The network of {@code model} for examples shaped like {@code train}'s, initialised from {@code seed}.
   *
   * @throws InvalidInputException when a cnn does not fit the data's images
   */
  public static Network build(ModelSpec model, Examples train, DataType type, long seed) {
    return Network.of(layers(model, train), type, seed);
  }

  /**
   * The layers of {@code model} for examples shaped like {@code train}'s, checked to fit each other and
   * the data but not yet given parameters: nothing of the network's size is allocated, so a sweep can
   * check a model far larger than the machine that checks it.
   *
   * @throws InvalidInputException when a cnn does not fit the data's images
   */
  public static List<Layer> layers(ModelSpec model, Examples train) {
    return layers(model, train.sampleShape(), train.numClasses());
  }

  /** {@link #layers(ModelSpec, Examples)} for examples of {@code sampleShape} in {@code classes} classes. */
  public static List<Layer> layers(ModelSpec model, int[] sampleShape, int classes) {
    Activation act = Activation.parse(model.activation());
    if (model.type().equals("mlp")) {
      return withBlackbox(model,
          Network.mlpLayers(Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b), model.hidden(), act, classes));
    }
    List<Layer> layers = new ArrayList<>();
    ImageShape shape;
    if (model.logMel()) {
      int[] s = sampleShape;
      LogMel frontEnd = LogMel.speech16k();
      if (s.length != 1 || s[0] < frontEnd.frameLength()) {
        throw new InvalidInputException("model frontend logmel needs waveforms ([samples], at least "
            + frontEnd.frameLength() + "); this data set's examples are shaped " + Arrays.toString(s));
      }
      layers.addAll(frontEnd.layers(s[0]));
      shape = frontEnd.outputShape(s[0]);
    } else {
      shape = imageShape(sampleShape);
    }
    for (int i = 0; i < model.conv().size(); i++) {
      ModelSpec.ConvSpec c = model.conv().get(i);
      Conv2dLayer conv;
      try {
        conv = new Conv2dLayer(shape, c.filters(), c.kernel(), c.stride(), c.padding(), act);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("model conv[" + i + "] " + c.describe() + " does not fit its input "
            + shape + ": " + e.getMessage());
      }
      layers.add(conv);
      shape = conv.outputShape();
      if (model.pool() > 1) {
        if (shape.height() < model.pool() || shape.width() < model.pool()) {
          throw new InvalidInputException("model pool = " + model.pool() + " does not fit the " + shape
              + " output of conv[" + i + "]");
        }
        MaxPool2dLayer p = new MaxPool2dLayer(shape, model.pool(), model.pool());
        layers.add(p);
        shape = p.outputShape();
      }
    }
    Layer head = model.statsHead() ? new StatsPoolLayer(shape) : new FlattenLayer(shape);
    layers.add(head);
    int width = head.outputSize();
    for (int h : model.hidden()) {
      layers.add(new DenseLayer(width, h, act));
      width = h;
    }
    layers.add(new DenseLayer(width, classes, Activation.IDENTITY));
    return withBlackbox(model, layers);
  }

  /** {@code layers} with the model's blackbox layer inserted after its {@code after}-th dense hidden layer. */
  private static List<Layer> withBlackbox(ModelSpec model, List<Layer> layers) {
    if (model.blackbox() == null) {
      return layers;
    }
    List<Layer> out = new ArrayList<>(layers);
    int dense = 0;
    for (int l = 0; l < out.size(); l++) {
      if (out.get(l) instanceof DenseLayer d && ++dense == model.blackbox().after()) {
        out.add(l + 1, new BlackboxLayer(d.outputSize(), model.blackbox()));
        return out;
      }
    }
    throw new IllegalStateException("no dense hidden layer " + model.blackbox().after() + " in " + model.describe());
  }

  /** {@code [C, H, W]} or {@code [H, W]} as an image; anything else is not an image. */
  static ImageShape imageShape(int[] sampleShape) {
    if (sampleShape.length == 3) {
      return new ImageShape(sampleShape[0], sampleShape[1], sampleShape[2]);
    }
    if (sampleShape.length == 2) {
      return new ImageShape(1, sampleShape[0], sampleShape[1]);
    }
    throw new InvalidInputException("model type cnn needs image data ([channels, height, width]); this data set's"
        + " examples are shaped " + Arrays.toString(sampleShape));
  }
}
