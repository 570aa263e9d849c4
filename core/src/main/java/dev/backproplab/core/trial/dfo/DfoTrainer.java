package dev.backproplab.core.trial.dfo;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.Diagnostics;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialProgress;
import dev.backproplab.core.trial.TrialSpec;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains a network with a derivative-free optimizer through its flat parameter vector (DESIGN.md,
 * "Derivative-free optimizers"): each generation's candidates are scored on one shared training
 * minibatch of {@code batch_size} examples (the next slice of a seeded shuffle), by a {@link
 * PopulationEvaluator} (in process, stacked; or on Spark executors). A generation counts as one step,
 * {@code P} evaluations and {@code P x batch_size} samples seen, so derivative-free and gradient
 * methods share one cost axis; every {@code train-set size} samples count as an epoch.
 *
 * <p>The curve gets a point before the first generation, then every epoch-equivalent of samples (or
 * every hundredth of a samples or epochs budget, whichever is larger) and at the end: the test loss
 * and accuracy of the search's current solution (see {@link Search}: the mean for ES and for CMA-ES's
 * best run, the current state for SA, the current best for GA and Nelder-Mead), the train loss as that solution's plain loss on the
 * generation's minibatch (one extra forward pass, not counted in samples_seen, the same kind of
 * number bp records; the best of the population's noisy losses is optimistic and goes to best
 * fitness instead), and the diagnostics sigma (the optimizer's step size), best fitness (best loss
 * told so far) and fitness spread (max minus min of the last generation's finite losses). The trial ends when its budget is spent or the optimizer
 * stops on its own (e.g. Nelder-Mead's simplex collapsed); a generation with no finite loss ends it
 * as DIVERGED.
 *
 * <p>A trainer runs one trial on one thread.
 */
public final class DfoTrainer implements Trainer {

  /** Makes the evaluator of one trial from its spec, its network and the training split. */
  @FunctionalInterface
  public interface EvaluatorFactory {
    PopulationEvaluator create(TrialSpec spec, Network network, Examples train);
  }

  private final String method;
  private final EvaluatorFactory evaluators;

  /** A trainer for {@code method} that evaluates in process ({@link LocalEvaluator}). */
  public DfoTrainer(String method) {
    this(method, (spec, net, train) -> new LocalEvaluator(net, train));
  }

  /** A trainer for {@code method} with the given evaluator (e.g. a distributed one). */
  public DfoTrainer(String method, EvaluatorFactory evaluators) {
    if (!DfoParams.METHODS.contains(method)) {
      throw new IllegalArgumentException("not a derivative-free method: " + method);
    }
    this.method = method;
    this.evaluators = evaluators;
  }

  /**
   * The network a trial of {@code spec} trains on data shaped as {@code train}, initialised from the
   * trial's seed exactly as gradient methods initialise it, so every method starts from the same
   * weights.
   */
  public static Network network(TrialSpec spec, Examples train) {
    if (!spec.model().type().equals("mlp")) {
      throw new IllegalArgumentException("derivative-free methods score populations of MLPs (model type mlp),"
          + " not " + spec.model().type() + ": give the method block its own model: {type: mlp, ...}");
    }
    return Networks.build(spec.model(), train, Networks.dataType(spec.params()), spec.seed());
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    OptimizerConfig<?> config = DfoParams.config(method, spec.params());
    Examples train = data.train();
    int n = train.size();
    int batch = Math.min(Integer.parseInt(spec.params().get("batch_size")), n);
    Network net = network(spec, train);
    DataView params = DataView.of(net.params());
    Search search = new Search(config, params.toArray(), new SplittableRandom(spec.seed() ^ 0x2545F4914F6CDD1DL));
    PopulationEvaluator evaluator = evaluators.create(spec, net, train);
    Minibatches minibatches = new Minibatches(n, new SplittableRandom(spec.seed() ^ 0x5DEECE66DL));
    long interval = pointInterval(spec.budget(), n);
    long nextPoint = interval;
    progress.measure(net, null, new Diagnostics(null, null, search.stepSize(), null, null));
    double spread = Double.NaN;
    while (!progress.exhausted() && search.stop().isEmpty()) {
      Generation g = search.ask();
      int[] rows = minibatches.next(batch);
      double[] losses = evaluator.losses(g, rows);
      search.tell(losses);
      progress.step((long) g.size() * batch, g.size());
      while (progress.samplesSeen() >= (long) (progress.epochs() + 1) * n) {
        progress.epochDone();
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double f : losses) {
        if (Double.isFinite(f)) {
          lo = Math.min(lo, f);
          hi = Math.max(hi, f);
        }
      }
      if (lo == Double.POSITIVE_INFINITY) {
        throw TrialProgress.diverged(
            "no candidate of generation " + progress.steps() + " had a finite loss");
      }
      spread = hi - lo;
      if (progress.samplesSeen() >= nextPoint || progress.exhausted() || !search.stop().isEmpty()) {
        measure(net, params, search, progress, train, rows, spread);
        while (nextPoint <= progress.samplesSeen()) {
          nextPoint += interval;
        }
      }
    }
  }

  private static void measure(Network net, DataView params, Search search, TrialProgress progress,
      Examples train, int[] rows, double spread) {
    double[] x = search.point();
    for (int i = 0; i < x.length; i++) {
      params.set(i, x[i]);
    }
    double trainLoss = net.populationLosses(new double[][] {x}, train, rows, 0, rows.length)[0];
    double best = search.bestLoss();
    progress.measure(net, trainLoss, new Diagnostics(null, null, search.stepSize(),
        Double.isFinite(best) ? best : null, spread));
  }

  /** Samples between curve points: an epoch, or a hundredth of the budget if that is more. */
  static long pointInterval(Budget budget, int trainSize) {
    long interval = trainSize;
    if (budget.samples() != null) {
      interval = Math.max(interval, budget.samples() / 100);
    }
    if (budget.epochs() != null) {
      interval = Math.max(interval, (long) budget.epochs() * trainSize / 100);
    }
    return interval;
  }

  /** Successive minibatches of a seeded shuffle; reshuffled when fewer than a batch remain. */
  static final class Minibatches {
    private final int[] order;
    private final SplittableRandom random;
    private int position;

    Minibatches(int n, SplittableRandom random) {
      this.order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      this.random = random;
      this.position = n;
    }

    int[] next(int size) {
      if (position + size > order.length) {
        for (int i = order.length - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        position = 0;
      }
      int[] rows = Arrays.copyOfRange(order, position, position + size);
      position += size;
      return rows;
    }
  }
}
