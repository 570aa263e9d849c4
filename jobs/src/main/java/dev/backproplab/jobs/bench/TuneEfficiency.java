package dev.backproplab.jobs.bench;

import dev.backproplab.core.trial.TrialSpec;
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
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The efficiency table of {@code bpl bench tune}: a search run as {@code bpl sweep} runs it on local[N]
 * (CMA-ES tuning bp and then fa on digits, in that order, which is also the methods' alphabetical one), busy task-seconds (the trials' own wall seconds) over N x
 * wall seconds, and where the rest goes. Per generation, the span (first trial start to last trial end)
 * is split, from the trials' own durations, into: the ideal {@code busy / N}; the imbalance no order
 * removes (the span of the trials scheduled longest first, Graham's LPT rule, minus the ideal); the
 * straggler cost of the order the trials ran in (greedy slot-filling in candidate order, as Spark hands out
 * a job's tasks, minus LPT's); and per-task overhead (the measured span minus the candidate-order
 * schedule: task start, data lookup, the commit). Between generations: the driver's tell, ask, sweep
 * record and job submission.
 */
public final class TuneEfficiency {
  private final BenchOutput out;

  public TuneEfficiency(BenchOutput out) {
    this.out = out;
  }

  /** Runs the two searches ({@code trials} each, {@code parallel} per generation) into {@code dir} and prints the table. */
  public void run(SparkSession spark, int cores, Path dir, int trials, int parallel, int epochs) throws Exception {
    String text = TuneBench.searches(3, "digits", "{epochs: " + epochs + "}", "cmaes", trials, parallel);
    Path results = Files.createDirectories(dir).resolve("results-" + System.nanoTime());
    var sweep = SweepFileParser.parse(text, "tunebench.yaml");
    SweepJob job = new SweepJob(sweep, "tunebench.yaml", text, new ResultsStore(results.toString()),
        new PrintWriter(Writer.nullWriter()));
    List<TrialSpec> none = job.validate();
    long start = System.nanoTime();
    job.run(spark, none);
    double wall = (System.nanoTime() - start) / 1e9;
    ResultsViews.register(spark, results.toString());
    List<Row> rows = spark.sql("SELECT method, generation, candidate, wall_seconds, unix_millis(started_at),"
        + " unix_millis(finished_at) FROM trials ORDER BY method, generation, candidate").collectAsList();
    out.printf("%ngeneration efficiency on local[%d]: CMA-ES tuning bp and then fa on digits as bpl sweep runs it, %d"
        + " epochs per trial,%n%d trials per search, %d per generation (one Spark job each); seconds: ideal = busy / %d,"
        + " imbalance = LPT schedule - ideal,%norder = candidate-order schedule - LPT, overhead = span - candidate-order"
        + " schedule, gap = idle time before the generation%n", cores, epochs, trials, parallel, cores);
    out.printf("%-6s %4s %6s %8s %7s %7s %9s %6s %8s %6s %6s%n", "method", "gen", "trials", "busy", "span", "ideal",
        "imbalance", "order", "overhead", "gap", "eff");
    double busy = 0;
    double[] totals = new double[5];
    long previousEnd = -1;
    for (int i = 0; i < rows.size(); ) {
      Row first = rows.get(i);
      List<Double> durations = new ArrayList<>();
      long begin = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      for (; i < rows.size() && rows.get(i).getString(0).equals(first.getString(0))
          && rows.get(i).getInt(1) == first.getInt(1); i++) {
        durations.add(rows.get(i).getDouble(3));
        begin = Math.min(begin, rows.get(i).getLong(4));
        end = Math.max(end, rows.get(i).getLong(5));
      }
      double[] d = durations.stream().mapToDouble(Double::doubleValue).toArray();
      double b = Arrays.stream(d).sum();
      double span = (end - begin) / 1000.0;
      double ideal = b / cores;
      double lpt = makespan(longestFirst(d), cores);
      double inOrder = makespan(d, cores);
      double gap = previousEnd < 0 ? 0 : (begin - previousEnd) / 1000.0;
      previousEnd = end;
      double[] parts = {ideal, lpt - ideal, inOrder - lpt, span - inOrder, gap};
      for (int k = 0; k < parts.length; k++) {
        totals[k] += parts[k];
      }
      busy += b;
      out.printf("%-6s %4d %6d %8.2f %7.2f %7.2f %9.2f %6.2f %8.2f %6.2f %5.1f%%%n", first.getString(0),
          first.getInt(1), d.length, b, span, parts[0], parts[1], parts[2], parts[3], parts[4], 100 * ideal / span);
      out.figure("generation_efficiency", ideal / span, "fraction", "method", first.getString(0), "generation",
          first.getInt(1), "trials", d.length, "cores", cores, "imbalance_s", parts[1], "order_s", parts[2],
          "overhead_s", parts[3], "gap_s", parts[4]);
    }
    out.printf("whole search: %.2f busy task-s in %.2f s of wall time on %d cores: %.1f%%; of the wall time: ideal"
        + " %.2f s, imbalance %.2f s, order %.2f s, task overhead %.2f s, between generations %.2f s, before the first"
        + " and after the last %.2f s%n", busy, wall, cores, 100 * busy / (cores * wall), totals[0], totals[1], totals[2],
        totals[3], totals[4], wall - Arrays.stream(totals).sum());
    out.figure("search_efficiency", busy / (cores * wall), "fraction", "trials", 2 * trials, "cores", cores,
        "imbalance_s", totals[1], "order_s", totals[2], "overhead_s", totals[3], "between_generations_s", totals[4]);
  }

  /** The durations sorted longest first. */
  static double[] longestFirst(double[] durations) {
    return Arrays.stream(durations).boxed().sorted((x, y) -> Double.compare(y, x)).mapToDouble(Double::doubleValue)
        .toArray();
  }

  /** The finish time of greedy list scheduling: each duration, in order, on the slot that frees first. */
  static double makespan(double[] durations, int slots) {
    double[] free = new double[slots];
    for (double d : durations) {
      int k = 0;
      for (int j = 1; j < slots; j++) {
        if (free[j] < free[k]) {
          k = j;
        }
      }
      free[k] += d;
    }
    return Arrays.stream(free).max().orElse(0);
  }
}
