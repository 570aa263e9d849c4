package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configuration values are the user's: {@link InvalidInputException} naming the key and the value;
 * bad arguments to {@code create} are the caller's: {@link IllegalArgumentException}.
 */
class ConfigValidationTest {
  private static final EvaluationBudget B = EvaluationBudget.of(100);

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("maxEvaluations must be positive, found 0", (Supplier<Object>) () -> EvaluationBudget.of(0)),
        Arguments.of("targetLoss", (Supplier<Object>) () -> new EvaluationBudget(10, Double.NaN)),
        Arguments.of("cmaes sigma0 must be positive, found -1.0", (Supplier<Object>) () -> CmaEsConfig.of(-1, B)),
        Arguments.of("cmaes sigma0", (Supplier<Object>) () -> CmaEsConfig.of(Double.NaN, B)),
        Arguments.of("cmaes populationSize", (Supplier<Object>) () -> CmaEsConfig.of(1, B).withPopulationSize(1)),
        Arguments.of("cmaes maxRestarts", (Supplier<Object>) () -> CmaEsConfig.of(1, B).withIpopRestarts(-1)),
        Arguments.of("maxCondition", (Supplier<Object>) () -> new CmaEsConfig.Tolerances(0, 0, 1, true)),
        Arguments.of("sep-cmaes sigma0", (Supplier<Object>) () -> SepCmaEsConfig.of(0, B)),
        Arguments.of("nelder-mead initialStep", (Supplier<Object>) () -> NelderMeadConfig.of(0, B)),
        Arguments.of("nelder-mead coefficients", (Supplier<Object>) () -> new NelderMeadConfig(1, null, 0, 0, false, B)),
        Arguments.of("sa cooling must be in (0, 1], found 1.5", (Supplier<Object>) () -> new SaConfig(1, 1.5, 1, 1, 1, 0, B)),
        Arguments.of("sa batchSize", (Supplier<Object>) () -> new SaConfig(1, 0.9, 1, 1, 0, 0, B)),
        Arguments.of("es populationSize must be even", (Supplier<Object>) () -> EsConfig.of(5, 0.1, 0.01, B)),
        Arguments.of("es learningRate", (Supplier<Object>) () -> EsConfig.of(4, 0.1, 0, B)),
        Arguments.of("ga eliteCount", (Supplier<Object>) () -> new GaConfig(4, 4, GaConfig.Selection.TOURNAMENT, 2, 0.5,
            GaConfig.Crossover.UNIFORM, 0.5, 1, 1, 1, GaConfig.Encoding.VECTORS, 0, B)),
        Arguments.of("ga crossover must be NONE with SEEDS encoding", (Supplier<Object>) () ->
            GaConfig.seedLists(10, 1, 1, B).withSelection(GaConfig.Selection.TRUNCATION, GaConfig.Crossover.UNIFORM)),
        Arguments.of("ga mutationDecay", (Supplier<Object>) () -> GaConfig.vectors(10, 1, 1, B).withMutationDecay(0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void badValueIsInvalidInput(String expectedMessagePart, Supplier<Object> make) {
    InvalidInputException e = assertThrows(InvalidInputException.class, make::get);
    assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
  }

  @Test
  void badInitialPointIsAnArgumentError() {
    CmaEsConfig c = CmaEsConfig.of(1, B);
    assertThrows(IllegalArgumentException.class, () -> c.create(new double[0], 1));
    assertThrows(IllegalArgumentException.class, () -> c.create(null, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.create(new double[] {0, Double.NaN}, 1));
    assertTrue(e.getMessage().contains("initial point[1] is NaN"), e.getMessage());
  }

  @Test
  void configsAreValuesWithNames() {
    assertEquals(CmaEsConfig.of(1, B), CmaEsConfig.of(1, B));
    assertEquals("cmaes", CmaEsConfig.of(1, B).name());
    assertEquals("sep-cmaes", SepCmaEsConfig.of(1, B).name());
    assertEquals("nelder-mead", NelderMeadConfig.of(1, B).name());
    assertEquals("es", EsConfig.of(2, 1, 1, B).name());
    assertEquals("ga", GaConfig.vectors(4, 1, 1, B).name());
    assertEquals("sa", new SaConfig(1, 0.9, 1, 1, 1, 0, B).name());
  }
}
