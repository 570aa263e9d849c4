package dev.backproplab.core.trial.ddg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.TestData;
import dev.backproplab.core.stopping.StoppingRule;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.core.trial.Trials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** However a ddg trial ends, no module thread outlives it. */
class DdgShutdownTest {
  private static final DataSplit DATA = TestData.split(96, 32, 4, 3, 2);
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(6, 5), "tanh");

  private static TrialSpec spec(Map<String, Object> params, Budget budget) {
    return Trials.spec("ddg", params, MLP, budget, 3);
  }

  private static long moduleThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ddg-module-") && t.isAlive()).count();
  }

  @Test
  void twoHundredTrialsOfThreeModulesLeaveNoThreadRunning() {
    TrialSpec s = spec(Map.of("modules", 3L, "batch_size", 16L, "lr", 0.05), new Budget(null, 200L, null));
    for (int i = 0; i < 200; i++) {
      TrialResult r = new TrialRunner().run(s, DATA, p -> {});
      assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
      assertEquals(0, moduleThreads(), "run " + i);
      assertTrue(r.samplesSeen() >= 200);
    }
  }

  @Test
  void aDivergedTrialStopsItsModules() {
    TrialSpec s = Trials.spec("ddg", Map.of("modules", 3L, "lr", 1e30), new ModelSpec("mlp", List.of(6, 5), "relu"),
        new Budget(50, null, null), 3);
    TrialResult r = new TrialRunner().run(s, DATA, p -> {});
    assertEquals(TrialStatus.DIVERGED, r.status(), r.error());
    assertTrue(r.error().contains("loss became"), r.error());
    assertEquals(0, moduleThreads());
  }

  @Test
  void theTimeLimitStopsTheModules() {
    TrialResult r = new TrialRunner().run(
        spec(Map.of("modules", 3L, "batch_size", 4L), new Budget(100000, null, null)), DATA, p -> {}, 0.3);
    assertEquals(TrialStatus.TIMED_OUT, r.status(), r.error());
    assertEquals(0, moduleThreads());
  }

  @Test
  void anEarlyStopStopsTheModules() {
    StoppingRule stopAtOnce = (trial, epoch, valLoss, valAccuracy) -> "stopped at epoch " + epoch;
    TrialResult r = new TrialRunner().run(
        spec(Map.of("modules", 2L), new Budget(20, null, null)), DATA, p -> {}, Double.POSITIVE_INFINITY, stopAtOnce);
    assertEquals(TrialStatus.STOPPED, r.status(), r.error());
    assertEquals(1, r.epochs());
    assertEquals(0, moduleThreads());
  }

  @Test
  void anErrorInAModuleThreadFailsTheTrialAndStopsTheOthers() {
    TrialSpec s = spec(Map.of("modules", 3L), new Budget(5, null, null));
    DdgTrainer failing = new DdgTrainer((DdgConfig) s.config(), (module, modules) -> {
      if (module == 1) {
        throw new IllegalStateException("no device for module " + module);
      }
    });
    TrialResult r = new TrialRunner().run(s, DATA, failing, p -> {}, Double.POSITIVE_INFINITY, null);
    assertEquals(TrialStatus.FAILED, r.status());
    assertTrue(r.error().contains("no device for module 1"), r.error());
    assertEquals(0, moduleThreads());
    assertTrue(!Thread.currentThread().isInterrupted(), "the module's interruption of the trial's thread is cleared");
  }
}
