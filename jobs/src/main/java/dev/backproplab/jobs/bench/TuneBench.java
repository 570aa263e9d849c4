package dev.backproplab.jobs.bench;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.sweep.SearchBlock;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.tune.Dimension;
import dev.backproplab.core.tune.Objective;
import dev.backproplab.core.tune.SearchSpace;
import dev.backproplab.core.tune.TuneSpec;
import dev.backproplab.core.tune.Tuner;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.sweep.DataCache;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.ResultsViews;
import dev.backproplab.jobs.sweep.SweepFileParser;
import dev.backproplab.jobs.sweep.SweepJob;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bpl bench tune}: how well each optimizer of a {@code tune:} block searches.
 * <ul>
 *   <li>synthetic: a noisy objective with a known optimum (value 1 at lr 0.01, momentum 0.9, width 128,
 *       switch on; a valley along lr / (1 - momentum) = 0.1 as momentum and learning rate trade off), the
 *       median regret (1 minus the true value of the configuration that looked best) after N trials over
 *       seeds, for random search, a grid of at most N points and each optimizer;
 *   <li>mnist: real trials (in this JVM, two at a time) tuning bp's lr, momentum, batch size, width and
 *       weight decay and fa's lr and feedback scale on MNIST's 5,000-example validation split: how many trials
 *       each optimizer needs to reach the best validation accuracy that N random trials reach (median over
 *       seeds; random's own count from an independent random search);
 * </ul>
 * The third table, a search's efficiency on local[N], is {@link TuneEfficiency}'s.
 */
public final class TuneBench {
  /** The optimizers compared, random first. */
  static final List<TuneSpec.Optimizer> OPTIMIZERS = List.of(TuneSpec.Optimizer.RANDOM, TuneSpec.Optimizer.CMAES,
      TuneSpec.Optimizer.SEP_CMAES, TuneSpec.Optimizer.GA, TuneSpec.Optimizer.NELDER_MEAD, TuneSpec.Optimizer.TPE);

  /** The synthetic problem's space. */
  static final SearchSpace SYNTHETIC = new SearchSpace(List.of(
      Dimension.real("lr", 1e-5, 1.0, true),
      Dimension.real("momentum", 0.0, 0.99, false),
      Dimension.integer("width", 8, 1024, true),
      Dimension.choice("switch", List.of("off", "on"))));

  private static final double NOISE = 0.02;

  private final BenchOutput out;

  public TuneBench(BenchOutput out) {
    this.out = out;
  }

  /** The synthetic objective's true (noise-free) value: at most 1, at the optimum. */
  static double truth(Map<String, Object> v) {
    double lr = (Double) v.get("lr");
    double m = (Double) v.get("momentum");
    double effective = Math.log10(lr / (1 - m)) + 1; // 0 at lr / (1 - m) = 0.1
    double mom = (m - 0.9) / 0.3;
    double width = Math.log((Long) v.get("width") / 128.0) / Math.log(4);
    return 1 - 0.25 * (effective * effective + mom * mom + width * width) - (v.get("switch").equals("on") ? 0 : 0.15);
  }

  /** Median regret after {@code trials} trials over {@code seeds} seeds, per optimizer and for a grid. */
  public void synthetic(int trials, int parallel, int seeds) {
    out.printf("%nsynthetic: lr (log), momentum, width (integer, log) and an on/off switch; observed value = true"
        + " value + N(0, %.2f);%nregret = 1 - true value of the configuration observed best, after %d trials"
        + " (%d per generation), %d seeds%n", NOISE, trials, parallel, seeds);
    out.printf("%-12s %7s %14s %22s%n", "optimizer", "trials", "median regret", "(quartiles)");
    for (TuneSpec.Optimizer o : OPTIMIZERS) {
      double[] regrets = new double[seeds];
      for (int s = 0; s < seeds; s++) {
        Observed seen = new Observed(new SplittableRandom(1000L * s + o.ordinal()));
        TuneSpec spec = new TuneSpec(o, trials, parallel, Objective.of("val_accuracy"), SYNTHETIC);
        new Tuner(spec, 1 + s).run(candidates -> candidates.stream().mapToDouble(c -> seen.observe(c.values())).toArray());
        regrets[s] = seen.regret();
      }
      row(o.id(), trials, regrets);
    }
    List<Map<String, Object>> grid = grid(trials);
    double[] regrets = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      Observed seen = new Observed(new SplittableRandom(1000L * s + 99));
      grid.forEach(seen::observe);
      regrets[s] = seen.regret();
    }
    row("grid", grid.size(), regrets);
  }

  /** Noisy observations of the synthetic objective, keeping the true value of the best observed. */
  private static final class Observed {
    private final SplittableRandom noise;
    private double bestObserved = Double.NEGATIVE_INFINITY;
    private double bestTrue = Double.NaN;

    Observed(SplittableRandom noise) {
      this.noise = noise;
    }

    double observe(Map<String, Object> values) {
      double t = truth(values);
      double v = t + NOISE * noise.nextGaussian();
      if (v > bestObserved) {
        bestObserved = v;
        bestTrue = t;
      }
      return v;
    }

    double regret() {
      return 1 - bestTrue;
    }
  }

  private void row(String name, int trials, double[] regrets) {
    double[] q = quartiles(regrets);
    out.printf("%-12s %7d %14.4f %10.4f .. %.4f%n", name, trials, q[1], q[0], q[2]);
    out.figure("synthetic_median_regret", q[1], "regret", "optimizer", name, "trials", trials, "seeds", regrets.length,
        "q1", q[0], "q3", q[2]);
  }

  /** A full grid of at most {@code trials} points: the same number of levels on each numeric dimension. */
  static List<Map<String, Object>> grid(int trials) {
    int choices = 2;
    int levels = (int) Math.floor(Math.pow(trials / (double) choices, 1.0 / 3) + 1e-9);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int a = 0; a < levels; a++) {
      for (int b = 0; b < levels; b++) {
        for (int c = 0; c < levels; c++) {
          for (int d = 0; d < choices; d++) {
            double[] u = {(a + 0.5) / levels, (b + 0.5) / levels, (c + 0.5) / levels, (d + 0.5) / choices};
            out.add(SYNTHETIC.decode(u));
          }
        }
      }
    }
    return out;
  }

  /**
   * The two searches every real table runs: bp tuning lr, momentum, batch size, hidden width and weight decay,
   * and fa tuning lr and feedback scale, each with {@code optimizer}, {@code trials} trials, {@code parallel}
   * per generation, on {@code dataset} within {@code budget} (a sweep file's budget mapping).
   */
  static String searches(int seed, String dataset, String budget, String optimizer, int trials, int parallel) {
    String tune = """
              optimizer: %s
              trials: %d
              parallel: %d
        """.formatted(optimizer, trials, parallel);
    return """
        name: tunebench
        seed: %d
        dataset: %s
        model: {type: mlp, hidden: [64], activation: relu}
        budget: %s
        methods:
          - method: bp
            params: {optimizer: momentum}
            tune:
        %s      space:
                lr: {loguniform: [1.0e-4, 0.5]}
                momentum: {uniform: [0.0, 0.99]}
                batch_size: {int: [16, 256], log: true}
                hidden: {int: [16, 256], log: true}
                weight_decay: {loguniform: [1.0e-6, 0.1]}
          - method: fa
            params: {optimizer: momentum, momentum: 0.9, batch_size: 32}
            tune:
        %s      space:
                lr: {loguniform: [1.0e-4, 0.5]}
                feedback_scale: {loguniform: [0.1, 10]}
        """.formatted(seed, dataset, budget, tune, tune);
  }

  /** The MNIST table's methods, in the order of {@link #searches}' blocks. */
  public static final List<String> REAL_METHODS = List.of("bp", "fa");

  /**
   * Trials each optimizer needs to reach the best validation accuracy of {@code trials} random trials, per
   * method, median over {@code seeds} seeds; {@code threads} trials at a time in this JVM. Random search's
   * own count comes from a second, independent random search (another sweep seed): the index of the best
   * trial within the run that set the target would count random's luck twice (for i.i.d. draws the best
   * of {@code trials} sits at a uniform position, median {@code trials / 2}, while a fresh random search
   * needs {@code trials} draws in the median to beat it). Every search runs up to {@code 2 trials} trials
   * and stops running trials once it reaches the target.
   *
   * @param methods some of {@link #REAL_METHODS}
   * @param compared the optimizers whose trial counts are printed (random's target search always runs)
   */
  public void real(List<String> methods, List<TuneSpec.Optimizer> compared, int trials, int parallel, int seeds,
      long samples, int threads) throws Exception {
    int cap = 2 * trials;
    out.printf("%nmnist: bp (lr, momentum, batch_size, hidden width, weight_decay) and fa (lr, feedback_scale), an MLP"
        + " trained on %d examples,%nscored on the 5,000-example validation split; target = best validation accuracy"
        + " of %d random trials;%ntrials each search needs to reach it (random: an independent random search), median"
        + " over %d seeds (> %d: not reached)%n", samples, trials, seeds, cap);
    DataSplit data = DataCache.get("mnist");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (String name : methods) {
        int method = REAL_METHODS.indexOf(name);
        Map<TuneSpec.Optimizer, double[]> needed = new LinkedHashMap<>();
        double[] targets = new double[seeds];
        for (int s = 0; s < seeds; s++) {
          List<Double> reference = search(pool, data, method, 100 + s, samples, TuneSpec.Optimizer.RANDOM, trials,
              parallel, Double.POSITIVE_INFINITY);
          targets[s] = reference.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(0);
          for (TuneSpec.Optimizer o : compared) {
            int seed = o == TuneSpec.Optimizer.RANDOM ? 500 + s : 100 + s;
            List<Double> sequence = search(pool, data, method, seed, samples, o, cap, parallel, targets[s]);
            needed.computeIfAbsent(o, k -> new double[seeds])[s] = reach(sequence, targets[s]);
          }
          int row = s;
          out.printf("  %s seed %d: target %.4f; trials to reach it: %s (load average %.1f)%n", name, s, targets[s], compared.stream().map(o -> o.id() + " " + needed.get(o)[row]).toList(),
              Machine.loadAverage()[0]);
          out.flush();
        }
        out.printf("%n%s: target validation accuracy per seed %s%n", name, Arrays.toString(targets));
        out.printf("%-12s %22s %s%n", "optimizer", "median trials to target", "per seed");
        for (Map.Entry<TuneSpec.Optimizer, double[]> e : needed.entrySet()) {
          double median = quartiles(e.getValue())[1];
          out.printf("%-12s %22s %s%n", e.getKey().id(), Double.isInfinite(median) ? "> " + cap
              : String.format("%.1f", median), Arrays.toString(Arrays.stream(e.getValue()).mapToObj(
                  x -> Double.isInfinite(x) ? ">" + cap : String.valueOf((int) x)).toArray()));
          out.figure("mnist_trials_to_random_best", median, "trials", "method", name, "optimizer", e.getKey().id(),
              "random_trials", trials, "cap", cap, "seeds", seeds, "samples", samples);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The objective values of one search of the MNIST block {@code method} (0: bp, 1: fa), in trial order, up to
   * the first that reaches {@code stopAt}: the candidates asked after it are told as failed without running.
   */
  private static List<Double> search(ExecutorService pool, DataSplit data, int method, int seed, long samples,
      TuneSpec.Optimizer o, int trials, int parallel, double stopAt) {
    String text = searches(seed, "mnist", "{samples: " + samples + "}", o.id(), trials, parallel);
    SearchBlock block = SweepExpander.searches(SweepFileParser.parse(text, "tunebench.yaml"), Catalogue.METHODS,
        "tunebench.yaml").get(method);
    List<Double> sequence = new ArrayList<>();
    new Tuner(block.tune(), block.seed()).run(candidates -> {
      if (sequence.stream().anyMatch(v -> v >= stopAt)) {
        double[] skipped = new double[candidates.size()];
        Arrays.fill(skipped, Double.NaN);
        return skipped;
      }
      double[] v = evaluate(pool, candidates.stream().map(block::trial).toList(),
          t -> new TrialRunner().run(t, data, p -> {}).finalValAccuracy());
      Arrays.stream(v).forEach(sequence::add);
      return v;
    });
    return sequence;
  }

  /** The first (1-based) trial whose value reaches {@code target}; infinity when none does. */
  static double reach(List<Double> sequence, double target) {
    for (int i = 0; i < sequence.size(); i++) {
      if (sequence.get(i) >= target) {
        return i + 1;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static double[] evaluate(ExecutorService pool, List<TrialSpec> trials, ToDoubleFunction<TrialSpec> run) {
    try {
      List<Future<Double>> futures = new ArrayList<>();
      for (TrialSpec t : trials) {
        futures.add(pool.submit(() -> run.applyAsDouble(t)));
      }
      double[] v = new double[trials.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = futures.get(i).get();
      }
      return v;
    } catch (Exception e) {
      throw new IllegalStateException("a bench trial failed", e);
    }
  }

  /** Lower quartile, median, upper quartile (linear interpolation). */
  static double[] quartiles(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return new double[] {quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75)};
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    if (Double.isInfinite(sorted[lo]) || Double.isInfinite(sorted[hi])) {
      return sorted[hi];
    }
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
