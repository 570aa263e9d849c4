package dev.backproplab.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.sweep.SearchBlock;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.tune.Dimension;
import dev.backproplab.core.tune.TuneSpec;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.sweep.SweepFileParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuneBenchTest {

  @Test
  void theSyntheticOptimumIsWhereTheBenchSaysAndTheGridStaysWithinTheBudget() {
    assertEquals(1.0, TuneBench.truth(Map.of("lr", 0.01, "momentum", 0.9, "width", 128L, "switch", "on")), 1e-12);
    assertTrue(TuneBench.truth(Map.of("lr", 0.01, "momentum", 0.9, "width", 128L, "switch", "off")) < 0.9);
    // along the valley lr / (1 - momentum) = 0.1 only the momentum term costs
    assertEquals(1 - 0.25 * (0.3 / 0.3) * (0.3 / 0.3),
        TuneBench.truth(Map.of("lr", 0.04, "momentum", 0.6, "width", 128L, "switch", "on")), 1e-12);
    List<Map<String, Object>> grid = TuneBench.grid(64);
    assertEquals(54, grid.size(), "3 levels on each of 3 numeric dimensions, 2 switch values");
    for (Map<String, Object> g : grid) {
      assertTrue(TuneBench.truth(g) < 1.0);
    }
  }

  @Test
  void trialsToTargetCountFromOneAndSayWhenTheTargetIsNeverReached() {
    assertEquals(3.0, TuneBench.reach(List.of(0.5, 0.7, 0.9, 0.95), 0.9));
    assertEquals(Double.POSITIVE_INFINITY, TuneBench.reach(List.of(0.5, 0.7), 0.9));
    double[] q = TuneBench.quartiles(new double[] {4, 1, 3, 2, 5});
    assertEquals(2.0, q[0]);
    assertEquals(3.0, q[1]);
    assertEquals(4.0, q[2]);
  }

  /** The real tables' sweep text parses into the two searches, bp's with weight decay among its dimensions. */
  @Test
  void theRealSearchesAreBpWithWeightDecayAndFa() {
    String text = TuneBench.searches(100, "digits", "{samples: 6000}", "ga", 64, 8);
    List<SearchBlock> blocks = SweepExpander.searches(SweepFileParser.parse(text, "t.yaml"), Catalogue.METHODS, "t.yaml");
    assertEquals(List.of("bp", "fa"), blocks.stream().map(b -> b.block().method()).toList());
    assertEquals(List.of("lr", "momentum", "batch_size", "hidden", "weight_decay"),
        blocks.get(0).tune().space().dimensions().stream().map(Dimension::name).toList());
    assertEquals(TuneSpec.Optimizer.GA, blocks.get(1).tune().optimizer());
    assertEquals(6000L, blocks.get(0).sweep().budget().samples());
  }
}
