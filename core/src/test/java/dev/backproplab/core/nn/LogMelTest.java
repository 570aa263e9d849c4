package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The log-mel front end: its layers against a plain computation of the same features (a direct DFT
 * sum per frame), its input gradient against finite differences (alone and under a convolutional
 * classifier), and the filterbank's shape.
 */
class LogMelTest {

  /** Log-mel features by plain loops: window, direct DFT sum, power, filterbank, log. */
  static double[][] reference(LogMel m, double[] x) {
    int t = m.frames(x.length);
    double[] w = m.hannWindow();
    double[][] fb = m.filterbank();
    double[][] out = new double[t][m.melBands()];
    for (int f = 0; f < t; f++) {
      double[] power = new double[m.bins()];
      for (int k = 0; k < m.bins(); k++) {
        double re = 0;
        double im = 0;
        for (int n = 0; n < m.frameLength(); n++) {
          double v = x[f * m.hop() + n] * w[n];
          re += v * Math.cos(2 * Math.PI * k * n / m.frameLength());
          im -= v * Math.sin(2 * Math.PI * k * n / m.frameLength());
        }
        power[k] = re * re + im * im;
      }
      for (int b = 0; b < m.melBands(); b++) {
        double e = 0;
        for (int k = 0; k < m.bins(); k++) {
          e += power[k] * fb[k][b];
        }
        out[f][b] = Math.log(e + m.floor());
      }
    }
    return out;
  }

  private static Network classifier(LogMel m, int samples, DataType type) {
    List<Layer> layers = new ArrayList<>(m.layers(samples));
    ImageShape img = m.outputShape(samples);
    Conv2dLayer conv = new Conv2dLayer(img, 2, 3, 1, 1, Activation.TANH);
    FlattenLayer flat = new FlattenLayer(conv.outputShape());
    layers.add(conv);
    layers.add(flat);
    layers.add(new DenseLayer(flat.outputSize(), 3, Activation.IDENTITY));
    return Network.of(layers, type, 11);
  }

  @Test
  void theLayersComputeThePlainLogMelFeaturesOfSpeechSizedClips() {
    LogMel m = LogMel.speech16k();
    int samples = 4_000;
    Network net = classifier(m, samples, DataType.DOUBLE);
    InputPass pass = net.inputPass(2);
    SplittableRandom rng = new SplittableRandom(3);
    double[][] x = new double[2][samples];
    DataView in = DataView.of(pass.input());
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < samples; i++) {
        x[b][i] = 0.3 * Math.sin(2 * Math.PI * (440 + 660 * b) * i / 16_000.0) + 0.01 * rng.nextGaussian();
        in.set(b * samples + i, x[b][i]);
      }
    }
    pass.forward(5);
    DataView features = DataView.of(pass.activations(5));
    int t = m.frames(samples);
    assertEquals(t * m.melBands(), net.width(4));
    double worst = 0;
    for (int b = 0; b < 2; b++) {
      double[][] ref = reference(m, x[b]);
      for (int f = 0; f < t; f++) {
        for (int k = 0; k < m.melBands(); k++) {
          worst = Math.max(worst, Math.abs(ref[f][k] - features.get((b * t + f) * m.melBands() + k)));
        }
      }
    }
    assertTrue(worst < 1e-8, "largest difference from the plain computation " + worst);
  }

  /** A 1 kHz tone puts its energy in the band whose triangle peaks nearest 1 kHz. */
  @Test
  void aToneLandsInItsMelBand() {
    LogMel m = LogMel.speech16k();
    double[] x = new double[1_600];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(2 * Math.PI * 1_000 * i / 16_000.0);
    }
    double[] frame = reference(m, x)[0];
    int best = 0;
    for (int b = 1; b < frame.length; b++) {
      best = frame[b] > frame[best] ? b : best;
    }
    double step = (LogMel.mel(m.maxHz()) - LogMel.mel(m.minHz())) / (m.melBands() + 1);
    double peak = LogMel.hz(LogMel.mel(m.minHz()) + step * (best + 1));
    assertTrue(Math.abs(peak - 1_000) < 60, "band " + best + " peaks at " + peak + " Hz");
  }

  @Test
  void theFilterbankIsTrianglesThatCoverTheBand() {
    LogMel m = LogMel.speech16k();
    double[][] fb = m.filterbank();
    assertEquals(m.bins(), fb.length);
    for (int b = 0; b < m.melBands(); b++) {
      double max = 0;
      for (double[] row : fb) {
        assertTrue(row[b] >= 0 && row[b] <= 1);
        max = Math.max(max, row[b]);
      }
      assertTrue(max > 0.3, "filter " + b + " reaches a bin: " + max);
    }
    assertEquals(1_000, LogMel.hz(LogMel.mel(1_000)), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> new LogMel(16_000, 400, 160, 40, 20, 9_000, 1e-6));
  }

  @Test
  void theFrontEndInputGradientMatchesFiniteDifferences() {
    LogMel small = new LogMel(1_000, 16, 8, 4, 0, 500, 1e-2);
    Network net = classifier(small, 64, DataType.DOUBLE);
    for (int level = 1; level <= 5; level++) {
      InputGradientCheckTest.checkHiddenLoss(net, 2, new int[] {level}, 50 + level);
    }
    InputGradientCheckTest.checkHiddenLoss(net, 2, new int[] {3, 5, 7}, 61);
  }
}
