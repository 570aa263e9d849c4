package dev.backproplab.jobs.search;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.method.Placement;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.dfo.DfoConfig;
import dev.backproplab.core.trial.dfo.DfoTrainer;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.sweep.RunLifecycle;
import dev.backproplab.jobs.sweep.SweepSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One large derivative-free search spread over the cluster (execution mode 2 of docs/design.md; see
 * docs/adr/0007-distributed-population-search.md): the driver owns the ask/tell optimizer and runs
 * the same {@link DfoTrainer} loop as a sweep task would, but each generation's candidates are scored
 * by a {@link SparkEvaluator}, one Spark job per generation. The input is a sweep file that expands to
 * exactly one trial of a method that can run as a search ({@link Placement#SEARCH}); the lock, resume,
 * time limit, early stopping and commit are the {@link RunLifecycle}'s, so its result goes to the same
 * {@code trials} and {@code curves} tables as a sweep's. With the same file and seed the numbers equal
 * those of the trial run by {@code bpl sweep}.
 */
public final class SearchJob {
  private final RunLifecycle lifecycle;
  private final SweepSpec sweep;
  private final String file;
  private final PrintWriter out;

  /**
   * Outcome of a search: the summary, the trial's result (null when an earlier run had finished it)
   * and the evaluation traffic it caused.
   */
  public record Outcome(SweepSummary summary, TrialResult result, long generations, double bytesSentPerGeneration,
      double bytesReceivedPerGeneration, double naiveBytesPerGeneration) {}

  public SearchJob(SweepSpec sweep, String file, String sourceText, ResultsStore store, PrintWriter out) {
    this.lifecycle = new RunLifecycle(sweep, file, sourceText, store, out, "search (population per generation)");
    this.sweep = sweep;
    this.file = file;
    this.out = out;
  }

  /**
   * The single trial of the file, validated as a sweep's trials are.
   *
   * @throws InvalidInputException when the file expands to no or several trials, or names a method
   *     that cannot run as a search
   */
  public TrialSpec validate() {
    if (sweep.methods().stream().anyMatch(b -> b.tune() != null)) {
      throw new InvalidInputException(file + ": a tune: block is a hyperparameter search of many trials: run it"
          + " with bpl sweep (bpl search runs one derivative-free trial across the cluster)");
    }
    List<TrialSpec> trials = lifecycle.validate();
    if (trials.size() != 1) {
      throw new InvalidInputException(file + ": bpl search runs exactly one trial, but the file expands to "
          + trials.size() + " (use one method block, no grid or random search, repeats: 1)");
    }
    TrialSpec t = trials.get(0);
    if (!Catalogue.METHODS.get(t.method()).placements().contains(Placement.SEARCH)) {
      List<String> searchable = Catalogue.METHODS.all().stream()
          .filter(m -> m.placements().contains(Placement.SEARCH)).map(m -> m.name()).toList();
      throw new InvalidInputException(file + ": bpl search runs a derivative-free method " + searchable
          + ", not " + t.method() + " (gradient methods: bpl sweep)");
    }
    return t;
  }

  /** Runs {@code trial} with its generations evaluated as Spark jobs of {@code partitions} tasks. */
  public Outcome run(SparkSession spark, TrialSpec trial, int partitions) throws IOException {
    List<SparkEvaluator> made = new ArrayList<>();
    List<TrialResult> results = new ArrayList<>();
    SweepSummary summary;
    try {
      summary = lifecycle.run(spark, List.of(trial), new RunLifecycle.DriverTrials() {
        @Override
        public boolean runsOnDriver(TrialSpec t) {
          return true;
        }

        @Override
        public Trainer trainer(TrialSpec t, JavaSparkContext sc) {
          return new DfoTrainer((DfoConfig) t.config(), (spec, net, train) -> {
            SparkEvaluator e = new SparkEvaluator(sc, spec, partitions);
            made.add(e);
            return e;
          });
        }

        @Override
        public void measured(CurvePoint p) {
          out.printf("  samples %,d  val acc %.4f  test acc %.4f  best fitness %s  sigma %.4g%n",
              p.samplesSeen(), p.valAccuracy(), p.testAccuracy(), p.bestFitness(), p.sigma());
          out.flush();
        }

        @Override
        public void finished(TrialResult result) {
          results.add(result);
        }
      });
    } finally {
      made.forEach(SparkEvaluator::close);
    }
    SparkEvaluator.Traffic t = made.isEmpty() ? new SparkEvaluator.Traffic() : made.get(0).traffic();
    return new Outcome(summary, results.isEmpty() ? null : results.get(0), t.generations(), t.sentPerGeneration(), t.receivedPerGeneration(),
        t.naivePerGeneration());
  }
}
