package dev.backproplab.core.trial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.data.Shuffle;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.optim.Updater;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every credit rule trains its hidden layers: the first hidden layer's weights move, and the network
 * reaches an accuracy that training the output layer alone (a rule that sends zero error to hidden
 * layers) does not reach, on a task whose labels need learned hidden features (the class is the
 * direction, among four, with the largest squared projection of the input).
 */
class RulesLearnTest {
  private static final int D = 8;
  private static final Examples TRAIN = quadratic(1500, 11);
  private static final Examples TEST = quadratic(1000, 12);
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(12), "tanh");
  private static final int EPOCHS = 25;
  private static double outputOnlyAccuracy;

  /** Labels: argmax_c (u_c . x)^2 for four fixed random directions u_c: no linear map separates them. */
  static Examples quadratic(int n, long seed) {
    SplittableRandom dirs = new SplittableRandom(5);
    double[][] u = new double[4][D];
    for (double[] row : u) {
      for (int j = 0; j < D; j++) {
        row[j] = dirs.nextGaussian();
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * D];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < D; j++) {
        x[i * D + j] = (float) rng.nextGaussian();
      }
      double best = -1;
      for (int c = 0; c < 4; c++) {
        double s = 0;
        for (int j = 0; j < D; j++) {
          s += u[c][j] * x[i * D + j];
        }
        if (s * s > best) {
          best = s * s;
          y[i] = c;
        }
      }
    }
    return new Examples(x, y, new int[] {D}, 4);
  }

  /** Sends no error to any hidden layer: only the output layer learns. */
  static final class OutputLayerOnly implements CreditAssignment {
    @Override
    public void hiddenError(TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta,
        INDArray errorOut) {
      errorOut.assign(0);
    }
  }

  /** Trains {@code net} with {@code rule}; returns {test accuracy, relative change of W_0}. */
  static double[] train(Network net, CreditAssignment rule, CreditConfig params) {
    GradientConfig cfg = params.gradient();
    INDArray w0 = net.layer(0).weights().dup();
    Updater updater = Updater.create(cfg.updater(), net.params());
    DataView p = DataView.of(net.params());
    DataView g = DataView.of(net.gradients());
    int n = TRAIN.size();
    Shuffle shuffle = new Shuffle(n, new SplittableRandom(3));
    for (int e = 0; e < EPOCHS; e++) {
      int[] order = shuffle.next();
      for (int from = 0; from < n; from += cfg.batchSize()) {
        TrainingStep step = net.trainStep(TRAIN, order, from, Math.min(cfg.batchSize(), n - from), rule);
        updater.apply(p, g);
        rule.afterUpdate(step);
      }
    }
    double moved = net.layer(0).weights().sub(w0).norm2Number().doubleValue() / w0.norm2Number().doubleValue();
    return new double[] {net.evaluate(TEST, 500).accuracy(), moved};
  }

  static CreditConfig params(String method, String extra) {
    Map<String, Object> p = new HashMap<>(Map.of("optimizer", "momentum", "lr", 0.05));
    if (extra != null) {
      for (String kv : extra.split(" ")) {
        String[] a = kv.split("=");
        p.put(a[0], a[1].matches("[0-9]+") ? (Object) Long.parseLong(a[1])
            : a[1].matches("[0-9.]+") ? (Object) Double.parseDouble(a[1]) : a[1]);
      }
    }
    return (CreditConfig) Trials.resolve(method, p, "test").config();
  }

  static Network network(CreditConfig params) {
    return Networks.build(MLP, TRAIN, params.dataType(), 21);
  }

  /** The trial's rule as a trial of seed 17 would make it. */
  static CreditAssignment rule(CreditConfig params, Network net) {
    Seeds seeds = new Seeds(17);
    return params.rule(net, seeds.random(Seeds.Stream.FEEDBACK), seeds.random(Seeds.Stream.NOISE));
  }

  @BeforeAll
  static void outputLayerAlone() {
    CreditConfig p = params("bp", null);
    outputOnlyAccuracy = train(network(p), new OutputLayerOnly(), p)[0];
  }

  @Test
  void theOutputLayerAloneLeavesHiddenWeightsAndAccuracyBehind() {
    CreditConfig p = params("bp", null);
    double[] r = train(network(p), new OutputLayerOnly(), p);
    assertTrue(r[1] == 0.0, "hidden weights moved by " + r[1]);
    assertTrue(outputOnlyAccuracy < 0.75, "output layer alone reaches " + outputOnlyAccuracy);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "bp,", "fa,", "dfa,", "arbp,", "asrbp,", "sparse-rbp,", "sign-symmetry,", "fa,error_bits=3",
    "dfa,error_bits=1", "fa,error_bits=2 rounding=stochastic", "sparse-rbp,density=0.1"
  })
  void eachRuleTrainsItsHiddenLayer(String method, String extra) {
    CreditConfig p = params(method, extra);
    Network net = network(p);
    double[] r = train(net, rule(p, net), p);
    assertTrue(r[1] > 0.05, method + " " + extra + ": first hidden layer moved by " + r[1]);
    assertTrue(r[0] > outputOnlyAccuracy + 0.2, method + " " + extra + ": accuracy " + r[0]
        + ", the output layer alone " + outputOnlyAccuracy);
  }

  @Test
  void adaptiveFeedbackKeepsItsDistanceToTheWeightsUnderPlainSgdAtTheSameRate() {
    CreditConfig p = params("arbp", "optimizer=sgd lr=0.05 feedback_lr=0.05");
    Network net = network(p);
    dev.backproplab.core.credit.AdaptiveRbp rule =
        (dev.backproplab.core.credit.AdaptiveRbp) rule(p, net);
    INDArray gap = rule.feedback(1).sub(net.layer(1).weights());
    double[] r = train(net, rule, p);
    INDArray after = rule.feedback(1).sub(net.layer(1).weights());
    assertTrue(r[1] > 0.05, "weights moved " + r[1]);
    assertTrue(gap.equalsWithEps(after, 1e-4), "B - W drifted by "
        + gap.sub(after).norm2Number() + " of " + gap.norm2Number());
  }
}
