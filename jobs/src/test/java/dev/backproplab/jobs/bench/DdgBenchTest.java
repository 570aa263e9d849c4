package dev.backproplab.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.jobs.sweep.DataCache;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ddg bench on the digits: every configuration runs, and each ddg row carries its cut's bound. */
class DdgBenchTest {
  @Test
  void everyConfigurationRunsAndDdgRowsCarryTheBoundOfTheirCut() {
    DdgBench bench = new DdgBench(DdgBench.trimmed(DataCache.get("digits"), 400, 100),
        new ModelSpec("mlp", List.of(48, 48), "relu"), 32, 1, 1, 2);
    List<DdgBench.Row> rows = bench.run(bench.configs(4));
    assertEquals(List.of("bp, 1 BLAS thread", "bp, 2 BLAS threads", "ddg K=1, 1 BLAS thread",
        "ddg K=1, 2 BLAS threads",
        "ddg K=2 current, 1 BLAS thread", "ddg K=2 forward, 1 BLAS thread", "ddg K=2 current, barrier (TCP)",
        "ddg K=2 forward, barrier (TCP)", "ddg K=3 current, 1 BLAS thread",
        "ddg K=3 forward, 1 BLAS thread"), rows.stream().map(r -> r.config().label()).toList());
    for (DdgBench.Row r : rows) {
      assertTrue(r.median() > 0 && r.min() <= r.median() && r.median() <= r.max(), r.toString());
      assertTrue(r.cpuMedian() >= 0, r.toString()); // the process CPU clock ticks in 10 ms: a tiny epoch may read 0
      assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, r.toString());
      assertTrue(r.config().modules() == 1 ? r.bound() == 1 : r.bound() > 1 && r.bound() < r.config().modules(),
          r.toString());
    }
    // 64-48-48-10: the first layer sends no error, so under forward two modules come closer to even
    assertTrue(rows.get(5).bound() > rows.get(4).bound(), rows.toString());
    assertEquals(rows.get(4).testAccuracy(), rows.get(6).testAccuracy(), 0.0, "barrier: the threaded numbers");
    assertEquals(rows.get(5).testAccuracy(), rows.get(7).testAccuracy(), 0.0, "barrier: the threaded numbers");
  }
}
