package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GA specifics: elitism, seed-list genomes and their regeneration, stagnation. */
class GeneticAlgorithmTest {
  private static final double[] X0 = {0.5, -0.5, 1, 2};

  private static double[] sphere(double[][] x) {
    return Arrays.stream(x).mapToDouble(TestFunction.SPHERE::value).toArray();
  }

  @Test
  void elitesAreAskedAgainAndKeepOnlyTheirCurrentLoss() {
    GeneticAlgorithm ga = GaConfig.vectors(10, 1, 0.1, EvaluationBudget.of(1000)).create(X0, 1);
    double[][] first = ga.ask();
    assertEquals(10, first.length);
    double[] f = sphere(first);
    f[3] = -100; // a lucky minibatch for candidate 3
    ga.tell(first, f);
    double[][] second = ga.ask();
    assertEquals(10, second.length);
    assertArrayEquals(first[3], second[0], "the elite comes first, unchanged");
    double[] g = sphere(second);
    ga.tell(second, g);
    // re-scored at its true loss, the elite no longer stands for the search unless it is still best
    double bestNow = Arrays.stream(g).min().orElseThrow();
    assertEquals(bestNow, TestFunction.SPHERE.value(ga.currentBest()), 0.0);
  }

  @Test
  void seedGenomesRegenerateTheAskedCandidates() {
    GaConfig config = GaConfig.seedLists(8, 1, 0.2, EvaluationBudget.of(1000)).withMutationDecay(0.9);
    GeneticAlgorithm ga = config.create(X0, 2);
    for (int g = 0; g < 4; g++) {
      double[][] x = ga.ask();
      List<SeedGenome> genomes = ga.askedGenomes();
      assertEquals(x.length, genomes.size());
      for (int k = 0; k < x.length; k++) {
        assertTrue(genomes.get(k).length() <= g + 1);
        // an evaluator elsewhere needs only x0, the config and the seeds
        SeedGenome sent = SeedGenome.of(genomes.get(k).seeds());
        assertArrayEquals(x[k], config.decode(X0, sent));
      }
      ga.tell(x, sphere(x));
    }
    assertEquals(ga.bestLoss(), TestFunction.SPHERE.value(config.decode(X0, ga.bestGenome())));
  }

  @Test
  void seedGenomeDecodingIsTheDocumentedSum() {
    GaConfig config = GaConfig.seedLists(4, 2, 0.5, EvaluationBudget.of(10)).withMutationDecay(0.5);
    double[] x = config.decode(X0, SeedGenome.of(11, 22, 33));
    double[] expected = X0.clone();
    Noise.addScaled(11, 2, expected);
    Noise.addScaled(22, 0.5, expected);
    Noise.addScaled(33, 0.25, expected);
    assertArrayEquals(expected, x);
    assertEquals(SeedGenome.of(1, 2), SeedGenome.of(1).append(2));
  }

  @Test
  void vectorModeHasNoGenomes() {
    GeneticAlgorithm ga = GaConfig.vectors(4, 1, 1, EvaluationBudget.of(10)).create(X0, 1);
    assertThrows(IllegalStateException.class, ga::askedGenomes);
  }

  @Test
  void stagnationStopsAFlatRun() {
    GeneticAlgorithm ga = GaConfig.vectors(6, 1, 1, EvaluationBudget.of(100_000))
        .withStagnationGenerations(5).create(X0, 1);
    Drive.minimize(ga, x -> 1.0);
    assertTrue(ga.stop().contains(StopReason.STAGNATION), ga.stop().toString());
    assertEquals(6 + 5 * 6, ga.evaluations(), "every generation re-scores the elite with 5 children");
  }

  @Test
  void onePointCrossoverAndTruncationWork() {
    GaConfig config = GaConfig.vectors(30, 2, 0.5, new EvaluationBudget(30_000, 1e-4))
        .withSelection(GaConfig.Selection.TRUNCATION, GaConfig.Crossover.ONE_POINT)
        .withMutationDecay(0.97);
    AskTellOptimizer ga = Drive.minimize(config.create(X0, 3), TestFunction.SPHERE::value);
    assertTrue(ga.stop().contains(StopReason.TARGET_REACHED), ga.bestLoss() + " " + ga.stop());
  }

  @Test
  void genomeOnlyPathGivesTheSameRunAsAskTell() {
    GaConfig config = GaConfig.seedLists(10, 1, 0.3, EvaluationBudget.of(300));
    GeneticAlgorithm full = config.create(X0, 8);
    Drive.minimize(full, TestFunction.SPHERE::value);
    GeneticAlgorithm genomesOnly = config.create(X0, 8);
    while (genomesOnly.stop().isEmpty()) {
      List<SeedGenome> genomes = genomesOnly.askGenomes();
      double[] f = genomes.stream()
          .mapToDouble(g -> TestFunction.SPHERE.value(config.decode(X0, g)))
          .toArray();
      genomesOnly.tellLosses(f);
    }
    assertArrayEquals(full.best(), genomesOnly.best());
    assertEquals(full.bestLoss(), genomesOnly.bestLoss());
    assertEquals(full.bestGenome(), genomesOnly.bestGenome());
  }
}
