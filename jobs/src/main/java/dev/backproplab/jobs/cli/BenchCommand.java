package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.Spark;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.tune.TuneSpec;
import dev.backproplab.jobs.bench.BenchOutput;
import dev.backproplab.jobs.bench.DdgBench;
import dev.backproplab.jobs.bench.DfoBench;
import dev.backproplab.jobs.bench.JacobianBench;
import dev.backproplab.jobs.bench.Machine;
import dev.backproplab.jobs.bench.QueryBench;
import dev.backproplab.jobs.bench.RulesBench;
import dev.backproplab.jobs.bench.SweepBench;
import dev.backproplab.jobs.bench.TrainBench;
import dev.backproplab.jobs.bench.TuneBench;
import dev.backproplab.jobs.bench.TuneEfficiency;
import dev.backproplab.jobs.sweep.DataCache;
import dev.backproplab.jobs.sweep.Threads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bpl bench [SUITE]}: benchmarks that print ratios against a baseline measured in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a benchmark and print its table. Suites:",
      "  train  the MLP 784-256-256-10 (batch 128, Adam 1e-3, float32) trained by this project's",
      "         engine and by DL4J's MultiLayerNetwork in the same JVM, interleaved rounds;",
      "         samples/s, their ratio, and the share of the GEMM-only bound measured in the run;",
      "         where a step's time goes (GEMM, elementwise, updater, data, each timed alone).",
      "         --model small: 64-8-10, batch 16, where dispatch rather than arithmetic costs;",
      "         --model lenet: LeNet-5 (batch 64) against DL4J's ConvolutionLayer/SubsamplingLayer net.",
      "  sweep  the sweep job's overhead per trial (near-empty trials on local[1] against the same",
      "         trials run one after another in this JVM) and its parallel efficiency on local[N]",
      "         (--trials trials of --trial-seconds each against the ideal trials*seconds/N);",
      "         each run split from Spark's task records into start-up, between tasks, task",
      "         (de)serialisation, in the task, the trials' own excess, the last wave's tail and the",
      "         run's end (compaction); the commit, its syncs, lock checks, heartbeat and compaction",
      "         also timed alone; the bytes a task carries and returns.",
      "  dfo    derivative-free optimizers: CMA-ES evaluations to f < 1e-8 against pycma's medians;",
      "         this CMA-ES against Commons Math's CMAESOptimizer (evaluations, ms per generation at",
      "         n = 10, 100, 1000); full and sep-CMA-ES at n = 10,000 and sep-CMA-ES and ES at",
      "         n = 100,000 (time and memory per generation);",
      "         stacked population evaluation against one candidate at a time; bytes per generation of",
      "         bpl search: what Spark recorded (broadcast pieces, task results, per executor; a listener)",
      "         beside the Java-serialization estimate and shipping every candidate (--master, local[2]).",
      "         --rounds sets the seeds of the Commons Math table; the pycma table uses the 10 seeds",
      "         its pycma medians were measured on (conf/bench/pycma_reference.py).",
      "  query  best configuration per method on --query-trials trials of --points curve points",
      "         (a folder written once into --dir, then reused) through DuckDB and Spark SQL (session",
      "         start apart), then the same on a compacted copy (<dir>-compacted, as bpl compact",
      "         leaves it) with the time to compact; the time to build a report page and its size.",
      "  rules  time per training step of every credit-assignment rule (fa, dfa, arbp, asrbp,",
      "         sparse-rbp, sign-symmetry, low-bit errors) on the same MLP and optimizer, relative",
      "         to bp in the same run, interleaved rounds; diagnostics off and on.",
      "  ddg    wall time per epoch of decoupled parallel backprop, ddg K=1..--max-modules on K",
      "         threads (from K=2 with both delayed_weights choices), against bp with 1 and with",
      "         --cores BLAS threads (the faster is the baseline; ddg K=1 at both too), interleaved",
      "         rounds, on MNIST (BPL_DATA_DIR): the MLP 784-256-256-10 and the LeNet-like CNN (--nets;",
      "         also mlp512, mlp800, MLPs two modules balance on), batch --batch, Adam(1e-3);",
      "         --epochs per trial, --examples per epoch (default per network: a few minutes in all on",
      "         a quiet 2-core machine). Each ddg row shows the most its cut at layer boundaries",
      "         allows (bound: bp's multiply-adds over the largest module's) and the CPU seconds an",
      "         epoch took (the work, which a busy machine disturbs far less than wall time). K=2 also",
      "         runs as execution: barrier does (modules linked by TCP, here on loopback), with its",
      "         time per epoch against the threaded K=2 row: the cost of the frames and sockets.",
      "  tune   hyperparameter search by each optimizer of a tune: block: on a noisy synthetic objective",
      "         with a known optimum (log lr, momentum, integer width, an on/off switch), the median",
      "         regret after --tune-trials trials over --seeds seeds for random, grid, cmaes, sep-cmaes,",
      "         ga, nelder-mead and tpe; on MNIST (real trials, --cores at a time, each trained on",
      "         --tune-samples examples, scored on the 5,000-example validation split), the trials random",
      "         (an independent search), cmaes and ga need to reach the best validation accuracy of",
      "         --tune-trials random trials, tuning bp (lr, momentum, batch size, width, weight decay) and",
      "         fa (lr, feedback scale), median over --real-seeds seeds; on digits, a search's",
      "         efficiency per generation on local[--cores]",
      "         (busy task-seconds / (cores x wall seconds)). --tune-parts chooses the tables.",
      "  jacobian  blackbox Jacobians (no timing: calls): the calls finite differences, colouring and",
      "         L1 sparse recovery need to reach relative error 1e-6 (noiseless) and 1e-2 (output noise",
      "         0.01) on banded (bandwidth 3) and block-sparse (blocks of 8) linear maps for each n of",
      "         --sizes; the error against calls of every estimator on the one-step Jacobian of a",
      "         planar chain of --links links under gravity (RK4).",
      "Every table starts with the machine and its load average (a busy machine slows every figure;",
      "compare the ratios measured within one run). --format json prints one JSON object per figure",
      "instead, with its context (version, host, BLAS threads, kernels, load), to track figures over",
      "commits."
    })
final class BenchCommand implements Callable<Integer> {
  /**
   * A network of {@code bench ddg} and its training examples per epoch unless --examples says: sized so
   * that the default bench (mlp and lenet) takes a few minutes on a quiet 2-core machine.
   */
  private record DdgNet(ModelSpec model, int examples) {}

  /** The networks of {@code bench ddg}: the MNIST MLP, two MLPs two modules balance on, the LeNet-like CNN. */
  private static final Map<String, DdgNet> DDG_NETS = Map.of(
      "mlp", new DdgNet(new ModelSpec("mlp", List.of(256, 256), "relu"), 20_000),
      "mlp512", new DdgNet(new ModelSpec("mlp", List.of(512, 512), "relu"), 10_000),
      "mlp800", new DdgNet(new ModelSpec("mlp", List.of(800, 800), "relu"), 10_000),
      "lenet", new DdgNet(new ModelSpec("cnn", List.of(120, 84), "relu",
          List.of(new ModelSpec.ConvSpec(6, 5, 1, 2), new ModelSpec.ConvSpec(16, 5, 1, 0)), 2), 3_000));

  /** A network of {@code bench train}: its kind, its widths (LeNet: input and classes) and its batch. */
  private record TrainNet(TrainBench.Model kind, int[] layers, int batch) {}

  /** The networks of {@code bench train --model}, in the order {@code --help} and errors name them. */
  private static final Map<String, TrainNet> TRAIN_NETS = trainNets();

  private static Map<String, TrainNet> trainNets() {
    Map<String, TrainNet> nets = new LinkedHashMap<>();
    nets.put("mlp", new TrainNet(TrainBench.Model.MLP, new int[] {784, 256, 256, 10}, 128));
    nets.put("small", new TrainNet(TrainBench.Model.MLP, new int[] {64, 8, 10}, 16));
    nets.put("lenet", new TrainNet(TrainBench.Model.LENET, new int[] {784, 10}, 64));
    return Collections.unmodifiableMap(nets);
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SUITE", defaultValue = "train",
      description = "The suite: train, rules, ddg, sweep, dfo, query, tune or jacobian. Default: ${DEFAULT-VALUE}.")
  String suite;

  @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per implementation. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--seconds", defaultValue = "3", description = "Seconds per round. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Option(names = "--parts", split = ",", defaultValue = "pycma,commons-math,n10000,large,population,distributed",
      description = "dfo only: which tables. Default: ${DEFAULT-VALUE}.")
  java.util.List<String> parts;

  @Option(names = "--threads", defaultValue = "1", description = "BLAS threads. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--format", defaultValue = "table",
      description = "table, or json: one JSON object per figure. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--model", defaultValue = "mlp",
      description = "train only: mlp (784-256-256-10, batch 128), small (64-8-10, batch 16: the size of the"
          + " digits trials of the quick start and of bench sweep) or lenet (LeNet-5, batch 64)."
          + " Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--diagnostics-every", defaultValue = "10",
      description = "rules: steps between diagnostics in the 'on' columns. Default: ${DEFAULT-VALUE}.")
  int diagnosticsEvery;

  @Option(names = "--empty-trials", defaultValue = "200", description = "sweep: near-empty trials for the overhead. Default: ${DEFAULT-VALUE}.")
  int emptyTrials;

  @Option(names = "--trials", defaultValue = "200", description = "sweep: timed trials for the efficiency. Default: ${DEFAULT-VALUE}.")
  int timedTrials;

  @Option(names = "--trial-seconds", defaultValue = "1", description = "sweep: seconds per timed trial. Default: ${DEFAULT-VALUE}.")
  double trialSeconds;

  @Option(names = "--cores", defaultValue = "2",
      description = "sweep: local[N] for the efficiency; ddg: the cores a trial owns. Default: ${DEFAULT-VALUE}.")
  int cores;

  @Option(names = "--nets", split = ",", defaultValue = "mlp,lenet",
      description = "ddg only: the networks: mlp (784-256-256-10), mlp512, mlp800 (two modules balance on these)"
          + " and/or lenet. Default: ${DEFAULT-VALUE}.")
  List<String> nets;

  @Option(names = "--max-modules", defaultValue = "3", description = "ddg only: K up to this. Default: ${DEFAULT-VALUE}.")
  int maxModules;

  @Option(names = "--epochs", defaultValue = "1", description = "ddg only: epochs per trial. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--examples",
      description = "ddg only: training examples per epoch (MNIST has 60,000). Default: per network, mlp 20,000,"
          + " mlp512 and mlp800 10,000, lenet 3,000.")
  Integer examples;

  @Option(names = "--batch", defaultValue = "128", description = "ddg only: minibatch size. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--query-trials", defaultValue = "1000", description = "query: trials in the folder. Default: ${DEFAULT-VALUE}.")
  int queryTrials;

  @Option(names = "--points", defaultValue = "1000", description = "query: curve points per trial. Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench-query",
      description = "query: the results folder to write (or reuse). Default: ${DEFAULT-VALUE}.")
  String dir;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
      description = "query, and dfo's distributed table (e.g. spark://host:7077 to measure what executors"
          + " fetch): the Spark master. Default: ${DEFAULT-VALUE}.")
  String master;

  @Option(names = "--tune-parts", split = ",", defaultValue = "synthetic,mnist,efficiency",
      description = "tune only: which tables. Default: ${DEFAULT-VALUE}.")
  List<String> tuneParts;

  @Option(names = "--tune-methods", split = ",", defaultValue = "bp,fa",
      description = "tune: the MNIST table's methods. Default: ${DEFAULT-VALUE}.")
  List<String> tuneMethods;

  @Option(names = "--tune-optimizers", split = ",", defaultValue = "random,cmaes,ga",
      description = "tune: the MNIST table's optimizers (random's target search always runs). Default:"
          + " ${DEFAULT-VALUE}.")
  List<String> tuneOptimizers;

  @Option(names = "--tune-trials", defaultValue = "64", description = "tune: trials per search. Default: ${DEFAULT-VALUE}.")
  int tuneTrials;

  @Option(names = "--seeds", defaultValue = "10", description = "tune: seeds of the synthetic table. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--real-seeds", defaultValue = "5", description = "tune: seeds of the MNIST table. Default: ${DEFAULT-VALUE}.")
  int realSeeds;

  @Option(names = "--tune-samples", defaultValue = "8000",
      description = "tune: training examples per MNIST trial. Default: ${DEFAULT-VALUE}.")
  long tuneSamples;

  @Option(names = "--tune-epochs", defaultValue = "5",
      description = "tune: epochs per digits trial of the efficiency table. Default: ${DEFAULT-VALUE}.")
  int tuneEpochs;

  @Option(names = "--sizes", split = ",", defaultValue = "50,200,500,1000,2000",
      description = "jacobian: input sizes n of the linear maps. Default: ${DEFAULT-VALUE}.")
  int[] sizes;

  @Option(names = "--links", defaultValue = "50", description = "jacobian: links of the chain. Default: ${DEFAULT-VALUE}.")
  int links;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || !(seconds > 0) || threads < 1 || emptyTrials < 1 || timedTrials < 1 || !(trialSeconds > 0)
        || cores < 1 || diagnosticsEvery < 1 || queryTrials < 1 || points < 2 || maxModules < 1 || epochs < 1
        || (examples != null && examples < 1) || batch < 1 || tuneTrials < 8 || seeds < 1 || realSeeds < 1
        || tuneEpochs < 1 || tuneSamples < 1 || links < 1 || java.util.Arrays.stream(sizes).anyMatch(n -> n < 8)) {
      throw new InvalidInputException("--rounds, --seconds, --threads, --empty-trials, --trials, --trial-seconds,"
          + " --cores, --diagnostics-every, --query-trials, --max-modules, --epochs, --examples, --batch, --seeds,"
          + " --real-seeds, --tune-epochs, --tune-samples and --links must be positive, --points at least 2, --tune-trials at"
          + " least 8, --sizes at least 8");
    }
    for (String net : nets) {
      if (!DDG_NETS.containsKey(net)) {
        throw new InvalidInputException("--nets entry '" + net + "' is not known: expected some of "
            + new java.util.TreeSet<>(DDG_NETS.keySet()));
      }
    }
    BenchOutput.Format form = switch (format) {
      case "table" -> BenchOutput.Format.TABLE;
      case "json" -> BenchOutput.Format.JSON;
      default -> throw new InvalidInputException("--format '" + format + "' is not known: expected table or json");
    };
    if (!TRAIN_NETS.containsKey(model)) {
      List<String> names = List.copyOf(TRAIN_NETS.keySet());
      throw new InvalidInputException("--model '" + model + "' is not known: expected "
          + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }
    Threads.useBlasThreads(threads);
    BenchOutput out = new BenchOutput(spec.commandLine().getOut(), form, suite, threads);
    return switch (suite) {
      case "train" -> train(out);
      case "sweep" -> sweep(out);
      case "rules" -> rules(out);
      case "ddg" -> ddg(out);
      case "dfo" -> dfo(out);
      case "jacobian" -> jacobian(out);
      case "query" -> {
        out.println("bench query on " + Machine.describe());
        QueryBench.run(java.nio.file.Path.of(dir), queryTrials, points, master, out);
        yield ExitCodes.OK;
      }
      case "tune" -> tune(out);
      default -> throw new InvalidInputException(
          "unknown bench suite '" + suite + "': expected train, rules, ddg, sweep, dfo, query, tune or jacobian");
    };
  }

  private int jacobian(BenchOutput out) {
    out.println("bench jacobian on " + Machine.describe());
    out.printf("%ncalls to reach relative error 1e-6 (noiseless) / 1e-2 (output noise %.2f), every call counted,"
        + " f(x) included;%ndifferences and colouring averaged over 1, 2, 4, ... repeats, L1 recovery with k = s, 2s,"
        + " 4s, ... calls (s = the largest row support); -1: not reached%n", JacobianBench.NOISE);
    out.printf("%-8s %6s %-9s %12s %10s %10s%n", "pattern", "n", "noise", "differences", "colouring", "sparse-l1");
    JacobianBench.callsToTarget(sizes, 7, r -> {
      out.printf("%-8s %6d %-9s %12d %10d %10d%n", r.structure(), r.n(), r.noisy() ? "0.01" : "none", r.differences(),
          r.colouring(), r.sparse());
      for (Object[] e : new Object[][] {{"differences", r.differences()}, {"colouring", r.colouring()},
          {"sparse-l1", r.sparse()}}) {
        out.figure("jacobian_calls_to_target", (Long) e[1], "calls", "pattern", r.structure(), "n", r.n(),
            "noisy", r.noisy(), "estimator", e[0]);
      }
      out.flush();
    });
    out.printf("%nchain of %d links (n = %d), one RK4 step of 0.01 s: relative error of each estimate against central"
        + " differences with step 1e-6%n", links, 4 * links);
    out.printf("%-34s %8s %12s%n", "estimator", "calls", "rel. error");
    for (JacobianBench.ChainRow r : JacobianBench.chain(links, 7)) {
      out.printf("%-34s %8d %12.3e%n", r.estimator(), r.calls(), r.error());
      out.figure("chain_jacobian_error", r.error(), "relative", "estimator", r.estimator(), "calls", r.calls());
    }
    out.println(Machine.loadLine());
    out.flush();
    return ExitCodes.OK;
  }

  private int sweep(BenchOutput out) throws Exception {
    out.println("bench sweep on " + Machine.describe());
    SweepBench.Report r;
    SparkSession one = Spark.session("bpl bench sweep (1 core)", "local[1]", false);
    try {
      SweepBench bench = new SweepBench(emptyTrials, timedTrials, trialSeconds);
      // the two measurements need sessions of different sizes: one after the other
      r = bench.runOverhead(one);
    } finally {
      one.stop();
    }
    SparkSession all = Spark.session("bpl bench sweep (" + cores + " cores)", "local[" + cores + "]", false);
    try {
      r = new SweepBench(emptyTrials, timedTrials, trialSeconds).runEfficiency(all, cores, r);
    } finally {
      all.stop();
    }
    SweepBench.print(r, out);
    out.println(Machine.loadLine());
    out.flush();
    return ExitCodes.OK;
  }

  private int rules(BenchOutput out) {
    out.println("bench rules on " + Machine.describe() + ", " + threads + " BLAS thread(s)");
    out.printf("MLP 784-256-256-10 relu, batch 128, Adam(1e-3), float32; %d rounds of %.1f s per rule and"
        + " setting, interleaved; diagnostics on = every %d steps%n", rounds, seconds, diagnosticsEvery);
    List<RulesBench.Row> rows = new RulesBench(new int[] {784, 256, 256, 10}, 128, rounds, seconds,
        diagnosticsEvery, RulesBench.defaultVariants()).run();
    double bp = rows.get(0).msOff();
    out.printf("%n%-24s %12s %9s %12s %9s %14s%n", "rule", "ms/step off", "vs bp", "ms/step on", "vs bp",
        "on / off");
    for (RulesBench.Row row : rows) {
      out.printf("%-24s %12.3f %8.2fx %12.3f %8.2fx %13.2fx%n", row.label(), row.msOff(), row.msOff() / bp,
          row.msOn(), row.msOn() / bp, row.msOn() / row.msOff());
      out.figure("ms_per_step", row.msOff(), "ms", "rule", row.label(), "diagnostics", "off");
      out.figure("ms_per_step", row.msOn(), "ms", "rule", row.label(), "diagnostics", "on");
    }
    out.println(Machine.loadLine());
    out.flush();
    return ExitCodes.OK;
  }

  /** The median seconds per epoch of the K=2 row of {@code weights} and {@code execution}, 0 if not run. */
  private static double ddgMedian(List<DdgBench.Row> rows, String weights, String execution) {
    return rows.stream().filter(r -> r.config().modules() == 2 && weights.equals(r.config().delayedWeights())
        && execution.equals(r.config().execution()) && r.config().blasThreads() == 1)
        .mapToDouble(DdgBench.Row::median).findFirst().orElse(0);
  }

  private int ddg(BenchOutput out) {
    out.println("bench ddg on " + Machine.describe() + ", a trial owns " + cores + " core(s)");
    out.printf("MNIST, batch %d, Adam(1e-3), float32; %d epoch(s) per trial, %d rounds, interleaved; validation"
        + " and test on 1,000 examples each after every epoch (included)%n", batch, epochs, rounds);
    for (String net : nets) {
      ModelSpec model = DDG_NETS.get(net).model();
      DataSplit mnist = DdgBench.trimmed(DataCache.get("mnist"),
          examples != null ? examples : DDG_NETS.get(net).examples(), 1000);
      DdgBench bench = new DdgBench(mnist, model, batch, epochs, rounds, cores);
      List<DdgBench.Row> rows = bench.run(bench.configs(maxModules));
      double baseline = rows.stream().filter(r -> r.config().method().equals("bp"))
          .mapToDouble(DdgBench.Row::median).min().orElseThrow();
      out.printf("%n%s, %,d training examples per epoch%n%-38s %10s %19s %16s %7s %11s %9s%n", model.describe(), mnist.train().size(), "configuration", "s/epoch",
          "(min .. max)", "speed-up vs bp", "bound", "cpu s/epoch", "test acc");
      for (DdgBench.Row r : rows) {
        out.printf("%-38s %10.2f %8.2f .. %8.2f %15.2fx %6.2fx %11.2f %9.4f%n", r.config().label(), r.median(),
            r.min(), r.max(), baseline / r.median(), r.bound(), r.cpuMedian(), r.testAccuracy());
        out.figure("seconds_per_epoch", r.median(), "s", "model", net, "method", r.config().method(),
            "modules", r.config().modules(), "delayed_weights", r.config().delayedWeights(),
            "execution", r.config().execution(), "blas_threads", r.config().blasThreads(), "min", r.min(), "max", r.max(), "cpu_seconds", r.cpuMedian(),
            "rounds", rounds, "examples", mnist.train().size());
        if (r.config().method().equals("ddg")) {
          out.figure("ddg_speedup_vs_best_bp", baseline / r.median(), "x", "model", net, "modules", r.config().modules(),
              "delayed_weights", r.config().delayedWeights(), "execution", r.config().execution(), "bound", r.bound());
        }
      }
      for (String weights : List.of("current", "forward")) {
        double threaded = ddgMedian(rows, weights, "threads");
        double barrier = ddgMedian(rows, weights, "barrier");
        if (threaded > 0 && barrier > 0) {
          out.printf("barrier (TCP) against threads, K=2 %s: %.2fx the time per epoch%n", weights, barrier / threaded);
          out.figure("ddg_barrier_vs_threads", barrier / threaded, "x", "model", net, "delayed_weights", weights);
        }
      }
      if (maxModules > bench.modulesPossible()) {
        out.printf("(K > %d is not possible: the network has %d layers with weights, a module needs one)%n",
            bench.modulesPossible(), bench.modulesPossible());
      }
      out.println(Machine.loadLine());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private int train(BenchOutput out) {
    TrainNet net = TRAIN_NETS.get(model);
    boolean lenet = net.kind() == TrainBench.Model.LENET;
    int batch = net.batch();
    out.println("bench train on " + Machine.describe() + ", " + threads + " BLAS thread(s)");
    TrainBench.Report r = new TrainBench(net.kind(), net.layers(), batch, rounds, seconds).run();
    out.printf("%s, batch %d, Adam(1e-3), float32; %d rounds of %.1f s each, interleaved%n", r.network(), batch,
        rounds, seconds);
    double dl4j = r.dl4j().median();
    TrainBench.Measure bound = r.gemmBound();
    out.printf("%n%-24s %12s %21s %9s %15s%n", "implementation", "samples/s", "(min .. max)", "vs DL4J",
        bound == null ? "" : "of GEMM bound");
    List<TrainBench.Measure> rows = bound == null ? List.of(r.engine(), r.dl4j()) : List.of(r.engine(), r.dl4j(), bound);
    for (TrainBench.Measure m : rows) {
      out.printf("%-24s %,12.0f %,10.0f .. %,8.0f %8.2fx %s%n", m.name(), m.median(), m.min(), m.max(),
          m.median() / dl4j, bound == null ? "" : String.format("%14.0f%%", 100 * m.median() / bound.median()));
      out.figure("samples_per_second", m.median(), "samples/s", "model", model, "implementation", m.name(),
          "min", m.min(), "max", m.max(), "rounds", rounds);
    }
    out.figure("engine_vs_dl4j", r.engine().median() / dl4j, "x", "model", model);
    if (bound != null) {
      out.figure("engine_share_of_gemm_bound", r.engine().median() / bound.median(), "fraction", "model", model);
      double engineGflops = r.engine().median() * r.flopsPerSample() / 1e9;
      out.printf("%nSGEMM 1024^3: %.1f GFLOP/s; the network costs %.3g MFLOP per sample, so the engine runs%n"
          + "at %.2f GFLOP/s (%.1f%% of SGEMM 1024^3) and DL4J at %.2f GFLOP/s (%.1f%%).%n",
          r.sgemmGflops(), r.flopsPerSample() / 1e6, engineGflops, 100 * engineGflops / r.sgemmGflops(),
          dl4j * r.flopsPerSample() / 1e9, 100 * dl4j * r.flopsPerSample() / 1e9 / r.sgemmGflops());
    }
    out.figure("sgemm_1024", r.sgemmGflops(), "GFLOP/s");
    TrainBench.Phases p = r.phases();
    double step = r.stepMs();
    out.printf("%nwhere an engine step goes: each phase timed alone on arrays of the step's shapes (medians),%n"
        + "against the measured step of %.3f ms (%d samples)%n", step, batch);
    String[][] names = {
        {"gemm", lenet ? "" : "GEMM (the step's products)"},
        {"elementwise", "elementwise (bias, activation, loss, bias gradient, derivative)"},
        {"updater", "updater (Adam)"},
        {"data", "data (batch copy)"}};
    double[] ms = {p.gemm(), p.elementwise(), p.updater(), p.data()};
    double accounted = 0;
    for (int i = 0; i < ms.length; i++) {
      if (Double.isNaN(ms[i])) {
        continue;
      }
      accounted += ms[i];
      out.printf("  %-66s %8.3f ms %5.0f%%%n", names[i][1], ms[i], 100 * ms[i] / step);
      out.figure("phase_ms_per_step", ms[i], "ms", "model", model, "phase", names[i][0]);
    }
    String rest = lenet ? "the rest: convolutions, pooling, products, dispatch" : "the rest: dispatch, cache effects";
    out.printf("  %-66s %8.3f ms %5.0f%%%n", rest, step - accounted, 100 * (step - accounted) / step);
    out.figure("phase_ms_per_step", step - accounted, "ms", "model", model, "phase", "rest");
    out.printf("%none Adam pass over the %s parameters alone: vector kernels %.3f ms, scalar kernels %.3f ms (%.1fx)%n",
        lenet ? "network's" : "MLP's", p.adamVector(), p.adamScalar(), p.adamScalar() / p.adamVector());
    out.figure("adam_pass_ms", p.adamVector(), "ms", "model", model, "kernels", "vector");
    out.figure("adam_pass_ms", p.adamScalar(), "ms", "model", model, "kernels", "scalar");
    out.printf("%nengine / DL4J = %.2fx%n", r.engine().median() / dl4j);
    out.println(Machine.loadLine());
    out.flush();
    return ExitCodes.OK;
  }

  private Integer tune(BenchOutput out) throws Exception {
    List<String> known = List.of("synthetic", "mnist", "efficiency");
    for (String p : tuneParts) {
      if (!known.contains(p)) {
        throw new InvalidInputException("unknown --tune-parts entry '" + p + "': expected some of " + known);
      }
    }
    for (String m : tuneMethods) {
      if (!TuneBench.REAL_METHODS.contains(m)) {
        throw new InvalidInputException("unknown --tune-methods entry '" + m + "': expected some of "
            + TuneBench.REAL_METHODS);
      }
    }
    List<TuneSpec.Optimizer> optimizers = new ArrayList<>();
    for (String o : tuneOptimizers) {
      try {
        optimizers.add(TuneSpec.Optimizer.parse(o));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("--tune-optimizers: " + e.getMessage());
      }
    }
    out.println("bench tune on " + Machine.describe());
    TuneBench bench = new TuneBench(out);
    int parallel = 8;
    if (tuneParts.contains("synthetic")) {
      bench.synthetic(tuneTrials, parallel, seeds);
    }
    if (tuneParts.contains("mnist")) {
      bench.real(tuneMethods, optimizers, tuneTrials, parallel, realSeeds, tuneSamples, cores);
    }
    if (tuneParts.contains("efficiency")) {
      SparkSession spark = Spark.session("bpl bench tune", "local[" + cores + "]", false);
      try {
        new TuneEfficiency(out).run(spark, cores, java.nio.file.Path.of(dir).resolveSibling("bench-tune"),
            2 * parallel, parallel, tuneEpochs);
      } finally {
        spark.stop();
      }
    }
    out.println(Machine.loadLine());
    out.flush();
    return ExitCodes.OK;
  }

  private Integer dfo(BenchOutput out) throws Exception {
    out.println("bench dfo on " + Machine.describe() + ", " + threads + " BLAS thread(s)");
    java.util.List<String> known =
        java.util.List.of("pycma", "commons-math", "n10000", "large", "population", "distributed");
    for (String p : parts) {
      if (!known.contains(p)) {
        throw new InvalidInputException("unknown --parts entry '" + p + "': expected some of " + known);
      }
    }
    DfoBench bench = new DfoBench(out);
    if (parts.contains("pycma")) {
      bench.pycma();
    }
    if (parts.contains("commons-math")) {
      bench.commonsMath(rounds);
    }
    if (parts.contains("n10000")) {
      bench.fullAndSep(10_000, 3);
    }
    if (parts.contains("large")) {
      bench.large(100_000, 10);
    }
    if (parts.contains("population")) {
      bench.populationEvaluation(7);
    }
    if (parts.contains("distributed")) {
      SparkSession spark = Spark.session("bpl bench dfo", master, false);
      try {
        bench.distributed(spark, 2);
      } finally {
        spark.stop();
      }
    }
    out.println(Machine.loadLine());
    out.flush();
    return ExitCodes.OK;
  }
}
