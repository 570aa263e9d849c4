package dev.backproplab.core.trial;

import dev.backproplab.core.credit.AlignmentProbe;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.QuantizedErrors;
import dev.backproplab.core.credit.Quantizer;
import dev.backproplab.core.credit.WithoutDerivative;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.Updater;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Minibatch training with a gradient updater, the error signals assigned by a credit-assignment rule
 * (exact backprop, or one of its variants). Each epoch visits the training set in a fresh seeded
 * order; a curve point is measured before the first step and after every epoch (or part of one, when
 * the budget ends mid-epoch).
 *
 * <p>Parameters that apply to every rule when the method declares them: {@code error_bits} below 32
 * wraps the rule in {@link QuantizedErrors} (with {@code rounding}); {@code derivative: false} in
 * {@link WithoutDerivative}; {@code diagnostics_every = k > 0} measures, on steps 1,
 * k + 1, 2k + 1, ..., the rule's alignment with backprop, the update norms and the feedback angles
 * ({@link AlignmentProbe}) and records them as an extra curve point with the test loss and no train
 * loss. The probe's extra backward pass is not counted in samples_seen. With diagnostics off nothing
 * extra runs.
 */
final class GradientTrainer implements Trainer {
  private final BiFunction<Network, TrialSpec, CreditAssignment> rule;

  /** @param rule makes the credit-assignment rule for the trial's network */
  GradientTrainer(Function<Network, CreditAssignment> rule) {
    this((net, spec) -> rule.apply(net));
  }

  /** @param rule makes the credit-assignment rule for the trial's network from the trial's spec */
  GradientTrainer(BiFunction<Network, TrialSpec, CreditAssignment> rule) {
    this.rule = rule;
  }

  /** The random source of a rule's feedback: from the trial's seed, a stream apart from the weights'. */
  static SplittableRandom feedbackRandom(long seed) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
  }

  /**
   * {@code rule} wrapped in {@link WithoutDerivative} when {@code derivative} is false, and in {@link
   * QuantizedErrors} when {@code error_bits} is below 32 (its stochastic rounding drawn from a stream
   * of the trial's seed apart from the feedback's).
   */
  static CreditAssignment withChannel(CreditAssignment rule, java.util.Map<String, String> params, long seed) {
    CreditAssignment r = "false".equals(params.get("derivative")) ? new WithoutDerivative(rule) : rule;
    int bits = Integer.parseInt(params.getOrDefault("error_bits", "32"));
    if (bits >= 32) {
      return r;
    }
    Quantizer.Rounding rounding = Quantizer.Rounding.parse(params.getOrDefault("rounding", "nearest"));
    return new QuantizedErrors(r, bits, rounding, new SplittableRandom(seed ^ 0x3C6EF372FE94F82BL));
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    GradientConfig cfg = GradientConfig.of(spec.params());
    Examples train = data.train();
    Network net = Networks.build(spec.model(), train, cfg.dataType(), spec.seed());
    CreditAssignment credit = withChannel(rule.apply(net, spec), spec.params(), spec.seed());
    int every = Integer.parseInt(spec.params().getOrDefault("diagnostics_every", "0"));
    AlignmentProbe probe = every > 0 ? new AlignmentProbe(net) : null;
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
        boolean diagnose = probe != null && progress.steps() % every == 0;
        if (diagnose) {
          probe.recordBackprop(train, order, from, size);
        }
        double loss = net.trainStep(train, order, from, size, credit);
        if (!Double.isFinite(loss)) {
          throw TrialProgress.diverged("loss became " + loss + " at step " + (progress.steps() + 1));
        }
        double[] angles = null;
        if (diagnose) {
          angles = probe.angles();
          probe.snapshotParams();
        }
        updater.apply(params, gradients);
        credit.afterUpdate(net);
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
