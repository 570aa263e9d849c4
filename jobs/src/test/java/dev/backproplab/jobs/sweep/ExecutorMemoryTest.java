package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.Catalogue;
import dev.backproplab.core.sweep.SweepExpander;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ExecutorMemoryTest {
  private static ExecutorMemory of(String model, String params, SparkConf conf) {
    String text = """
        name: mem
        dataset: digits
        model: MODEL
        budget: {epochs: 1}
        methods:
          - method: bp
            params: {batch_size: 32}
          - method: es
            params: PARAMS
        """.replace("MODEL", model).replace("PARAMS", params);
    return ExecutorMemory.of(SweepExpander.expand(SweepFileParser.parse(text, "mem.yaml"), Catalogue.METHODS,
        "mem.yaml"), conf);
  }

  @Test
  void theLargestModelTimesItsCopiesAndTheTasksPerExecutorSetTheOverhead() {
    // digits: 64 features, 10 classes; mlp [512, 512]: 64*512+512 + 512*512+512 + 512*10+10 parameters
    long params = 64 * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10;
    SparkConf conf = new SparkConf(false).set("spark.executor.cores", "4").set("spark.task.cpus", "1");
    ExecutorMemory m = of("{type: mlp, hidden: [512, 512], activation: relu}", "{population: 50, batch_size: 50}", conf);
    assertEquals(params, m.largestParams());
    assertEquals(4, m.tasksPerExecutor());
    // es with a population of 50 holds 56 copies of the parameters in float32: 68 MiB, rounded up
    long perTrial = (4 * (params * 56 + 50 * (512 + 512 + 10) * 3) + (1 << 20) - 1) >> 20;
    assertEquals(perTrial, m.perTrialMiB());
    assertEquals(384 + 256 + 4 * perTrial + m.dataMiB(), m.overheadMiB());
    Map<String, String> defaults = m.sparkDefaults();
    assertEquals(m.overheadMiB() + "m", defaults.get("spark.executor.memoryOverhead"));
    assertEquals(1, defaults.size());
    assertTrue(m.describe(null).contains(String.format("%,d parameters", params)), m.describe(null));
    assertTrue(m.describe("8g").endsWith("spark.executor.memoryOverhead 8g as configured"), m.describe("8g"));
  }

  @Test
  void aLargerModelNeedsMore() {
    SparkConf conf = new SparkConf(false);
    long small = of("{type: mlp, hidden: [16], activation: relu}", "{population: 10}", conf).overheadMiB();
    long large = of("{type: mlp, hidden: [2048, 2048], activation: relu}", "{population: 10}", conf).overheadMiB();
    assertTrue(large > small + 100, small + " vs " + large);
  }
}
