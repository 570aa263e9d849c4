package dev.backproplab.jobs.dataparallel;

import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.DenseLayer;
import dev.backproplab.core.nn.Network;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The one builder of DL4J networks that mirror an engine network: the same layers, activations and
 * loss (softmax cross-entropy), and DL4J's flat parameter layout, which is the engine's, so {@code
 * setParams(engine.params())} gives DL4J the engine's exact weights. Used by data-parallel training
 * and by the benchmarks that compare the engine with DL4J.
 */
public final class Dl4jMirror {
  private Dl4jMirror() {}

  /**
   * DL4J's {@code MultiLayerNetwork} of MLP {@code net} (dense layers only), initialised; copy the
   * weights in with {@code setParams} to start from the engine's.
   *
   * @throws IllegalArgumentException for a network with other than dense layers
   */
  public static MultiLayerNetwork mlp(Network net, Activation activation, IUpdater updater, long seed) {
    NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(net.dataType())
        .updater(updater)
        .list();
    int layers = net.depth();
    for (int l = 0; l < layers; l++) {
      if (!(net.layer(l) instanceof DenseLayer)) {
        throw new IllegalArgumentException("a DL4J mirror is built for MLPs; layer " + l + " is "
            + net.layer(l).describe());
      }
    }
    for (int l = 0; l < layers - 1; l++) {
      b.layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(net.layer(l).inputSize())
          .nOut(net.layer(l).outputSize())
          .activation(org.nd4j.linalg.activations.Activation.valueOf(activation.name())).build());
    }
    b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .nIn(net.layer(layers - 1).inputSize()).nOut(net.classes())
        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build());
    MultiLayerNetwork m = new MultiLayerNetwork(b.build());
    m.init();
    return m;
  }
}
