package dev.backproplab.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bpl bench sweep} on a real (shared, local[2]) session, a few trials: each run's split adds up
 * to its measured time beyond the ideal, counts every trial's task, and is printed as JSON figures.
 */
@Tag("spark")
class SweepBenchTest {
  @Test
  void eachRunSplitsIntoPartsThatAddUpToItsTimeBeyondTheIdeal() throws Exception {
    SparkSession spark = SharedSpark.session();
    SweepBench bench = new SweepBench(6, 4, 0.2);
    SweepBench.Report r = bench.runEfficiency(spark, 2, bench.runOverhead(spark));
    JobTimeline.Split overhead = r.overheadSplit();
    assertEquals(6, overhead.tasks());
    assertEquals(r.sequentialSeconds(), overhead.ideal(), 1e-12);
    assertEquals(r.jobSeconds(), overhead.wall(), 0.05, "the split's wall clock against the bench's timer");
    assertTrue(r.firstJobSeconds() > 0, "the warm-up job is timed too: " + r);
    assertEquals(overhead.wall() - overhead.ideal(), overhead.lost(), 1e-9);
    assertTrue(r.breakdown().trialBytes() > 100 && r.breakdown().resultBytes() > 100, r.breakdown().toString());
    JobTimeline.Split parallel = r.parallelSplit();
    assertEquals(4, parallel.tasks());
    assertEquals(0.4, parallel.ideal(), 1e-12);
    assertEquals(parallel.wall() - parallel.ideal(), parallel.lost(), 1e-9);
    assertTrue(parallel.trialExcess() >= 0, "a trial of a 0.2 s budget runs at least 0.2 s: " + parallel);
    assertTrue(parallel.startUp() >= 0 && parallel.end() >= 0 && parallel.tail() >= 0, parallel.toString());
    StringWriter text = new StringWriter();
    SweepBench.print(r, new BenchOutput(new PrintWriter(text), BenchOutput.Format.JSON, "sweep", 1));
    String json = text.toString();
    for (String figure : new String[] {"overhead_per_trial", "overhead_per_trial_first_run", "overhead_split_per_trial",
        "overhead_part_per_trial", "parallel_efficiency", "parallel_efficiency_own_time", "efficiency_loss",
        "task_bytes"}) {
      assertTrue(json.contains("\"figure\":\"" + figure + "\""), figure + " in " + json);
    }
    assertTrue(json.contains("\"part\":\"between_tasks\"") && json.contains("\"part\":\"run_end\""), json);
  }
}
