package dev.backproplab.core.stopping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoppingRulesTest {
  /** The board of one process. */
  static final class MemoryBoard implements RungBoard {
    final Map<Integer, Map<String, Double>> rungs = new HashMap<>();

    @Override
    public synchronized void post(int rung, String trialId, double value) {
      rungs.computeIfAbsent(rung, r -> new HashMap<>()).put(trialId, value);
    }

    @Override
    public synchronized List<Double> values(int rung) {
      return new ArrayList<>(rungs.getOrDefault(rung, Map.of()).values());
    }
  }

  @Test
  void ashaRungsAreGraceTimesPowersOfEta() {
    Asha asha = new Asha(new StoppingSpec("asha", "val_loss", 2, 3, 1), new MemoryBoard());
    List<Integer> rungs = new ArrayList<>();
    for (int e = 1; e <= 60; e++) {
      if (asha.isRung(e)) {
        rungs.add(e);
      }
    }
    assertEquals(List.of(2, 6, 18, 54), rungs);
  }

  @Test
  void ashaKeepsTheTopThirdOfEachRungAsTrialsArrive() {
    StoppingSpec spec = new StoppingSpec("asha", "val_loss", 1, 3, 1);
    MemoryBoard board = new MemoryBoard();
    // trials reach rung 1 in this order with these losses
    assertNull(spec.create(board).report("a", 1, 0.50, 0.8)); // 1 posted: fewer than eta, go on
    assertNull(spec.create(board).report("b", 1, 0.90, 0.7)); // 2 posted: go on
    assertNotNull(spec.create(board).report("c", 1, 0.70, 0.7)); // 3 posted: top 1 is 0.50, stop
    assertNull(spec.create(board).report("d", 1, 0.40, 0.9)); // best so far: go on
    String why = spec.create(board).report("e", 1, 0.60, 0.8);
    assertTrue(why.contains("ASHA") && why.contains("epoch 1") && why.contains("val_loss"), why);
    assertNull(spec.create(board).report("a", 2, 0.45, 0.8)); // not a rung (1, 3, 9, ...)
  }

  @Test
  void ashaMaximisesAccuracyWhenAsked() {
    StoppingSpec spec = new StoppingSpec("asha", "val_accuracy", 1, 2, 1);
    MemoryBoard board = new MemoryBoard();
    assertNull(spec.create(board).report("a", 1, 9, 0.9));
    assertNotNull(spec.create(board).report("b", 1, 0, 0.5)); // low accuracy, low loss: accuracy counts
  }

  @Test
  void theMedianRuleStopsATrialWhoseBestIsBehindTheOthersRunningAverages() {
    StoppingSpec spec = new StoppingSpec("median", "val_loss", 2, 3, 2);
    MemoryBoard board = new MemoryBoard();
    for (String t : List.of("a", "b")) {
      StoppingRule r = spec.create(board);
      assertNull(r.report(t, 1, 1.0, 0));
      assertNull(r.report(t, 2, 0.5, 0)); // running average 0.75 posted at epoch 2
    }
    StoppingRule slow = spec.create(board);
    assertNull(slow.report("c", 1, 2.0, 0)); // within the grace period
    String why = slow.report("c", 2, 0.9, 0); // best 0.9 > median 0.75
    assertNotNull(why);
    assertTrue(why.contains("median") && why.contains("2 other trials"), why);
    StoppingRule fast = spec.create(board);
    assertNull(fast.report("d", 1, 0.8, 0));
    assertNull(fast.report("d", 2, 0.6, 0)); // best 0.6 < median
  }

  @Test
  void theMedianRuleWaitsForEnoughOtherTrials() {
    StoppingSpec spec = new StoppingSpec("median", "val_loss", 1, 3, 3);
    MemoryBoard board = new MemoryBoard();
    spec.create(board).report("a", 1, 0.1, 0);
    spec.create(board).report("b", 1, 0.1, 0);
    assertNull(spec.create(board).report("c", 1, 5.0, 0)); // only 2 others: no decision yet
    assertNotNull(spec.create(board).report("d", 1, 5.0, 0));
  }

  @Test
  void badSettingsAreRejected() {
    assertThrows(InvalidInputException.class, () -> new StoppingSpec("hyperband", "val_loss", 1, 3, 1));
    assertThrows(InvalidInputException.class, () -> new StoppingSpec("asha", "train_loss", 1, 3, 1));
    assertThrows(InvalidInputException.class, () -> new StoppingSpec("asha", "val_loss", 0, 3, 1));
    assertThrows(InvalidInputException.class, () -> new StoppingSpec("asha", "val_loss", 1, 1, 1));
    assertFalse(new StoppingSpec("asha", "val_loss", 1, 3, 1).maximize());
  }

  @Test
  void aTestSplitMetricIsRefusedNamingTheValidationOne() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new StoppingSpec("asha", "test_accuracy", 1, 3, 1));
    assertTrue(e.getMessage().contains("val_accuracy") && e.getMessage().contains("test split"), e.getMessage());
  }
}
