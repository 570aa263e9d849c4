package dev.backproplab.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.TestData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrialRunnerTest {
  private static final DataSplit DATA = TestData.split(300, 100, 8, 3, 1);

  static TrialSpec spec(Map<String, Object> params, Budget budget, long seed) {
    return spec(params, budget, seed, "tanh");
  }

  static TrialSpec spec(Map<String, Object> params, Budget budget, long seed, String activation) {
    return Trials.spec("bp", params, new ModelSpec("mlp", List.of(16), activation), budget, seed);
  }

  @Test
  void trainingLowersTheLossAndRecordsAPointPerEpoch() {
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult r = new TrialRunner().run(
        spec(Map.of("lr", 0.1, "optimizer", "momentum"), new Budget(5, null, null), 3), DATA, curve::add);
    assertEquals(TrialStatus.COMPLETED, r.status());
    assertEquals(6, curve.size());
    assertNull(curve.get(0).trainLoss());
    assertEquals(5, r.epochs());
    assertEquals(1500, r.samplesSeen());
    assertEquals(5 * 10, r.steps()); // 300 / 32 rounds up to 10 batches
    assertTrue(curve.get(5).testLoss() < 0.7 * curve.get(0).testLoss(), curve.toString());
    assertTrue(r.finalTestAccuracy() > 0.8, "accuracy " + r.finalTestAccuracy());
    assertEquals(DATA.sha256(), r.datasetSha256());
  }

  @Test
  void sameSpecAndSeedGiveIdenticalCurves() {
    TrialSpec s = spec(Map.of("lr", 0.05, "optimizer", "adam"), new Budget(3, null, null), 9);
    List<CurvePoint> a = new ArrayList<>();
    List<CurvePoint> b = new ArrayList<>();
    new TrialRunner().run(s, DATA, a::add);
    new TrialRunner().run(s, DATA, b::add);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).testLoss(), b.get(i).testLoss(), 0.0);
      assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss());
    }
    List<CurvePoint> c = new ArrayList<>();
    new TrialRunner().run(spec(Map.of("lr", 0.05, "optimizer", "adam"), new Budget(3, null, null), 10),
        DATA, c::add);
    assertNotEquals(a.get(3).testLoss(), c.get(3).testLoss());
  }

  @Test
  void aLossThatBlowsUpEndsTheTrialAsDiverged() {
    TrialResult r = new TrialRunner().run(
        spec(Map.of("lr", 1e30), new Budget(5, null, null), 3, "relu"), DATA, p -> {});
    assertEquals(TrialStatus.DIVERGED, r.status());
    assertTrue(r.error().contains("loss became"), r.error());
  }

  @Test
  void sampleAndTimeBudgetsStopMidEpoch() {
    TrialResult bySamples = new TrialRunner().run(
        spec(Map.of("batch_size", 10), new Budget(null, 95L, null), 3), DATA, p -> {});
    assertEquals(100, bySamples.samplesSeen());
    assertEquals(0, bySamples.epochs());

    AtomicLong now = new AtomicLong();
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    TrialRunner runner = new TrialRunner(() -> now.addAndGet(100_000_000L), clock); // 0.1 s a call
    TrialResult byTime = runner.run(spec(Map.of(), new Budget(null, null, 2.0), 3), DATA, p -> {});
    assertEquals(TrialStatus.COMPLETED, byTime.status());
    assertTrue(byTime.steps() > 0 && byTime.steps() < 20, "steps " + byTime.steps());
  }

  @Test
  void aTrialPastItsTimeLimitEndsTimedOutWithItsCurve() {
    AtomicLong now = new AtomicLong();
    TrialRunner runner = new TrialRunner(() -> now.addAndGet(100_000_000L),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)); // 0.1 s a call
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult r = runner.run(spec(Map.of(), new Budget(1000, null, null), 3), DATA, curve::add, 3.0);
    assertEquals(TrialStatus.TIMED_OUT, r.status());
    assertTrue(r.error().contains("time limit of 3.0 s"), r.error());
    assertTrue(r.steps() > 0 && r.epochs() < 1000, "steps " + r.steps());
    assertTrue(curve.size() >= 2, "curve kept: " + curve.size());
  }
}
