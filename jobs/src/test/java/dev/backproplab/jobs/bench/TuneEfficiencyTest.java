package dev.backproplab.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TuneEfficiencyTest {

  /** Two slots: in candidate order the long trial comes last and straggles; longest first it does not. */
  @Test
  void listSchedulingInCandidateOrderAndLongestFirst() {
    double[] durations = {1, 1, 1, 1, 4};
    assertEquals(6.0, TuneEfficiency.makespan(durations, 2), 1e-12);
    assertArrayEquals(new double[] {4, 1, 1, 1, 1}, TuneEfficiency.longestFirst(durations), 0.0);
    assertEquals(4.0, TuneEfficiency.makespan(TuneEfficiency.longestFirst(durations), 2), 1e-12);
    assertEquals(8.0, TuneEfficiency.makespan(durations, 1), 1e-12);
  }
}
