package dev.backproplab.core.trial;

import dev.backproplab.core.credit.AlignmentProbe;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.data.Shuffle;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.optim.Updater;

/**
 * Minibatch training with a gradient updater, the error signals assigned by a credit-assignment rule
 * (exact backprop, or one of its variants). Each epoch visits the training set in a fresh seeded
 * order; a curve point is measured before the first step and after every epoch (or part of one, when
 * the budget ends mid-epoch).
 *
 * <p>Settings that apply to every rule (see {@link CreditConfig}): {@code error_bits} below 32
 * quantises its error signals (with {@code rounding}); {@code derivative: false} drops the activation
 * derivative; {@code diagnostics_every = k > 0} measures, on steps 1,
 * k + 1, 2k + 1, ..., the rule's alignment with backprop, the update norms and the feedback angles
 * ({@link AlignmentProbe}) and records them as an extra curve point with the test loss and no train
 * loss. The probe's extra backward pass is not counted in samples_seen. With diagnostics off nothing
 * extra runs.
 */
final class GradientTrainer implements Trainer {
  private final CreditConfig config;

  GradientTrainer(CreditConfig config) {
    this.config = config;
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    GradientConfig cfg = config.gradient();
    Examples train = data.train();
    Seeds seeds = spec.seeds();
    Network net = Networks.build(spec.model(), train, cfg.dataType(), seeds.seed(Seeds.Stream.INIT));
    CreditAssignment credit = config.rule(net, seeds.random(Seeds.Stream.FEEDBACK), seeds.random(Seeds.Stream.NOISE));
    int every = config.diagnosticsEvery();
    AlignmentProbe probe = every > 0 ? new AlignmentProbe(net) : null;
    Updater updater = Updater.create(cfg.updater(), net.params());
    DataView params = DataView.of(net.params());
    DataView gradients = DataView.of(net.gradients());
    Shuffle shuffle = new Shuffle(train.size(), seeds.random(Seeds.Stream.SHUFFLE));
    int n = train.size();
    progress.measure(net, null, Diagnostics.NONE);
    while (!progress.exhausted()) {
      int[] order = shuffle.next();
      double lossSum = 0.0;
      long epochSamples = 0;
      for (int from = 0; from < n && !progress.exhausted(); ) {
        int size = Math.min(cfg.batchSize(), n - from);
        boolean diagnose = probe != null && progress.steps() % every == 0;
        if (diagnose) {
          probe.recordBackprop(train, order, from, size);
        }
        TrainingStep step = net.trainStep(train, order, from, size, credit);
        double loss = step.loss();
        if (!Double.isFinite(loss)) {
          throw TrialProgress.diverged("loss became " + loss + " at step " + (progress.steps() + 1));
        }
        double[] angles = null;
        if (diagnose) {
          angles = probe.angles(step);
          probe.snapshotParams();
        }
        updater.apply(params, gradients);
        credit.afterUpdate(step);
        progress.step(size, 1);
        lossSum += loss * size;
        epochSamples += size;
        from += size;
        if (from >= n) {
          progress.epochDone();
        }
        if (diagnose) {
          progress.measure(net, null,
              new Diagnostics(angles, probe.updateNorms(), null, null, null, credit.feedbackAngles(net)));
        }
      }
      progress.measure(net, lossSum / epochSamples, Diagnostics.NONE);
    }
  }
}
