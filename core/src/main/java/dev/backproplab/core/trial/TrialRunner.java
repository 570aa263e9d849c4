package dev.backproplab.core.trial;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Evaluation;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.Updater;
import java.time.Clock;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs one trial: builds the network from the spec's seed, trains it with the spec's method until
 * the budget is spent, and reports a {@link CurvePoint} before the first step, after every epoch and
 * at the end, then one {@link TrialResult}.
 *
 * <p>A NaN or infinite loss ends the trial as {@link TrialStatus#DIVERGED}; an exception inside the
 * trial ends it as {@link TrialStatus#FAILED} with the error; neither escapes. The same spec and data
 * give the same numbers on CPU (with a fixed BLAS thread count): all randomness comes from the spec's
 * seed. Time comes from the injected clocks, so tests control it. A runner may be reused for many
 * trials, one at a time, on one thread.
 */
public final class TrialRunner {
  /** Test-set evaluation batch size: large batches make evaluation cheap. */
  static final int EVAL_BATCH = 1000;

  private final LongSupplier nanoTime;
  private final Clock clock;

  /** A runner on the system clocks. */
  public TrialRunner() {
    this(System::nanoTime, Clock.systemUTC());
  }

  /** A runner on the given clocks (monotonic nanoseconds for budgets, wall clock for timestamps). */
  public TrialRunner(LongSupplier nanoTime, Clock clock) {
    this.nanoTime = nanoTime;
    this.clock = clock;
  }

  /** Runs {@code spec} on {@code data}, passing each curve point to {@code curve} as it is measured. */
  public TrialResult run(TrialSpec spec, DataSplit data, Consumer<CurvePoint> curve) {
    Run run = new Run(spec, data, curve);
    try {
      run.train();
      return run.result(TrialStatus.COMPLETED, null);
    } catch (Diverged d) {
      return run.result(TrialStatus.DIVERGED, d.getMessage());
    } catch (RuntimeException | OutOfMemoryError e) {
      return run.result(TrialStatus.FAILED, describe(e));
    }
  }

  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.toString());
    StackTraceElement[] frames = e.getStackTrace();
    for (int i = 0; i < Math.min(5, frames.length); i++) {
      b.append("\n\tat ").append(frames[i]);
    }
    return b.toString();
  }

  /** The state of one trial as it trains. */
  private final class Run {
    final TrialSpec spec;
    final DataSplit data;
    final Consumer<CurvePoint> curve;
    final Instant startedAt = clock.instant();
    final long start = nanoTime.getAsLong();
    int epochs;
    long steps;
    long samplesSeen;
    double lastTrainLoss = Double.NaN;
    double lastTestLoss = Double.NaN;
    double lastTestAccuracy = Double.NaN;
    double bestTestAccuracy = Double.NaN;

    Run(TrialSpec spec, DataSplit data, Consumer<CurvePoint> curve) {
      this.spec = spec;
      this.data = data;
      this.curve = curve;
    }

    double elapsed() {
      return (nanoTime.getAsLong() - start) / 1e9;
    }

    void train() {
      GradientConfig cfg = GradientConfig.of(spec.params());
      Examples train = data.train();
      Network net =
          Network.mlp(train.numFeatures(), spec.model().hidden(),
              Activation.parse(spec.model().activation()), train.numClasses(), cfg.dataType(),
              spec.seed());
      CreditAssignment rule = new Backprop();
      Updater updater = Updater.create(cfg.updater(), net.params());
      DataView params = DataView.of(net.params());
      DataView gradients = DataView.of(net.gradients());
      SplittableRandom shuffle = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
      int n = train.size();
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      measure(net, null);
      Budget budget = spec.budget();
      while (!budget.exhausted(epochs, samplesSeen, elapsed())) {
        shuffle(order, shuffle);
        double lossSum = 0.0;
        long epochSamples = 0;
        for (int from = 0; from < n && !budget.exhausted(epochs, samplesSeen, elapsed()); ) {
          int size = Math.min(cfg.batchSize(), n - from);
          double loss = net.trainStep(train, order, from, size, rule);
          if (!Double.isFinite(loss)) {
            throw new Diverged("loss became " + loss + " at step " + (steps + 1));
          }
          updater.apply(params, gradients);
          steps++;
          samplesSeen += size;
          lossSum += loss * size;
          epochSamples += size;
          from += size;
          if (from >= n) {
            epochs++;
          }
        }
        lastTrainLoss = lossSum / epochSamples;
        measure(net, lastTrainLoss);
      }
    }

    void measure(Network net, Double trainLoss) {
      Evaluation e = net.evaluate(data.test(), EVAL_BATCH);
      if (!Double.isFinite(e.loss())) {
        throw new Diverged("test loss became " + e.loss() + " after step " + steps);
      }
      lastTestLoss = e.loss();
      lastTestAccuracy = e.accuracy();
      bestTestAccuracy =
          Double.isNaN(bestTestAccuracy) ? e.accuracy() : Math.max(bestTestAccuracy, e.accuracy());
      curve.accept(
          CurvePoint.of(steps, (double) samplesSeen / data.train().size(), samplesSeen, steps,
              elapsed(), trainLoss, e.loss(), e.accuracy()));
    }

    TrialResult result(TrialStatus status, String error) {
      return new TrialResult(spec, status, error, epochs, steps, steps, samplesSeen, lastTrainLoss,
          lastTestLoss, lastTestAccuracy, bestTestAccuracy, elapsed(), startedAt, clock.instant(),
          data.sha256());
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

  /** The loss left the finite numbers. */
  private static final class Diverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Diverged(String message) {
      super(message, null, false, false);
    }
  }
}
