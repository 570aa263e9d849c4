package dev.backproplab.jobs.search;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.dfo.DfoParams;
import dev.backproplab.core.trial.dfo.DfoTrainer;
import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.SweepRecord;
import dev.backproplab.jobs.store.RunContext;
import dev.backproplab.jobs.sweep.DataCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One large derivative-free search spread over the cluster (execution mode 2 of DESIGN.md; see
 * docs/adr/0007-distributed-population-search.md): the driver owns the ask/tell optimizer and runs
 * the same {@link DfoTrainer} loop as a sweep task would, but each generation's candidates are scored
 * by a {@link SparkEvaluator}, one Spark job per generation. The input is a sweep file that expands to
 * exactly one trial of a derivative-free method; its result goes to the same {@code trials} and
 * {@code curves} tables as a sweep's, so the two are queried alike. With the same file and seed the
 * numbers equal those of the trial run by {@code bpl sweep}.
 */
public final class SearchJob {
  private final SweepSpec sweep;
  private final String file;
  private final String sourceText;
  private final ResultsStore store;
  private final PrintWriter out;

  /** Outcome of a search: the trial's result and the evaluation traffic it caused. */
  public record Outcome(TrialResult result, long generations, double bytesSentPerGeneration,
      double bytesReceivedPerGeneration, double naiveBytesPerGeneration) {}

  public SearchJob(SweepSpec sweep, String file, String sourceText, ResultsStore store, PrintWriter out) {
    this.sweep = sweep;
    this.file = file;
    this.sourceText = sourceText;
    this.store = store;
    this.out = out;
  }

  /**
   * The single derivative-free trial of the file, its data set loaded.
   *
   * @throws InvalidInputException when the file expands to no or several trials, or names a method
   *     that is not derivative-free
   */
  public TrialSpec validate() {
    List<TrialSpec> trials = SweepExpander.expand(sweep, file);
    if (trials.size() != 1) {
      throw new InvalidInputException(file + ": bpl search runs exactly one trial, but the file expands to "
          + trials.size() + " (use one method block, no grid or random search, repeats: 1)");
    }
    TrialSpec t = trials.get(0);
    if (!DfoParams.METHODS.contains(t.method())) {
      throw new InvalidInputException(file + ": bpl search runs a derivative-free method "
          + DfoParams.METHODS + ", not " + t.method() + " (gradient methods: bpl sweep)");
    }
    DataSplit data = DataCache.get(sweep.dataset(), sweep.validation());
    out.printf("search %s: %s on %s (%d train examples), model %s, budget %s%n", sweep.name(),
        t.method(), data.name(), data.train().size(), t.model().describe(), t.budget().describe());
    return t;
  }

  /** Runs {@code trial} with its generations evaluated as Spark jobs of {@code partitions} tasks. */
  public Outcome run(SparkSession spark, TrialSpec trial, int partitions) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    store.checkWritable(conf);
    ResultsStore.Committed before = store.committed(sweep.name(), conf).get(trial.trialId());
    int attempt = before == null ? 1 : before.attempt() + 1;
    store.writeSweepFile(sweep.name(),
        SweepRecord.yaml(sweep.name(), "search (population per generation)", file, sourceText, List.of(trial),
            spark.sparkContext()), conf);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<SparkEvaluator> made = new ArrayList<>();
    DfoTrainer trainer = new DfoTrainer(trial.method(), (spec, net, train) -> {
      SparkEvaluator e = new SparkEvaluator(sc, spec, partitions);
      made.add(e);
      return e;
    });
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult result;
    try {
      result = new TrialRunner().run(trial, DataCache.get(trial.dataset(), trial.validation()), trainer, p -> {
        curve.add(p);
        out.printf("  samples %,d  val acc %.4f  test acc %.4f  best fitness %s  sigma %.4g%n", p.samplesSeen(),
            p.valAccuracy(), p.testAccuracy(), p.bestFitness(), p.sigma());
      }, Double.POSITIVE_INFINITY, null);
    } finally {
      made.forEach(SparkEvaluator::close);
    }
    String driver = "driver@" + spark.sparkContext().getConf().get("spark.driver.host", "localhost");
    store.commit(result, curve, new RunContext(attempt, driver, null, BuildInfo.version()), conf);
    SparkEvaluator.Traffic t = made.isEmpty() ? new SparkEvaluator.Traffic() : made.get(0).traffic();
    return new Outcome(result, t.generations(), t.sentPerGeneration(), t.receivedPerGeneration(),
        t.naivePerGeneration());
  }

}
