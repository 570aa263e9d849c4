package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backproplab.core.data.Examples;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class PopulationLossTest {

  /** The loss of one candidate the ordinary way: written into the network, evaluated on the rows. */
  static double oneByOne(Network net, double[] candidate, Examples data, int[] rows) {
    DataView params = DataView.of(net.params());
    for (int i = 0; i < candidate.length; i++) {
      params.set(i, candidate[i]);
    }
    int d = data.numFeatures();
    float[] x = new float[rows.length * d];
    int[] y = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(data.features(), rows[r] * d, x, r * d, d);
      y[r] = data.labels()[rows[r]];
    }
    Examples subset = new Examples(x, y, new int[] {d}, data.numClasses());
    return net.evaluate(subset, rows.length).loss();
  }

  static double[][] candidates(Network net, int p, double scale, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] base = DataView.of(net.params()).toArray();
    double[][] c = new double[p][base.length];
    for (int k = 0; k < p; k++) {
      for (int i = 0; i < base.length; i++) {
        c[k][i] = base[i] + scale * rng.nextGaussian();
      }
    }
    return c;
  }

  @ParameterizedTest(name = "hidden {0}, {1}, {2}, P={3}, B={4}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          # hidden | activation | dtype  | population | batch | tolerance
          16       | tanh       | DOUBLE | 5          | 20    | 1e-12
          16-12    | relu       | DOUBLE | 7          | 33    | 1e-12
          16-12    | sigmoid    | FLOAT  | 4          | 1     | 2e-5
          ''       | tanh       | FLOAT  | 1          | 17    | 2e-5
          32-8-8   | relu       | FLOAT  | 12         | 64    | 2e-5
          """)
  void stackedLossesEqualOneByOneLosses(
      String hidden, String activation, String dtype, int p, int batch, double tolerance) {
    List<Integer> widths = hidden.isEmpty() ? List.of()
        : Arrays.stream(hidden.split("-")).map(Integer::valueOf).toList();
    Examples data = TestData.gaussian(100, 9, 4, 3);
    Network net = Network.mlp(9, widths, Activation.parse(activation), 4, DataType.valueOf(dtype), 5);
    double[][] c = candidates(net, p, 0.3, 11);
    int[] order = new int[100];
    for (int i = 0; i < 100; i++) {
      order[i] = (i * 37) % 100;
    }
    int from = 10;
    double[] stacked = new PopulationScorer(net).losses(c, data, order, from, batch);
    int[] rows = Arrays.copyOfRange(order, from, from + batch);
    double[] expected = new double[p];
    for (int k = 0; k < p; k++) {
      expected[k] = oneByOne(net, c[k], data, rows);
    }
    assertArrayEquals(expected, stacked, tolerance * 10);
    if (p > 1) {
      assertNotEquals(stacked[0], stacked[1]);
    }
  }

  @ParameterizedTest(name = "hidden {0}, {1}, {2}, {3} pairs")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          # hidden | activation | dtype  | pairs | tolerance
          16       | tanh       | DOUBLE | 3     | 1e-12
          16-12    | relu       | DOUBLE | 4     | 1e-12
          ''       | tanh       | DOUBLE | 2     | 1e-12
          32-8     | sigmoid    | FLOAT  | 5     | 1e-5
          32-8     | relu       | DOUBLE | 5     | 1e-12
          """)
  void mirroredPairsScoreAsTheirCandidatesWrittenOut(
      String hidden, String activation, String dtype, int pairs, double tolerance) {
    List<Integer> widths = hidden.isEmpty() ? List.of()
        : Arrays.stream(hidden.split("-")).map(Integer::valueOf).toList();
    Examples data = TestData.gaussian(60, 9, 4, 3);
    Network net = Network.mlp(9, widths, Activation.parse(activation), 4, DataType.valueOf(dtype), 5);
    double[] mean = DataView.of(net.params()).toArray();
    double[][] noise = candidates(net, pairs, 1.0, 21);
    for (double[] e : noise) {
      for (int i = 0; i < e.length; i++) {
        e[i] -= mean[i]; // candidates() adds the net's parameters: keep the noise alone
      }
    }
    double sigma = 0.05;
    double[][] written = new double[2 * pairs][mean.length];
    for (int k = 0; k < written.length; k++) {
      for (int i = 0; i < mean.length; i++) {
        written[k][i] = mean[i] + (k % 2 == 0 ? sigma : -sigma) * noise[k / 2][i];
      }
    }
    PopulationScorer scorer = new PopulationScorer(net);
    double[] mirrored = scorer.mirroredLosses(mean, sigma, noise, data, null, 5, 40);
    assertArrayEquals(scorer.losses(written, data, null, 5, 40), mirrored, tolerance);
    assertNotEquals(mirrored[0], mirrored[1]);
    double[] lastPair = scorer.mirroredLosses(mean, sigma, new double[][] {noise[pairs - 1]}, data, null, 5, 40);
    // in double, exactly; OpenBLAS's float products may round a row differently with the matrix's height
    assertArrayEquals(Arrays.copyOfRange(mirrored, 2 * pairs - 2, 2 * pairs), lastPair,
        dtype.equals("DOUBLE") ? 0.0 : tolerance, "a pair's losses do not depend on the other pairs of its pass");
  }

  @Test
  void mirroredPairsRefuseAMeanOfTheWrongLength() {
    Examples data = TestData.gaussian(10, 6, 3, 1);
    Network net = Network.mlp(6, List.of(8), Activation.TANH, 3, DataType.FLOAT, 2);
    double[][] noise = {new double[(int) net.numParams()]};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PopulationScorer(net).mirroredLosses(new double[4], 0.1, noise, data, null, 0, 5));
    assertEquals("the mean has 4 parameters, the network " + net.numParams(), e.getMessage());
  }

  @Test
  void reusedArraysGiveTheSameLossesAgainAndLeaveTheParametersAlone() {
    Examples data = TestData.gaussian(50, 6, 3, 1);
    Network net = Network.mlp(6, List.of(8), Activation.TANH, 3, DataType.DOUBLE, 2);
    double[] before = DataView.of(net.params()).toArray();
    double[][] c = candidates(net, 3, 0.5, 4);
    PopulationScorer scorer = new PopulationScorer(net);
    double[] first = scorer.losses(c, data, null, 0, 25);
    double[][] other = candidates(net, 3, 0.5, 5);
    scorer.losses(other, data, null, 0, 25);
    assertArrayEquals(first, scorer.losses(c, data, null, 0, 25), 0.0);
    assertArrayEquals(before, DataView.of(net.params()).toArray(), 0.0);
  }

  @Test
  void wrongCandidateLengthIsRefused() {
    Examples data = TestData.gaussian(10, 6, 3, 1);
    Network net = Network.mlp(6, List.of(8), Activation.TANH, 3, DataType.FLOAT, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PopulationScorer(net).losses(new double[][] {new double[5]}, data, null, 0, 5));
    assertEquals("candidate 0 has 5 parameters, the network " + net.numParams(), e.getMessage());
  }
}
