package dev.backproplab.core.trial;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.stopping.StoppingRule;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs one trial: the {@link Trainer} of the spec's method trains until the budget is spent,
 * reporting {@link CurvePoint}s as it measures them; the runner returns one {@link TrialResult}.
 *
 * <p>A NaN or infinite loss ends the trial as {@link TrialStatus#DIVERGED}; an exception inside the
 * trial ends it as {@link TrialStatus#FAILED} with the error; neither escapes. The same spec and data
 * give the same numbers on CPU (with a fixed BLAS thread count): all randomness comes from the spec's
 * seed. Time comes from the injected clocks, so tests control it. A runner may be reused for many
 * trials, one at a time, on one thread.
 */
public final class TrialRunner {
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

  /**
   * Runs {@code spec} on {@code data}, passing each curve point to {@code curve} as it is measured.
   * When {@code data} has no validation split yet, the spec's holdout is taken from its training split
   * first ({@link DataSplit#holdOut}); callers that run many trials hold it out once and pass the result.
   */
  public TrialResult run(TrialSpec spec, DataSplit data, Consumer<CurvePoint> curve) {
    return run(spec, data, curve, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #run(TrialSpec, DataSplit, Consumer)}, but a trial still training after
   * {@code timeLimitSeconds} stops at its next step and ends {@link TrialStatus#TIMED_OUT}, keeping
   * its curve so far. Unlike the budget's {@code seconds}, which is part of the experiment, the limit
   * guards the sweep against a trial that takes far longer than expected.
   */
  public TrialResult run(TrialSpec spec, DataSplit data, Consumer<CurvePoint> curve, double timeLimitSeconds) {
    return run(spec, data, curve, timeLimitSeconds, null);
  }

  /**
   * As {@link #run(TrialSpec, DataSplit, Consumer, double)}, with early stopping: after each whole
   * epoch the trial reports its validation loss and accuracy to {@code rule} (null for none), and ends
   * {@link TrialStatus#STOPPED}, curve kept, when the rule says so.
   */
  public TrialResult run(TrialSpec spec, DataSplit data, Consumer<CurvePoint> curve, double timeLimitSeconds,
      StoppingRule rule) {
    return run(spec, data, () -> spec.config().trainer(), curve, timeLimitSeconds, rule, null);
  }

  /**
   * As {@link #run(TrialSpec, DataSplit, Consumer, double, StoppingRule)}, handing the trained
   * network to {@code model} before returning when the trial ends COMPLETED, STOPPED or TIMED_OUT
   * (the parameters it ended with; a diverged or failed trial has no model to keep).
   */
  public TrialResult run(TrialSpec spec, DataSplit data, Consumer<CurvePoint> curve, double timeLimitSeconds,
      StoppingRule rule, Consumer<SavedModel> model) {
    return run(spec, data, () -> spec.config().trainer(), curve, timeLimitSeconds, rule, model);
  }

  /**
   * Runs {@code spec} with the given {@code trainer} instead of its method's own (one that needs what
   * only the job has, such as the Spark cluster for data-parallel training).
   */
  public TrialResult run(TrialSpec spec, DataSplit data, Trainer trainer, Consumer<CurvePoint> curve,
      double timeLimitSeconds, StoppingRule rule) {
    return run(spec, data, () -> trainer, curve, timeLimitSeconds, rule, null);
  }

  /**
   * As {@link #run(TrialSpec, DataSplit, Trainer, Consumer, double, StoppingRule)}, handing the trained
   * network to {@code model} as {@link #run(TrialSpec, DataSplit, Consumer, double, StoppingRule, Consumer)} does.
   */
  public TrialResult run(TrialSpec spec, DataSplit data, Trainer trainer, Consumer<CurvePoint> curve,
      double timeLimitSeconds, StoppingRule rule, Consumer<SavedModel> model) {
    return run(spec, data, () -> trainer, curve, timeLimitSeconds, rule, model);
  }

  private TrialResult run(TrialSpec spec, DataSplit data, Supplier<Trainer> trainer, Consumer<CurvePoint> curve,
      double timeLimitSeconds, StoppingRule rule, Consumer<SavedModel> model) {
    Instant startedAt = clock.instant();
    if (data.validation() == null) {
      data = data.holdOut(spec.validation());
    }
    TrialProgress progress = new TrialProgress(spec.trialId(), spec.budget(), timeLimitSeconds, rule,
        data, curve, nanoTime);
    TrialStatus status = TrialStatus.COMPLETED;
    String error = null;
    try {
      trainer.get().train(spec, data, progress);
      if (progress.stoppedBecause() != null) {
        status = TrialStatus.STOPPED;
        error = progress.stoppedBecause();
      } else if (progress.timedOut()) {
        status = TrialStatus.TIMED_OUT;
        error = String.format("ran over the time limit of %.1f s", timeLimitSeconds);
      }
    } catch (TrialProgress.Diverged d) {
      status = TrialStatus.DIVERGED;
      error = d.getMessage();
    } catch (RuntimeException | OutOfMemoryError e) {
      status = TrialStatus.FAILED;
      error = describe(e);
    }
    if (model != null && status != TrialStatus.FAILED && status != TrialStatus.DIVERGED
        && progress.network() != null) {
      model.accept(SavedModel.of(spec.trialId(), spec.model(), data.train().sampleShape(), progress.network()));
    }
    return new TrialResult(spec, status, error, progress.epochs(), progress.steps(),
        progress.evaluations(), progress.samplesSeen(), progress.lastTrainLoss(),
        progress.lastValLoss(), progress.lastValAccuracy(), progress.bestValAccuracy(),
        progress.testAccuracyAtBestVal(), progress.lastTestLoss(), progress.lastTestAccuracy(), progress.bestTestAccuracy(),
        progress.elapsed(), startedAt, clock.instant(), data.sha256(), progress.judgements());
  }

  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.toString());
    StackTraceElement[] frames = e.getStackTrace();
    for (int i = 0; i < Math.min(5, frames.length); i++) {
      b.append("\n\tat ").append(frames[i]);
    }
    return b.toString();
  }
}
