package dev.backproplab.core.trial.ddg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.TestData;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.SavedModel;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.core.trial.Trials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Barrier execution outside Spark: K modules on loopback sockets give the threaded pipeline's numbers,
 * and however a trial ends, no thread or connection is left.
 */
@Timeout(300)
class BarrierModuleTest {
  private static final DataSplit DATA = TestData.split(300, 100, 8, 3, 1);
  private static final DataSplit IMAGES = TestData.blobs(300, 150, 4, 4);
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(16, 12), "tanh");
  private static final ModelSpec CNN = new ModelSpec("cnn", List.of(16), "relu",
      List.of(new ModelSpec.ConvSpec(4, 3, 1, 1), new ModelSpec.ConvSpec(8, 3, 1, 1)), 2);

  private static TrialSpec spec(Map<String, Object> params, ModelSpec model, Budget budget, String execution) {
    Map<String, Object> p = new HashMap<>(params);
    p.put("execution", execution);
    return Trials.spec("ddg", p, model, budget, 5);
  }

  private static long ddgThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ddg-") && t.isAlive()).count();
  }

  @ParameterizedTest
  @CsvSource({"mlp, 1, current, momentum", "mlp, 2, current, momentum", "mlp, 3, forward, adam", "mlp, 3, current, sgd",
      "cnn, 2, forward, adam"})
  void aBarrierTrialGivesTheThreadedTrialsCurveAndModel(String model, int modules, String weights, String optimizer) {
    Map<String, Object> params = Map.of("optimizer", optimizer, "lr", 0.01, "modules", (long) modules,
        "delayed_weights", weights, "batch_size", 32L);
    ModelSpec m = model.equals("mlp") ? MLP : CNN;
    DataSplit data = model.equals("mlp") ? DATA : IMAGES;
    Budget budget = new Budget(3, null, null);
    List<CurvePoint> threads = new ArrayList<>();
    List<SavedModel> threadModel = new ArrayList<>();
    TrialResult a = new TrialRunner().run(spec(params, m, budget, "threads"), data, threads::add,
        Double.POSITIVE_INFINITY, null, threadModel::add);
    List<CurvePoint> barrier = new ArrayList<>();
    List<SavedModel> barrierModel = new ArrayList<>();
    TrialResult b = new TrialRunner().run(spec(params, m, budget, "barrier"), data, barrier::add,
        Double.POSITIVE_INFINITY, null, barrierModel::add);
    assertEquals(TrialStatus.COMPLETED, a.status(), a.error());
    assertEquals(TrialStatus.COMPLETED, b.status(), b.error());
    assertEquals(threads.size(), barrier.size());
    for (int i = 0; i < threads.size(); i++) {
      CurvePoint x = threads.get(i);
      CurvePoint y = barrier.get(i);
      String at = "point " + i;
      assertEquals(x.step(), y.step(), at);
      assertEquals(x.samplesSeen(), y.samplesSeen(), at);
      assertEquals(x.trainLoss(), y.trainLoss(), at);
      assertEquals(x.valLoss(), y.valLoss(), 0.0, at);
      assertEquals(x.valAccuracy(), y.valAccuracy(), 0.0, at);
      assertEquals(x.testLoss(), y.testLoss(), 0.0, at);
      assertArrayEquals(x.moduleStaleness(), y.moduleStaleness(), at);
      assertArrayEquals(x.moduleGradientNorms(), y.moduleGradientNorms(), at);
    }
    assertArrayEquals(threadModel.get(0).params(), barrierModel.get(0).params(), "the saved parameters");
    assertEquals(modules - 1, barrier.get(barrier.size() - 1).staleness(), 0.0);
    assertEquals(modules, barrier.get(barrier.size() - 1).moduleStaleness().length);
    assertEquals(0, ddgThreads());
  }

  @Test
  void aDivergenceInTheTopModuleEndsTheTrialDivergedOnEveryModule() {
    TrialSpec s = Trials.spec("ddg", Map.of("modules", 3L, "lr", 1e30, "execution", "barrier"),
        new ModelSpec("mlp", List.of(6, 5), "relu"), new Budget(50, null, null), 3);
    TrialResult r = new TrialRunner().run(s, DATA, p -> {});
    assertEquals(TrialStatus.DIVERGED, r.status(), r.error());
    assertTrue(r.error().contains("loss became"), r.error());
    assertEquals(0, ddgThreads());
  }

  @Test
  void theTimeLimitEndsEveryModule() {
    TrialSpec s = spec(Map.of("modules", 3L, "batch_size", 4L), MLP, new Budget(100000, null, null), "barrier");
    TrialResult r = new TrialRunner().run(s, DATA, p -> {}, 0.5);
    assertEquals(TrialStatus.TIMED_OUT, r.status(), r.error());
    assertEquals(0, ddgThreads());
  }

  @Test
  void aModuleThatFailsFailsTheTrialNamingItAndEveryModuleEnds() throws Exception {
    TrialSpec s = spec(Map.of("modules", 3L), MLP, new Budget(5, null, null), "barrier");
    DdgConfig config = (DdgConfig) s.config();
    List<BarrierModule> modules = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      modules.add(BarrierModule.open(m, 3, "127.0.0.1"));
      addresses.add(modules.get(m).address());
    }
    List<Thread> threads = new ArrayList<>();
    for (int m = 1; m < 3; m++) {
      BarrierModule module = modules.get(m);
      boolean broken = m == 2;
      Thread t = new Thread(() -> {
        try {
          module.connect(addresses, LoopbackBarrier.CONNECT);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        module.serve(config, s, () -> {
          if (broken) {
            throw new IllegalStateException("no data set here");
          }
          return DATA;
        });
      }, "ddg-test-module-" + m);
      threads.add(t);
      t.start();
    }
    try (BarrierModule first = modules.get(0)) {
      first.connect(addresses, LoopbackBarrier.CONNECT);
      TrialResult r = new TrialRunner().run(s, DATA, first.trainer(config), p -> {}, Double.POSITIVE_INFINITY, null);
      assertEquals(TrialStatus.FAILED, r.status());
      assertTrue(r.error().contains("module 2 of 3 failed: java.lang.IllegalStateException: no data set here"),
          r.error());
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(0, ddgThreads());
  }

  @Test
  void twoHundredTrialsOfThreeBarrierModulesLeaveNoThreadOrSocketOpen() throws Exception {
    TrialSpec s = spec(Map.of("modules", 3L, "batch_size", 16L, "lr", 0.05), new ModelSpec("mlp", List.of(6, 5),
        "tanh"), new Budget(null, 200L, null), "barrier");
    DataSplit small = TestData.split(96, 32, 4, 3, 2);
    long sockets = -1;
    for (int i = 0; i < 200; i++) {
      TrialResult r = new TrialRunner().run(s, small, p -> {});
      assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
      assertEquals(0, ddgThreads(), "run " + i);
      if (i == 0) {
        // counted after the first: the JDK's NIO keeps one Unix socket of its own for the life of the process
        // once a channel was used (the descriptor its asynchronous close dup2s over)
        sockets = openSockets();
      }
    }
    assertEquals(sockets, openSockets(), "each trial opens 3 listening and 10 connected sockets, and closes them");
  }

  /** The process's open sockets, from its file descriptors (Linux). */
  private static long openSockets() throws java.io.IOException {
    try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return java.nio.file.Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (java.io.IOException gone) {
          return false; // the descriptor of the listing itself, closed meanwhile
        }
      }).count();
    }
  }
}
