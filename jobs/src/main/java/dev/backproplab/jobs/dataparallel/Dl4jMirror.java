package dev.backproplab.jobs.dataparallel;

import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.trial.ModelSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The one builder of DL4J networks that mirror the engine's network of a {@link ModelSpec}: the same
 * layers (DL4J's {@code ConvolutionLayer}, {@code SubsamplingLayer}, {@code DenseLayer}), activations
 * and loss (softmax cross-entropy). For an MLP DL4J's flat parameter layout is the engine's, so {@code
 * setParams(engine.params())} gives DL4J the engine's exact weights. Used by data-parallel training and
 * by the benchmarks that compare the engine with DL4J.
 */
public final class Dl4jMirror {
  private Dl4jMirror() {}

  /**
   * DL4J's {@code MultiLayerNetwork} of {@code model} for examples shaped {@code sampleShape} ({@code
   * [channels, height, width]} or {@code [height, width]} for a cnn; an MLP takes all of their features)
   * in {@code classes} classes, initialised.
   */
  public static MultiLayerNetwork of(ModelSpec model, int[] sampleShape, int classes, IUpdater updater,
      DataType type, long seed) {
    org.nd4j.linalg.activations.Activation act =
        org.nd4j.linalg.activations.Activation.valueOf(Activation.parse(model.activation()).name());
    NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
        .seed(seed).dataType(type).updater(updater).convolutionMode(ConvolutionMode.Truncate).list();
    for (ModelSpec.ConvSpec c : model.conv()) {
      b.layer(new ConvolutionLayer.Builder(c.kernel(), c.kernel()).stride(c.stride(), c.stride())
          .padding(c.padding(), c.padding()).nOut(c.filters()).activation(act).build());
      if (model.pool() > 1) {
        b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(model.pool(), model.pool()).stride(model.pool(), model.pool()).build());
      }
    }
    for (int h : model.hidden()) {
      b.layer(new DenseLayer.Builder().nOut(h).activation(act).build());
    }
    b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build());
    b.setInputType(model.type().equals("cnn")
        ? InputType.convolutionalFlat(sampleShape[sampleShape.length - 2], sampleShape[sampleShape.length - 1],
            sampleShape.length == 3 ? sampleShape[0] : 1)
        : InputType.feedForward(java.util.Arrays.stream(sampleShape).reduce(1, Math::multiplyExact)));
    MultiLayerNetwork m = new MultiLayerNetwork(b.build());
    m.init();
    return m;
  }
}
