package dev.backproplab.jobs.bench;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.dfo.AskTellOptimizer;
import dev.backproplab.core.dfo.CmaEsBenchmark;
import dev.backproplab.core.dfo.CmaEsConfig;
import dev.backproplab.core.dfo.EsConfig;
import dev.backproplab.core.dfo.EvaluationBudget;
import dev.backproplab.core.dfo.EvolutionStrategy;
import dev.backproplab.core.dfo.Generation;
import dev.backproplab.core.dfo.Noise;
import dev.backproplab.core.dfo.SepCmaEsConfig;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.PopulationScorer;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.dfo.LocalEvaluator;
import dev.backproplab.jobs.search.SearchJob;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.sweep.SweepFileParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The derivative-free benchmark ({@code bpl bench dfo}): CMA-ES evaluations to f &lt; 1e-8 against
 * pycma's medians; this CMA-ES against Commons Math's side by side; sep-CMA-ES and ES at n = 100,000;
 * stacked population evaluation against one candidate at a time; and bytes per generation of the
 * distributed search, as Spark recorded them and as estimated, against shipping every candidate.
 * Prints its tables to the given stream.
 */
public final class DfoBench {
  private final BenchOutput out;

  public DfoBench(BenchOutput out) {
    this.out = out;
  }

  /**
   * CMA-ES evaluations to f &lt; 1e-8, median of the successful runs over the seeds pycma's medians
   * were measured on, against those medians.
   */
  public void pycma() {
    int seeds = CmaEsBenchmark.PYCMA_SEEDS;
    out.printf("%nCMA-ES, evaluations to f < 1e-8, median of the runs that reached it, seeds 0..%d on both"
        + " sides%npycma column: %s%n", seeds - 1, CmaEsBenchmark.PYCMA_SOURCE);
    out.printf("%-14s %10s %10s %8s %10s%n", "problem", "ours", "pycma", "ratio", "reached");
    for (CmaEsBenchmark.Result r : CmaEsBenchmark.run(seeds, 200_000)) {
      out.printf("%-14s %,10.0f %,10d %8.2f %7d/%d%n", r.problem(), r.medianEvaluations(),
          r.problem().pycmaMedian(), r.ratioToPycma(), r.successes(), seeds);
      out.figure("cmaes_evaluations_to_1e-8", r.medianEvaluations(), "evaluations", "problem", r.problem().toString(),
          "pycma_median", r.problem().pycmaMedian(), "successes", r.successes(), "seeds", seeds);
    }
  }

  /** This CMA-ES against Commons Math's CMAESOptimizer. */
  public void commonsMath(int seeds) {
    out.printf("%nCMA-ES against Commons Math 3.6.1 CMAESOptimizer (same lambda, sigma0, start, target 1e-8;"
        + "%nms per generation include the function evaluations; medians over seeds)%n");
    out.printf("%-11s %5s %4s %6s %16s %16s %9s %11s %9s%n", "function", "n", "lam", "runs",
        "evals ours (ok)", "evals CM (ok)", "ms/gen", "ms/gen CM", "speed-up");
    CmaComparison.run(CmaComparison.Function.SPHERE, 10, 3, 0, 100_000); // JIT warm-up, not shown
    Object[][] cases = {
        {CmaComparison.Function.SPHERE, 10, 0}, {CmaComparison.Function.ROSENBROCK, 10, 0},
        {CmaComparison.Function.SPHERE, 100, 0}, {CmaComparison.Function.SPHERE, 1000, 20}};
    for (Object[] c : cases) {
      int n = (Integer) c[1];
      int generations = (Integer) c[2];
      // n = 10 runs are cheap: more seeds make the evaluation medians firmer
      int runs = n >= 1000 ? 1 : n <= 10 ? 3 * seeds : seeds;
      CmaComparison.Row r = CmaComparison.run((CmaComparison.Function) c[0], n, runs, generations,
          2_000_000);
      String evOurs = generations > 0 ? "(" + generations + " gen)"
          : String.format("%,.0f (%d)", r.ours().medianEvaluations(), r.ours().successes());
      String evCm = generations > 0 ? "(" + generations + " gen)"
          : String.format("%,.0f (%d)", r.commonsMath().medianEvaluations(), r.commonsMath().successes());
      out.printf("%-11s %5d %4d %6d %16s %16s %9.3f %11.3f %8.1fx%n", r.function(), n, r.lambda(),
          r.seeds(), evOurs, evCm, r.ours().msPerGeneration(), r.commonsMath().msPerGeneration(),
          r.commonsMath().msPerGeneration() / r.ours().msPerGeneration());
      Object[] tags = {"function", r.function().toString(), "n", n, "lambda", r.lambda()};
      out.figure("cmaes_ms_per_generation", r.ours().msPerGeneration(), "ms", tags);
      out.figure("commons_math_ms_per_generation", r.commonsMath().msPerGeneration(), "ms", tags);
      out.figure("cmaes_speedup_vs_commons_math", r.commonsMath().msPerGeneration() / r.ours().msPerGeneration(),
          "x", tags);
    }
  }

  /**
   * Full and sep-CMA-ES at n = {@code n} on the sphere: time and memory per generation. Full CMA-ES
   * recomputes its O(n^3) eigendecomposition once every {@code lambda / (c1 + cmu) / n / 10}
   * evaluations, about every 50 generations at n = 10,000: the few generations timed here fall
   * between two, so its figure is the O(n^2) cost per generation without the decomposition.
   */
  public void fullAndSep(int n, int generations) {
    out.printf("%nn = %,d, sphere: full CMA-ES (between eigendecompositions) and sep-CMA-ES; wall time per"
        + "%ngeneration (ask + lambda evaluations + tell, %d generations after one warm-up), heap held and"
        + "%npeak heap per generation as below%n", n, generations);
    out.printf("%-24s %6s %10s %12s %12s%n", "optimizer", "lambda", "ms/gen", "held MB", "peak MB");
    double[] x0 = new double[n];
    java.util.Arrays.fill(x0, 1.0);
    int lambda = 4 + (int) (3 * Math.log(n));
    long before = usedHeap();
    AskTellOptimizer sep = SepCmaEsConfig.of(0.5, EvaluationBudget.of(Long.MAX_VALUE)).create(x0, 3);
    report("sep-cmaes", n, lambda, sep, () -> {
      double[][] c = sep.ask();
      sep.tell(c, sphere(c));
    }, generations, before);
    before = usedHeap();
    AskTellOptimizer full = CmaEsConfig.of(0.5, EvaluationBudget.of(Long.MAX_VALUE)).create(x0, 3);
    report("cmaes (full covariance)", n, lambda, full, () -> {
      double[][] c = full.ask();
      full.tell(c, sphere(c));
    }, generations, before);
  }

  /** sep-CMA-ES and ES (seed path) at n = {@code n} on the sphere: time and memory per generation. */
  public void large(int n, int generations) {
    out.printf("%nn = %,d, sphere: wall time per generation (ask + lambda evaluations + tell); heap the"
        + "%noptimizer holds between generations (after GC) and the peak heap a generation adds (pool"
        + "%npeaks, an upper bound: uncollected garbage counts)%n", n);
    out.printf("%-24s %6s %10s %12s %12s%n", "optimizer", "lambda", "ms/gen", "held MB", "peak MB");
    double[] x0 = new double[n];
    java.util.Arrays.fill(x0, 1.0);
    long before = usedHeap();
    AskTellOptimizer sep = SepCmaEsConfig.of(0.5, EvaluationBudget.of(Long.MAX_VALUE)).create(x0, 3);
    Runnable sepGeneration = () -> {
      double[][] c = sep.ask();
      sep.tell(c, sphere(c));
    };
    report("sep-cmaes (vectors)", n, 4 + (int) (3 * Math.log(n)), sep, sepGeneration, generations, before);
    before = usedHeap();
    EvolutionStrategy es = EsConfig.of(50, 0.01, 0.01, EvaluationBudget.of(Long.MAX_VALUE)).create(x0, 3);
    double[] candidate = new double[n];
    Runnable esGeneration = () -> {
      double[] mean = es.mean();
      long[] seeds = es.askSeeds();
      double[] f = new double[2 * seeds.length];
      for (int i = 0; i < f.length; i++) {
        System.arraycopy(mean, 0, candidate, 0, n);
        dev.backproplab.core.dfo.Noise.addScaled(seeds[i / 2], i % 2 == 0 ? 0.01 : -0.01, candidate);
        double s = 0;
        for (double v : candidate) {
          s += v * v;
        }
        f[i] = s;
      }
      es.tellLosses(f);
    };
    report("es (seeds, regenerated)", n, 50, es, esGeneration, generations, before);
  }

  private void report(String name, int n, int lambda, Object optimizer, Runnable generation, int generations,
      long before) {
    double ms = timeGenerations(generations, generation);
    long held = usedHeap() - before;
    List<java.lang.management.MemoryPoolMXBean> pools =
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
    long base = usedHeap();
    pools.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
    generation.run();
    long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - base;
    // a peak below the pool counters' resolution (e.g. ES's few n-vectors in TLABs) shows as n/a
    String peakMb = peak > 0 ? String.format("%.1f", peak / 1e6) : "n/a";
    out.printf("%-24s %6d %10.1f %12.1f %12s%n", name, lambda, ms, held / 1e6, peakMb);
    out.figure("ms_per_generation", ms, "ms", "optimizer", name, "lambda", lambda, "n", n);
    out.figure("held_heap", held / 1e6, "MB", "optimizer", name, "lambda", lambda, "n", n);
    java.util.Objects.requireNonNull(optimizer); // keeps the optimizer reachable until measured
  }

  private static double[] sphere(double[][] x) {
    double[] f = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      double s = 0;
      for (double v : x[k]) {
        s += v * v;
      }
      f[k] = s;
    }
    return f;
  }

  private static double timeGenerations(int generations, Runnable generation) {
    generation.run(); // warm-up
    long start = System.nanoTime();
    for (int g = 0; g < generations; g++) {
      generation.run();
    }
    return (System.nanoTime() - start) / 1e6 / generations;
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * Population losses in one stacked pass ({@link LocalEvaluator}, as trials and searches score a
   * generation) against one candidate at a time (the same code with P = 1), on random data of the
   * net's shape, for the two forms a generation takes: explicit vectors (CMA-ES, GA, Nelder-Mead) and
   * an evolution strategy's mirrored pairs regenerated from seeds. The noise column is the time to draw
   * P/2 noise vectors, inside both sides' times: one at a time draws each candidate's, P in all.
   */
  public void populationEvaluation(int rounds) {
    out.printf("%nPopulation evaluation: the losses of P candidates on one minibatch of B, tanh, float32"
        + "%n(median of %d rounds after 20 warm-up rounds). one-by-one: each candidate on its own;"
        + "%nstacked: one pass over all (LocalEvaluator); es pairs share each pair's first-layer products"
        + "%nand draw each pair's noise once (noise ms: P/2 draws, inside both times)%n", rounds);
    out.printf("%-12s %4s %4s %-10s %14s %11s %9s %9s%n", "network", "P", "B", "generation", "one-by-one ms",
        "stacked ms", "noise ms", "speed-up");
    int[][] shapes = {{64, 64, 10, 50, 100}, {64, 64, 10, 20, 32}, {784, 256, 10, 50, 100}, {784, 256, 10, 16, 128}};
    for (int[] s : shapes) {
      Examples data = randomData(s[4] * 2, s[0], s[2]);
      Network net = Network.mlp(s[0], List.of(s[1]), Activation.TANH, s[2], DataType.FLOAT, 5);
      double[] mean = DataView.of(net.params()).toArray();
      long[] seeds = new SplittableRandom(2).longs(s[3] / 2).toArray();
      Generation pairs = new Generation.Mirrored(mean, 0.01, seeds);
      double[][] vectors = new double[s[3]][];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = pairs.candidate(i);
      }
      int[] rows = new int[s[4]];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = i;
      }
      LocalEvaluator evaluator = new LocalEvaluator(net, data);
      PopulationScorer single = new PopulationScorer(net);
      double[] eps = new double[mean.length];
      String shape = s[0] + "-" + s[1] + "-" + s[2];
      for (Generation g : List.of(new Generation.Vectors(vectors), pairs)) {
        boolean mirrored = g instanceof Generation.Mirrored;
        String kind = mirrored ? "es pairs" : "vectors";
        Runnable stacked = () -> evaluator.losses(g, rows);
        Runnable oneByOne = () -> {
          for (int i = 0; i < g.size(); i++) {
            single.losses(new double[][] {g.candidate(i)}, data, rows, 0, rows.length);
          }
        };
        Runnable draws = () -> {
          for (long seed : seeds) {
            Noise.fill(seed, eps);
          }
        };
        double[] t = mirrored ? medianMs(rounds, stacked, oneByOne, draws) : medianMs(rounds, stacked, oneByOne);
        double a = t[0];
        double b = t[1];
        String noiseCell = mirrored ? String.format("%9.2f", t[2]) : String.format("%9s", "-");
        out.printf("%-12s %4d %4d %-10s %14.2f %11.2f %s %8.1fx%n", shape, s[3], s[4], kind, b, a, noiseCell, b / a);
        out.figure("population_stacked_ms", a, "ms", "network", shape, "P", s[3], "B", s[4], "generation", kind);
        out.figure("population_one_by_one_ms", b, "ms", "network", shape, "P", s[3], "B", s[4], "generation", kind);
        out.figure("population_speedup", b / a, "x", "network", shape, "P", s[3], "B", s[4], "generation", kind);
      }
    }
  }

  /**
   * The median time in ms of each of {@code parts}, run one after the other in each round (so load
   * falls on all alike), after 20 warm-up rounds.
   */
  private static double[] medianMs(int rounds, Runnable... parts) {
    double[][] ms = new double[parts.length][rounds];
    int warmUp = 20; // until the JIT has compiled the Java loops of every path
    for (int r = 1 - warmUp; r < rounds + 1; r++) {
      for (int k = 0; k < parts.length; k++) {
        long t0 = System.nanoTime();
        parts[k].run();
        if (r > 0) {
          ms[k][r - 1] = (System.nanoTime() - t0) / 1e6;
        }
      }
    }
    double[] medians = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      medians[k] = CmaComparison.median(ms[k]);
    }
    return medians;
  }

  private static Examples randomData(int rows, int d, int classes) {
    SplittableRandom r = new SplittableRandom(1);
    float[] x = new float[rows * d];
    int[] y = new int[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < rows; i++) {
      y[i] = r.nextInt(classes);
    }
    return new Examples(x, y, new int[] {d}, classes);
  }


  /**
   * Bytes per generation of short distributed searches on digits: what Spark reports having moved (a
   * {@link SparkTraffic} listener: broadcast pieces, including each stage's task binary, and task
   * results), beside this project's Java-serialization estimate of what it sends (each broadcast
   * counted once, plus the task payloads a listener cannot see) and against shipping every candidate.
   */
  public void distributed(SparkSession spark, int partitions) throws IOException {
    out.printf("%nDistributed search (bpl search) on digits, mlp[64] (4,874 parameters), %d tasks per generation,"
        + " master %s.%nestimate: Java serialization of the broadcasts (each once) and task payloads; measured:"
        + " what Spark recorded%n(broadcast pieces stored, task binaries included; serialized task results,"
        + " their task metrics included); naive: every candidate shipped as doubles%n", partitions,
        spark.sparkContext().master());
    out.printf("%-34s %6s %5s %12s %13s %11s %12s %12s %10s%n", "method", "lambda", "gens", "estimate B/g",
        "broadcast B/g", "est. res B/g", "results B/g", "naive B/g", "est/naive");
    String[][] runs = {
        {"es", "population: 50, sigma: 0.02, lr: 0.02, batch_size: 50", "es (seeds + broadcast mean)"},
        {"ga", "population: 50, encoding: seeds, crossover: none, batch_size: 50", "ga, seed genomes (+ broadcast x0)"},
        {"ga", "population: 50, batch_size: 50", "ga, vector genomes"},
        {"sep-cmaes", "sigma0: 0.05, batch_size: 50", "sep-cmaes (vectors)"}};
    Path dir = Files.createTempDirectory("bpl-bench-dfo");
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
    for (String[] r : runs) {
      String text = """
          name: bench-dfo
          seed: 3
          dataset: digits
          model: {type: mlp, hidden: [64], activation: tanh}
          budget: {samples: 100000}
          methods:
            - method: %s
              params: {%s}
          """.formatted(r[0], r[1]);
      SweepSpec sweep = SweepFileParser.parse(text, "bench-dfo.yaml");
      SearchJob job = new SearchJob(sweep, "bench-dfo.yaml", text, new ResultsStore(dir.toUri().toString()), quiet);
      TrialSpec t = job.validate();
      SearchJob.Outcome o;
      SparkTraffic traffic = SparkTraffic.register(spark.sparkContext());
      try {
        o = job.run(spark, t, partitions);
        traffic.settle();
      } finally {
        traffic.close();
      }
      double gens = Math.max(1, o.generations());
      SparkTraffic.Executor all = traffic.total();
      out.printf("%-34s %6d %5d %,12.0f %,13.0f %,11.0f %,12.0f %,12.0f %10.3f%n", r[2],
          o.result().evaluations() / Math.max(1, o.generations()), o.generations(),
          o.bytesSentPerGeneration(), all.broadcastBytes() / gens, o.bytesReceivedPerGeneration(),
          all.resultBytes() / gens, o.naiveBytesPerGeneration(),
          o.bytesSentPerGeneration() / o.naiveBytesPerGeneration());
      for (SparkTraffic.Executor e : traffic.executors()) {
        out.printf("    executor %-8s %,8d tasks  broadcast %,14d B  results %,12d B  shuffle %,d B%n", e.id(),
            e.tasks(), e.broadcastBytes(), e.resultBytes(), e.shuffleReadBytes() + e.shuffleWriteBytes());
        out.figure("search_measured_broadcast_bytes_per_generation", e.broadcastBytes() / gens, "bytes",
            "method", r[2], "executor", e.id());
        out.figure("search_measured_result_bytes_per_generation", e.resultBytes() / gens, "bytes",
            "method", r[2], "executor", e.id());
      }
      out.figure("search_bytes_per_generation", o.bytesSentPerGeneration(), "bytes", "method", r[2]);
      out.figure("search_naive_bytes_per_generation", o.naiveBytesPerGeneration(), "bytes", "method", r[2]);
    }
  }
}
