package dev.backproplab.core.trial;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.BlackboxLayer;
import dev.backproplab.core.nn.Evaluation;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.stopping.StoppingRule;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The running account of one trial, kept by the {@link TrialRunner} and fed by its {@link Trainer}:
 * steps, epochs, loss evaluations and samples seen so far, the budget, and the curve. Not thread-safe.
 */
public final class TrialProgress {
  /** Validation and test evaluation batch size: large batches make evaluation cheap. */
  static final int EVAL_BATCH = 1000;

  private final Budget budget;
  private final double timeLimitSeconds;
  private boolean timedOut;
  private final String trialId;
  private final StoppingRule stoppingRule;
  private int lastReportedEpoch;
  private String stoppedBecause;
  private final DataSplit data;
  private final Consumer<CurvePoint> curve;
  private final LongSupplier nanoTime;
  private final long start;
  private Network lastMeasured;
  private int epochs;
  private long steps;
  private long evaluations;
  private long samplesSeen;
  private double lastTrainLoss = Double.NaN;
  private double lastValLoss = Double.NaN;
  private double lastValAccuracy = Double.NaN;
  private double bestValAccuracy = Double.NaN;
  private double testAccuracyAtBestVal = Double.NaN;
  private double lastTestLoss = Double.NaN;
  private double lastTestAccuracy = Double.NaN;
  private double bestTestAccuracy = Double.NaN;
  private Judgements judgements = Judgements.NONE;

  TrialProgress(String trialId, Budget budget, double timeLimitSeconds, StoppingRule stoppingRule,
      DataSplit data, Consumer<CurvePoint> curve, LongSupplier nanoTime) {
    this.trialId = trialId;
    this.budget = budget;
    this.timeLimitSeconds = timeLimitSeconds;
    this.stoppingRule = stoppingRule;
    this.data = data;
    this.curve = curve;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  /**
   * True once the budget (epochs, samples or seconds) is spent, or the trial has run past its time
   * limit (the trial then ends TIMED_OUT rather than COMPLETED).
   */
  /** The network of the last {@link #measure}: the trained model once the trainer returns (null before). */
  Network network() {
    return lastMeasured;
  }

  public boolean exhausted() {
    double t = elapsed();
    if (t >= timeLimitSeconds) {
      timedOut = true;
    }
    return timedOut || stoppedBecause != null || budget.exhausted(epochs, samplesSeen, t);
  }

  /** Why an early-stopping rule stopped the trial, or null. */
  String stoppedBecause() {
    return stoppedBecause;
  }

  /** Whether the time limit ended the trial. */
  boolean timedOut() {
    return timedOut;
  }

  /**
   * Accounts for one optimizer step that pushed {@code samples} training examples through forward
   * passes in {@code evaluations} loss evaluations.
   */
  public void step(long samples, long evaluations) {
    steps++;
    samplesSeen += samples;
    this.evaluations += evaluations;
  }

  /** Accounts for a completed pass over the training set. */
  public void epochDone() {
    epochs++;
  }

  /**
   * Evaluates {@code net} on the validation and test splits and records a curve point with {@code
   * trainLoss} (null when none was measured since the last point) and the diagnostics. The early
   * stopping rule, if any, sees the validation figures only.
   *
   * @throws RuntimeException from {@link #diverged} when the validation or test loss is not finite
   */
  public void measure(Network net, Double trainLoss, Diagnostics d) {
    lastMeasured = net;
    Evaluation v = net.evaluate(data.validation(), EVAL_BATCH);
    Evaluation e = net.evaluate(data.test(), EVAL_BATCH);
    if (!Double.isFinite(v.loss()) || !Double.isFinite(e.loss())) {
      throw diverged("validation loss became " + v.loss() + " and test loss " + e.loss() + " after step " + steps);
    }
    if (trainLoss != null) {
      lastTrainLoss = trainLoss;
    }
    lastValLoss = v.loss();
    lastValAccuracy = v.accuracy();
    if (Double.isNaN(bestValAccuracy) || v.accuracy() > bestValAccuracy) {
      bestValAccuracy = v.accuracy();
      testAccuracyAtBestVal = e.accuracy();
    }
    lastTestLoss = e.loss();
    lastTestAccuracy = e.accuracy();
    bestTestAccuracy =
        Double.isNaN(bestTestAccuracy) ? e.accuracy() : Math.max(bestTestAccuracy, e.accuracy());
    BlackboxLayer bb = net.blackbox();
    curve.accept(new CurvePoint(steps, (double) samplesSeen / data.train().size(), samplesSeen,
        evaluations, elapsed(), trainLoss, v.loss(), v.accuracy(), e.loss(), e.accuracy(),
        d.alignmentAngles(), d.updateNorms(), d.sigma(), d.bestFitness(), d.fitnessSpread(),
        d.feedbackAngles(), d.moduleStaleness(), d.moduleGradientNorms(), bb == null ? null : bb.estimationCalls(),
        bb == null || Double.isNaN(bb.lastAngle()) ? null : bb.lastAngle()));
    if (stoppingRule != null && epochs > lastReportedEpoch) {
      lastReportedEpoch = epochs;
      stoppedBecause = stoppingRule.report(trialId, epochs, v.loss(), v.accuracy());
    }
  }

  /**
   * Records a curve point of {@code trainLoss} alone, with no evaluation on the validation and test
   * splits: for a trial whose loss is not the network's classification loss (an input optimisation's
   * feature loss), whose accuracy columns stay NaN.
   */
  public void record(double trainLoss) {
    lastTrainLoss = trainLoss;
    curve.accept(new CurvePoint(steps, (double) samplesSeen / data.train().size(), samplesSeen, evaluations,
        elapsed(), trainLoss, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null, null, null, null, null));
  }

  /** Records what judge models said of the trial's inputs (an input-optimisation trial's), for its row. */
  public void judged(Judgements j) {
    judgements = java.util.Objects.requireNonNull(j, "judgements");
  }

  Judgements judgements() {
    return judgements;
  }

  /** The exception a trainer throws when its loss leaves the finite numbers: the trial ends DIVERGED. */
  public static RuntimeException diverged(String message) {
    return new Diverged(message);
  }

  /** Whether {@code e} is the exception {@link #diverged} makes (a trainer that passes errors on keeps their kind). */
  public static boolean isDivergence(Throwable e) {
    return e instanceof Diverged;
  }

  double elapsed() {
    return (nanoTime.getAsLong() - start) / 1e9;
  }

  public int epochs() {
    return epochs;
  }

  public long steps() {
    return steps;
  }

  public long evaluations() {
    return evaluations;
  }

  public long samplesSeen() {
    return samplesSeen;
  }

  double lastTrainLoss() {
    return lastTrainLoss;
  }

  double lastValLoss() {
    return lastValLoss;
  }

  double lastValAccuracy() {
    return lastValAccuracy;
  }

  double bestValAccuracy() {
    return bestValAccuracy;
  }

  double testAccuracyAtBestVal() {
    return testAccuracyAtBestVal;
  }

  double lastTestLoss() {
    return lastTestLoss;
  }

  double lastTestAccuracy() {
    return lastTestAccuracy;
  }

  double bestTestAccuracy() {
    return bestTestAccuracy;
  }

  /** The loss left the finite numbers. */
  static final class Diverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Diverged(String message) {
      super(message, null, false, false);
    }
  }
}
