package dev.backproplab.jobs.sweep;

import dev.backproplab.core.sweep.SearchBlock;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.core.tune.Objective;
import dev.backproplab.core.tune.Tuner;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The searches of a sweep's {@code tune:} blocks, run by the {@link RunLifecycle} after the sweep's
 * other trials: each search's {@link Tuner} on the driver, each generation's configurations run as
 * trials through the lifecycle's {@link RunLifecycle.Generations} (one Spark job, one task per trial;
 * committed ones replayed). A FAILED, DIVERGED or TIMED_OUT trial is told as the worst value; a trial early
 * stopping ended (STOPPED) is told the value it had when it stopped.
 */
final class TuneSearches implements RunLifecycle.Searches {
  /** Statuses whose trials have no objective value: told to the optimizer as the worst. */
  static final Set<TrialStatus> WORST = EnumSet.of(TrialStatus.FAILED, TrialStatus.DIVERGED, TrialStatus.TIMED_OUT);

  private final List<SearchBlock> searches;
  private final PrintWriter out;

  TuneSearches(List<SearchBlock> searches, PrintWriter out) {
    this.searches = List.copyOf(searches);
    this.out = out;
  }

  @Override
  public List<String> ids() {
    return searches.stream().map(SearchBlock::searchId).toList();
  }

  @Override
  public int trials() {
    return searches.stream().mapToInt(s -> s.tune().trials()).sum();
  }

  @Override
  public void run(RunLifecycle.Generations generations) {
    for (SearchBlock s : searches) {
      Objective objective = s.tune().objective();
      Tuner.Result r = new Tuner(s.tune(), s.seed()).run(candidates -> {
        List<TrialSpec> trials = candidates.stream().map(s::trial).toList();
        List<TrialOutcome> outcomes = generations.run(trials);
        double[] values = new double[outcomes.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = value(objective, outcomes.get(i));
        }
        return values;
      });
      out.printf("search %s (%s, %s): %d trials in %d generations, best %s %s%s%s%n", s.searchId(),
          s.block().method(), s.tune().optimizer().id(), r.trials(), r.generations(), objective.metric(),
          Double.isNaN(r.bestValue()) ? "-" : String.format("%.4f", r.bestValue()),
          r.best() == null ? "" : " at " + r.best(),
          r.stop().isEmpty() ? "" : "; the optimizer stopped early: " + r.stop());
      out.flush();
    }
  }

  /** The objective value of {@code o}; NaN (the worst) for a trial that ended without one. */
  static double value(Objective objective, TrialOutcome o) {
    return WORST.contains(o.status()) ? Double.NaN : objective.value(o.valLoss(), o.valAccuracy(), o.bestValAccuracy());
  }
}
