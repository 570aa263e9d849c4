package dev.backproplab.jobs.sweep;

import dev.backproplab.core.method.Placement;
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
 * commits and progress are the {@link RunLifecycle}'s.
 */
public final class SweepJob {
  private final RunLifecycle lifecycle;

  /**
   * @param sweep the parsed sweep
   * @param file the sweep file's name, for messages
   * @param sourceText the sweep file as written, kept with the results
   * @param store where results go
   * @param out where progress lines go
   */
  public SweepJob(SweepSpec sweep, String file, String sourceText, ResultsStore store, PrintWriter out) {
    this.lifecycle = new RunLifecycle(sweep, file, sourceText, store, out, "sweep (trial per task)");
  }

  /** See {@link RunLifecycle#validate()}. */
  public List<TrialSpec> validate() {
    return lifecycle.validate();
  }

  /** Runs {@code trials}, as {@link #validate()} returned them; returns the summary of this run's trials. */
  public SweepSummary run(SparkSession spark, List<TrialSpec> trials) throws IOException {
    return lifecycle.run(spark, trials, new RunLifecycle.DriverTrials() {
      @Override
      public boolean runsOnDriver(TrialSpec trial) {
        return Catalogue.METHODS.get(trial.method()).placement() == Placement.CLUSTER;
      }

      @Override
      public Trainer trainer(TrialSpec trial, JavaSparkContext sc) {
        return trial.config().trainer();
      }
    });
  }
}
