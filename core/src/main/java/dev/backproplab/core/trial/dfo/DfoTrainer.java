package dev.backproplab.core.trial.dfo;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.dfo.AskTellOptimizer;
import dev.backproplab.core.dfo.Generation;
import dev.backproplab.core.dfo.GenerationLoop;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.PopulationScorer;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.Diagnostics;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.Seeds;
import dev.backproplab.core.data.Shuffle;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialProgress;
import dev.backproplab.core.trial.TrialSpec;
import java.util.Arrays;

/**
 * Trains a network with a derivative-free optimizer through its flat parameter vector: each
 * generation's candidates are scored on one shared training minibatch of {@code batch_size} examples
 * (the next slice of a seeded shuffle), by a {@link
 * PopulationEvaluator} (in process, stacked; or on Spark executors). A generation counts as one step,
 * {@code P} evaluations and {@code P x batch_size} samples seen, so derivative-free and gradient
 * methods share one cost axis; every {@code train-set size} samples count as an epoch.
 *
 * <p>The curve gets a point before the first generation, then every epoch-equivalent of samples (or
 * every hundredth of a samples or epochs budget, whichever is larger) and at the end: the test loss
 * and accuracy of the search's current solution ({@link AskTellOptimizer#solution()}: the mean for ES
 * and for CMA-ES's best run, the current state for SA, the current best for GA and Nelder-Mead), the
 * train loss as that solution's plain loss on the generation's minibatch (one extra forward pass, not
 * counted in samples_seen, the same kind of number bp records; the best of the population's noisy
 * losses is optimistic and goes to best fitness instead), and the diagnostics sigma (the optimizer's
 * step size), best fitness (best loss told so far) and fitness spread (max minus min of the last
 * generation's finite losses). The trial ends when its budget is spent or the optimizer stops on its own (e.g. Nelder-Mead's simplex collapsed); a generation with no finite loss ends it
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

  private final DfoConfig config;
  private final EvaluatorFactory evaluators;

  /** A trainer of {@code config} that evaluates in process ({@link LocalEvaluator}). */
  public DfoTrainer(DfoConfig config) {
    this(config, (spec, net, train) -> new LocalEvaluator(net, train));
  }

  /** A trainer of {@code config} with the given evaluator (e.g. a distributed one). */
  public DfoTrainer(DfoConfig config, EvaluatorFactory evaluators) {
    this.config = config;
    this.evaluators = evaluators;
  }

  /**
   * The network a trial of {@code spec} trains on data shaped as {@code train}, initialised from the
   * trial's init stream exactly as gradient methods initialise it, so every method starts from the
   * same weights.
   */
  public static Network network(TrialSpec spec, Examples train) {
    return Networks.build(spec.model(), train, spec.config().dataType(), spec.seeds().seed(Seeds.Stream.INIT));
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    Examples train = data.train();
    int n = train.size();
    int batch = Math.min(config.batchSize(), n);
    Network net = network(spec, train);
    DataView params = DataView.of(net.params());
    Seeds seeds = spec.seeds();
    AskTellOptimizer search = config.optimizer().create(params.toArray(), seeds.random(Seeds.Stream.SAMPLING));
    PopulationEvaluator evaluator = evaluators.create(spec, net, train);
    PopulationScorer scorer = new PopulationScorer(net);
    Minibatches minibatches = new Minibatches(new Shuffle(n, seeds.random(Seeds.Stream.SHUFFLE)), n);
    long interval = pointInterval(spec.budget(), n);
    progress.measure(net, null, new Diagnostics(null, null, search.stepSize(), null, null));
    GenerationLoop.run(search, new GenerationLoop.Body() {
      private long nextPoint = interval;
      private int[] rows;

      @Override
      public boolean more() {
        return !progress.exhausted();
      }

      @Override
      public double[] losses(Generation g) {
        rows = minibatches.next(batch);
        return evaluator.losses(g, rows);
      }

      @Override
      public void told(Generation g, double[] losses) {
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
        if (progress.samplesSeen() >= nextPoint || progress.exhausted() || !search.stop().isEmpty()) {
          measure(net, scorer, params, search, progress, train, rows, hi - lo);
          while (nextPoint <= progress.samplesSeen()) {
            nextPoint += interval;
          }
        }
      }
    });
  }

  private static void measure(Network net, PopulationScorer scorer, DataView params, AskTellOptimizer search,
      TrialProgress progress, Examples train, int[] rows, double spread) {
    double[] x = search.solution();
    params.copyFrom(x, 0, 0, x.length);
    double trainLoss = scorer.losses(new double[][] {x}, train, rows, 0, rows.length)[0];
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
    private final Shuffle shuffle;
    private int[] order;
    private int position;

    Minibatches(Shuffle shuffle, int n) {
      this.shuffle = shuffle;
      this.position = n;
    }

    int[] next(int size) {
      if (order == null || position + size > order.length) {
        order = shuffle.next();
        position = 0;
      }
      int[] rows = Arrays.copyOfRange(order, position, position + size);
      position += size;
      return rows;
    }
  }
}
