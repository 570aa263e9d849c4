package dev.backproplab.jobs.sweep;

import dev.backproplab.core.method.Placement;
import dev.backproplab.core.sweep.SearchBlock;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.store.ResultsStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The sweep job (execution mode 1 of docs/design.md): each trial where its method runs ({@link
 * Placement}): one Spark task per trial, or, for methods whose one trial spans the cluster ({@code
 * bp-dataparallel}), from the driver after the others. The lock, resume, time limit, early stopping,
 * commits and progress are the {@link RunLifecycle}'s. A method block with a {@code tune:} is a search whose
 * generations run after the other trials ({@link TuneSearches}).
 */
public final class SweepJob {
  private final RunLifecycle lifecycle;
  private final SweepSpec sweep;
  private final String file;
  private final PrintWriter out;

  /**
   * @param sweep the parsed sweep
   * @param file the sweep file's name, for messages
   * @param sourceText the sweep file as written, kept with the results
   * @param store where results go
   * @param out where progress lines go
   */
  public SweepJob(SweepSpec sweep, String file, String sourceText, ResultsStore store, PrintWriter out) {
    this.lifecycle = new RunLifecycle(sweep, file, sourceText, store, out, "sweep (trial per task)");
    this.sweep = sweep;
    this.file = file;
    this.out = out;
  }

  /** See {@link RunLifecycle#validate()}. */
  public List<TrialSpec> validate() {
    return lifecycle.validate();
  }

  /**
   * Trials at the ends of every search's space ({@link SearchBlock#probes()}): what sizes the executors
   * for the trials the searches will ask for.
   */
  public List<TrialSpec> searchProbes() {
    return SweepExpander.searches(sweep, Catalogue.METHODS, file).stream().flatMap(s -> s.probes().stream()).toList();
  }

  /**
   * Runs {@code trials}, as {@link #validate()} returned them, then the searches of the file's {@code tune:}
   * blocks; returns the summary of this run's trials.
   */
  public SweepSummary run(SparkSession spark, List<TrialSpec> trials) throws IOException {
    List<SearchBlock> searches = SweepExpander.searches(sweep, Catalogue.METHODS, file);
    return lifecycle.run(spark, trials, new RunLifecycle.DriverTrials() {
      @Override
      public boolean runsOnDriver(TrialSpec trial) {
        return Catalogue.METHODS.get(trial.method()).placement() == Placement.CLUSTER;
      }

      @Override
      public Trainer trainer(TrialSpec trial, JavaSparkContext sc) {
        return trial.config().trainer();
      }
    }, searches.isEmpty() ? null : new TuneSearches(searches, out));
  }
}
