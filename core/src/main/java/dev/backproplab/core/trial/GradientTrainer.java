package dev.backproplab.core.trial;

import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.Updater;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Minibatch training with a gradient updater, the error signals assigned by a credit-assignment rule
 * (exact backprop, or one of its variants). Each epoch visits the training set in a fresh seeded
 * order; a curve point is measured before the first step and after every epoch (or part of one, when
 * the budget ends mid-epoch).
 */
final class GradientTrainer implements Trainer {
  private final Function<Network, CreditAssignment> rule;

  /** @param rule makes the credit-assignment rule for the trial's network */
  GradientTrainer(Function<Network, CreditAssignment> rule) {
    this.rule = rule;
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    GradientConfig cfg = GradientConfig.of(spec.params());
    Examples train = data.train();
    Network net = Network.mlp(train.numFeatures(), spec.model().hidden(),
        Activation.parse(spec.model().activation()), train.numClasses(), cfg.dataType(), spec.seed());
    CreditAssignment credit = rule.apply(net);
    Updater updater = Updater.create(cfg.updater(), net.params());
    DataView params = DataView.of(net.params());
    DataView gradients = DataView.of(net.gradients());
    SplittableRandom shuffle = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    progress.measure(net, null, Diagnostics.NONE);
    while (!progress.exhausted()) {
      shuffle(order, shuffle);
      double lossSum = 0.0;
      long epochSamples = 0;
      for (int from = 0; from < n && !progress.exhausted(); ) {
        int size = Math.min(cfg.batchSize(), n - from);
        double loss = net.trainStep(train, order, from, size, credit);
        if (!Double.isFinite(loss)) {
          throw TrialProgress.diverged("loss became " + loss + " at step " + (progress.steps() + 1));
        }
        updater.apply(params, gradients);
        progress.step(size, 1);
        lossSum += loss * size;
        epochSamples += size;
        from += size;
        if (from >= n) {
          progress.epochDone();
        }
      }
      progress.measure(net, lossSum / epochSamples, Diagnostics.NONE);
    }
  }

  /** Fisher-Yates shuffle from the trial's own generator. */
  static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
