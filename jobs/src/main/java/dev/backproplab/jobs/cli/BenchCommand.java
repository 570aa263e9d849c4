package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.bench.Machine;
import dev.backproplab.jobs.bench.RulesBench;
import dev.backproplab.jobs.bench.TrainBench;
import dev.backproplab.jobs.sweep.Threads;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
      "         samples/s, their ratio, and the share of the GEMM-only bound measured in the run.",
      "  rules  time per training step of every credit-assignment rule (fa, dfa, arbp, asrbp,",
      "         sparse-rbp, sign-symmetry, low-bit errors) on the same MLP and optimizer, relative",
      "         to bp in the same run, interleaved rounds; diagnostics off and on."
    })
final class BenchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SUITE", defaultValue = "train", description = "The suite: train or rules. Default: ${DEFAULT-VALUE}.")
  String suite;

  @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per implementation. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--seconds", defaultValue = "3", description = "Seconds per round. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Option(names = "--threads", defaultValue = "1", description = "BLAS threads. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--diagnostics-every", defaultValue = "10",
      description = "rules: steps between diagnostics in the 'on' columns. Default: ${DEFAULT-VALUE}.")
  int diagnosticsEvery;

  @Override
  public Integer call() {
    if (!suite.equals("train") && !suite.equals("rules")) {
      throw new InvalidInputException("unknown bench suite '" + suite + "': expected train or rules");
    }
    if (rounds < 1 || !(seconds > 0) || threads < 1 || diagnosticsEvery < 1) {
      throw new InvalidInputException(
          "--rounds, --seconds, --threads and --diagnostics-every must be positive");
    }
    Threads.useBlasThreads(threads);
    PrintStream out = System.out;
    if (suite.equals("rules")) {
      return rules(out);
    }
    out.println("bench train on " + Machine.describe() + ", " + threads + " BLAS thread(s)");
    out.printf("MLP 784-256-256-10, batch 128, Adam(1e-3), float32; %d rounds of %.1f s each, interleaved%n",
        rounds, seconds);
    TrainBench.Report r = new TrainBench(new int[] {784, 256, 256, 10}, 128, rounds, seconds).run();
    double bound = r.gemmBound().median();
    double dl4j = r.dl4j().median();
    out.printf("%n%-24s %12s %21s %9s %15s%n", "implementation", "samples/s", "(min .. max)", "vs DL4J", "of GEMM bound");
    for (TrainBench.Measure m : new TrainBench.Measure[] {r.engine(), r.dl4j(), r.gemmBound()}) {
      out.printf("%-24s %,12.0f %,10.0f .. %,8.0f %8.2fx %14.0f%%%n", m.name(), m.median(), m.min(), m.max(),
          m.median() / dl4j, 100 * m.median() / bound);
    }
    double engineGflops = r.engine().median() * r.flopsPerSample() / 1e9;
    out.printf("%nSGEMM 1024^3: %.1f GFLOP/s; the network costs %.2f MFLOP per sample, so the engine runs%n"
        + "at %.1f GFLOP/s (%.0f%% of SGEMM 1024^3) and DL4J at %.1f GFLOP/s (%.0f%%).%n",
        r.sgemmGflops(), r.flopsPerSample() / 1e6, engineGflops, 100 * engineGflops / r.sgemmGflops(),
        dl4j * r.flopsPerSample() / 1e9, 100 * dl4j * r.flopsPerSample() / 1e9 / r.sgemmGflops());
    out.printf("engine / DL4J = %.2fx%n", r.engine().median() / dl4j);
    return ExitCodes.OK;
  }

  private int rules(PrintStream out) {
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
    }
    return ExitCodes.OK;
  }
}
