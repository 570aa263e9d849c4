package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.data.Examples;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The small CNN of {@link TestData#smallCnn} against the same network in DL4J (ConvolutionLayer,
 * SubsamplingLayer, DenseLayer, OutputLayer) with identical weights: same loss, same gradients, in
 * double precision. DL4J stores a convolution's bias before its weights; the test maps the layouts.
 */
class ConvDl4jEquivalenceTest {

  @Test
  void lossAndGradientsMatchDl4j() {
    Examples data = TestData.images(10, 31);
    Network net = TestData.smallCnn(DataType.DOUBLE, 8);
    double loss = net.trainStep(data, null, 0, data.size(), new Backprop()).loss();

    MultiLayerNetwork ref = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .seed(1).dataType(DataType.DOUBLE).convolutionMode(ConvolutionMode.Truncate).list()
        .layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(3)
            .activation(org.nd4j.linalg.activations.Activation.TANH).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(4)
            .activation(org.nd4j.linalg.activations.Activation.RELU).build())
        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(5)
            .activation(org.nd4j.linalg.activations.Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
            .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(8, 8, 1))
        .build());
    ref.init();
    assertEquals(net.numParams(), ref.numParams());
    ref.setParams(toDl4j(net, net.params()));
    INDArray x = Nd4j.create(DataType.DOUBLE, data.size(), 64);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, data.size(), 3);
    for (int r = 0; r < data.size(); r++) {
      for (int j = 0; j < 64; j++) {
        x.putScalar(r, j, data.features()[r * 64 + j]);
      }
      y.putScalar(r, data.labels()[r], 1.0);
    }
    ref.setInput(x);
    ref.setLabels(y);
    ref.computeGradientAndScore();
    assertEquals(ref.score(), loss, 1e-10 * Math.abs(loss));
    INDArray expected = ref.gradient().gradient().reshape(1, -1).div(data.size());
    INDArray actual = toDl4j(net, net.gradients());
    double rel = expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
    assertTrue(rel < 1e-8, "relative gradient difference " + rel);
  }

  /** The flat vector in DL4J's layout: each convolution's bias moved before its weights. */
  private static INDArray toDl4j(Network net, INDArray flat) {
    double[] src = flat.toDoubleVector();
    double[] dst = src.clone();
    for (int l = 0; l < net.depth(); l++) {
      if (net.layer(l) instanceof Conv2dLayer) {
        int from = (int) net.paramOffset(l);
        int n = net.layer(l).numParams();
        int nb = (int) net.layer(l).weights().size(0);
        System.arraycopy(src, from + n - nb, dst, from, nb);
        System.arraycopy(src, from, dst, from + nb, n - nb);
      }
    }
    return Nd4j.create(dst, new long[] {1, dst.length}, DataType.DOUBLE);
  }
}
