package dev.backproplab.jobs.compare;

import dev.backproplab.core.sweep.Tolerances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regression rules of bpl compare on hand-made trials. */
class ComparisonTest {
  private static final Tolerances T = Tolerances.DEFAULT;

  /** A trial whose validation accuracy climbs linearly to {@code acc} over 10 points of 100 samples, 0.1 s each. */
  private static TrialRow trial(String config, String status, double acc) {
    List<TrialRow.Point> curve = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      curve.add(new TrialRow.Point(100L * i, 0.1 * i, acc * i / 10));
    }
    return new TrialRow("bp", config, java.util.Map.of("lr", config), status, acc, acc, curve);
  }

  @Test
  void welchPValueMatchesScipy() {
    // scipy.stats.ttest_ind(a, b, equal_var=False, alternative='greater')
    AccuracyChange equalN = AccuracyChange.of(new double[] {0.9, 0.92, 0.94}, new double[] {0.86, 0.88, 0.90}, T);
    assertEquals(0.03524199845511006, equalN.p(), 1e-9);
    assertTrue(equalN.regressed());
    AccuracyChange unequal = AccuracyChange.of(new double[] {0.95, 0.96, 0.93, 0.97}, new double[] {0.90, 0.91}, T);
    assertEquals(0.004324864763123147, unequal.p(), 1e-6);
  }

  @Test
  void aFallWithinTheSpreadOverRepeatsIsNoise() {
    // falls 0.03, three times the tolerance, but the repeats spread 0.08-0.1: p = 0.39
    AccuracyChange c = AccuracyChange.of(new double[] {0.80, 0.92}, new double[] {0.76, 0.90}, T);
    assertEquals(-0.03, c.change(), 1e-12);
    assertTrue(c.p() > 0.3, "p " + c.p());
    assertFalse(c.regressed());
  }

  @Test
  void aFallWithinTheToleranceIsNotTested() {
    AccuracyChange c = AccuracyChange.of(new double[] {0.95, 0.95}, new double[] {0.945, 0.945}, T);
    assertFalse(c.regressed());
    assertTrue(Double.isNaN(c.p()));
  }

  @Test
  void withOneRepeatTheToleranceAloneDecides() {
    assertTrue(AccuracyChange.of(new double[] {0.95}, new double[] {0.93}, T).regressed());
    assertFalse(AccuracyChange.of(new double[] {0.95}, new double[] {0.945}, T).regressed());
  }

  @Test
  void identicalRunsAreClean() {
    List<TrialRow> base = List.of(trial("a", "COMPLETED", 0.9), trial("a", "COMPLETED", 0.92),
        trial("b", "DIVERGED", Double.NaN));
    Comparison c = Comparison.of(base, base, T);
    assertFalse(c.regressed(), c.toString());
    assertEquals(2, c.changes().size());
  }

  @Test
  void slowerToTargetMoreDivergedAndFewerReachingAreRegressions() {
    List<TrialRow> base = List.of(trial("a", "COMPLETED", 0.9), trial("a", "COMPLETED", 0.9));
    List<TrialRow> slower = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      List<TrialRow.Point> curve = new ArrayList<>();
      for (int i = 1; i <= 20; i++) { // the same accuracy at the end, twice the samples to get there
        curve.add(new TrialRow.Point(100L * i, 0.1 * i, 0.9 * i / 20));
      }
      slower.add(new TrialRow("bp", "a", java.util.Map.of("lr", "a"), "COMPLETED", 0.9, 0.9, curve));
    }
    ConfigurationChange s = Comparison.of(base, slower, T).changes().get(0);
    assertTrue(s.regressed());
    assertTrue(s.reasons().get(0).contains("1.90x the samples"), s.reasons().toString());
    assertEquals(1, s.reasons().size(), "1 s more is below the seconds floor: " + s.reasons());

    ConfigurationChange d = Comparison.of(base, List.of(trial("a", "COMPLETED", 0.9), trial("a", "DIVERGED", Double.NaN)),
        T).changes().get(0);
    assertTrue(d.reasons().stream().anyMatch(r -> r.contains("1 diverged trials (baseline 0)")), d.reasons().toString());
    assertTrue(d.reasons().stream().anyMatch(r -> r.contains("1 of 2 trials missed")), d.reasons().toString());
    Tolerances lenient = new Tolerances(0.01, 0.05, 0.95, 1.25, 2.0, 1);
    assertFalse(Comparison.of(base, List.of(trial("a", "COMPLETED", 0.9), trial("a", "FAILED", Double.NaN)), lenient)
        .regressed());
  }

  @Test
  void configurationsInOneRunOnlyAreNotesNotRegressions() {
    Comparison c = Comparison.of(List.of(trial("a", "COMPLETED", 0.9)), List.of(trial("b", "COMPLETED", 0.1)), T);
    assertFalse(c.regressed());
    assertEquals(2, c.notes().size(), c.notes().toString());
  }
}
