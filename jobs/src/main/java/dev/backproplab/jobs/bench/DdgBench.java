package dev.backproplab.jobs.bench;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.core.trial.ddg.Split;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.sweep.Threads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Wall time per epoch of decoupled parallel backprop ({@code ddg}, K = 1 .. 4 modules on K threads)
 * against {@code bp} on the same cores, with 1 and with 2 BLAS threads (the baseline is the faster
 * of the two), through the real trainers: one trial per configuration and round, rounds interleaved
 * (configuration after configuration, round after round) so that machine noise hits all alike. A
 * ddg trial of K modules runs at {@code max(1, cores / K)} BLAS threads, as a Spark task of {@code
 * cores} cores gives it, and at one where that differs (K = 1 then stands beside bp at each thread
 * count: on a busy machine two BLAS threads are slower than one). The time of an epoch is the trial's wall time from its first curve point to
 * its last, divided by its epochs: the measurement after each epoch (on the small validation and
 * test splits the bench makes) is included, building the network and the first measurement are not.
 * The process's CPU seconds over the same span stand beside it: the work a configuration costs
 * (ddg adds the hand-offs and, under {@code current}, a second forward pass of each stale module),
 * a figure a busy machine disturbs far less than wall time.
 * At K = 2 the bench also runs each choice of delayed weights as a barrier trial does ({@code
 * execution: barrier}): each module on a thread of its own, linked to the other by TCP on the
 * loopback interface, so the row against the threaded K = 2 row is what the barrier transport costs
 * per epoch (copying each minibatch's activations and errors into frames, the socket round trips,
 * the receivers' reader threads); Spark's scheduling of the barrier stage and the address exchange
 * come once per trial, not per epoch, and are not in it.
 * Beside each ddg row stands the most its cut at layer boundaries allows ({@link Split#speedupBound}):
 * on 784-256-256-10 the first layer is most of the work, so the bench also runs MLPs where two
 * modules balance (784-512-512-10 under {@code forward}, 784-800-800-10 under both).
 */
public final class DdgBench {
  /**
   * One configuration: a label, its method, modules, delayed weights and execution (ddg; null for bp),
   * BLAS threads.
   */
  public record Config(String label, String method, int modules, String delayedWeights, String execution,
      int blasThreads) {}

  /**
   * One configuration's seconds per epoch over the rounds (median, min, max), the median CPU seconds
   * per epoch, its final test accuracy (last round), and the most its cut can speed a step up over bp
   * ({@link Split#speedupBound}; 1 for bp).
   */
  public record Row(Config config, double median, double min, double max, double cpuMedian, double testAccuracy,
      double bound) {}

  private final DataSplit data;
  private final ModelSpec model;
  private final int batch;
  private final int epochs;
  private final int rounds;
  private final int cores;

  /**
   * @param data train, validation and test splits (keep the last two small: they are measured every epoch)
   * @param model the network
   * @param batch minibatch size
   * @param epochs epochs per trial
   * @param rounds measured rounds (one more, shorter, warms up)
   * @param cores the cores a task would own: bp at 1 and at this many BLAS threads, ddg at cores / K
   */
  public DdgBench(DataSplit data, ModelSpec model, int batch, int epochs, int rounds, int cores) {
    this.data = data;
    this.model = model;
    this.batch = batch;
    this.epochs = epochs;
    this.rounds = rounds;
    this.cores = cores;
  }

  /** The largest K the model allows: a module per layer with weights. */
  public int modulesPossible() {
    return model.conv().size() + model.hidden().size() + 1;
  }

  /**
   * bp at 1 and {@code cores} BLAS threads, then ddg at K = 1 .. {@code maxModules} (at most {@link
   * #modulesPossible()}), from K = 2 with each choice of delayed weights, each K at one BLAS thread
   * and at {@code cores / K} (the budget a job gives its modules), where the two differ: so K = 1,
   * bp's arithmetic on the pipeline, stands beside bp at each thread count.
   */
  public List<Config> configs(int maxModules) {
    List<Config> c = new ArrayList<>();
    c.add(new Config("bp, 1 BLAS thread", "bp", 1, null, null, 1));
    if (cores > 1) {
      c.add(new Config("bp, " + cores + " BLAS threads", "bp", 1, null, null, cores));
    }
    for (int k = 1; k <= Math.min(maxModules, modulesPossible()); k++) {
      for (int blas : IntStream.of(1, Math.max(1, cores / k)).distinct().toArray()) {
        String threads = ", " + blas + " BLAS thread" + (blas > 1 ? "s" : "");
        for (String weights : k == 1 ? List.of("current") : List.of("current", "forward")) {
          c.add(new Config("ddg K=" + k + (k == 1 ? "" : " " + weights) + threads, "ddg", k, weights, "threads",
              blas));
        }
      }
      if (k == 2) {
        for (String weights : List.of("current", "forward")) {
          c.add(new Config("ddg K=2 " + weights + ", barrier (TCP)", "ddg", 2, weights, "barrier", 1));
        }
      }
    }
    return c;
  }

  /** Runs every configuration {@code rounds} times, interleaved, after a warm-up round of one epoch. */
  public List<Row> run(List<Config> configs) {
    for (Config c : configs) {
      seconds(c, 1);
    }
    double[][] times = new double[configs.size()][rounds];
    double[][] cpu = new double[configs.size()][rounds];
    double[] accuracy = new double[configs.size()];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < configs.size(); i++) {
        double[] m = seconds(configs.get(i), epochs);
        times[i][r] = m[0];
        cpu[i][r] = m[1];
        accuracy[i] = m[2];
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      TrainBench.Measure t = new TrainBench.Measure(configs.get(i).label(), times[i]);
      rows.add(new Row(configs.get(i), t.median(), t.min(), t.max(), new TrainBench.Measure("", cpu[i]).median(),
          accuracy[i], bound(configs.get(i))));
    }
    return rows;
  }

  /** The speed-up bound of {@code c}'s balanced cut on the model's layers (bp and K = 1: 1). */
  double bound(Config c) {
    if (c.modules() == 1) {
      return 1;
    }
    List<Layer> layers = Networks.build(model, data.train(), DataType.FLOAT, 1).layers();
    boolean recompute = c.delayedWeights().equals("current");
    return Split.speedupBound(layers, Split.balanced(layers, c.modules(), recompute), recompute);
  }

  /** Seconds and CPU seconds per epoch and the final test accuracy of one trial of {@code c}. */
  private double[] seconds(Config c, int epochs) {
    Threads.useBlasThreads(c.blasThreads());
    Map<String, Object> params = new HashMap<>(Map.of("optimizer", "adam", "lr", 1e-3, "batch_size", (long) batch));
    if (c.method().equals("ddg")) {
      params.put("modules", (long) c.modules());
      params.put("delayed_weights", c.delayedWeights());
      params.put("execution", c.execution());
    }
    Method.Resolved r = Catalogue.METHODS.get(c.method()).resolve(params, "bench ddg");
    TrialSpec spec = new TrialSpec("bench", c.label(), data.name(), model, r.params(), r.config(),
        new Budget(epochs, null, null), 17);
    List<CurvePoint> curve = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    TrialResult result = new TrialRunner().run(spec, data, p -> {
      curve.add(p);
      cpu.add(Machine.processCpuSeconds());
    });
    if (result.status() != TrialStatus.COMPLETED) {
      throw new IllegalStateException(c.label() + " ended " + result.status() + ": " + result.error());
    }
    double seconds = curve.get(curve.size() - 1).wallSeconds() - curve.get(0).wallSeconds();
    double cpuSeconds = cpu.get(cpu.size() - 1) - cpu.get(0);
    return new double[] {seconds / epochs, cpuSeconds / epochs, result.finalTestAccuracy()};
  }

  /**
   * {@code loaded} with its training split cut to the first {@code trainExamples} examples and small
   * validation and test splits ({@code evalExamples} each: the next training examples and the first
   * test examples).
   */
  public static DataSplit trimmed(DataSplit loaded, int trainExamples, int evalExamples) {
    Examples train = loaded.train();
    int n = Math.min(trainExamples, train.size() - evalExamples);
    return new DataSplit(loaded.name(), train.select(IntStream.range(0, n).toArray()),
        train.select(IntStream.range(n, n + evalExamples).toArray()),
        loaded.test().select(IntStream.range(0, Math.min(evalExamples, loaded.test().size())).toArray()),
        loaded.sha256());
  }
}
