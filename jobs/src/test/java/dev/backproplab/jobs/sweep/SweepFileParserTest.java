package dev.backproplab.jobs.sweep;

import dev.backproplab.jobs.Catalogue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepFileParserTest {
  private static final String HEAD = """
      name: t
      dataset: digits
      model: {type: mlp, hidden: [64], activation: tanh}
      budget: {epochs: 2}
      methods:
      """;

  @Test
  void everyWorkedExampleInConfParsesAndExpands() throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Path.of("conf", "sweeps");
    try (var files = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".yaml")).toList()) {
        SweepSpec s = SweepFileParser.parse(java.nio.file.Files.readString(f), f.toString());
        assertTrue(!SweepExpander.expand(s, Catalogue.METHODS, f.toString()).isEmpty()
            || !SweepExpander.searches(s, Catalogue.METHODS, f.toString()).isEmpty(), f.toString());
      }
    }
  }

  @Test
  void validationIsACountOrAFractionAndPartOfTheTrialId() {
    SweepSpec count = SweepFileParser.parse("validation: 300\n" + HEAD + "  - method: bp\n", "t.yaml");
    SweepSpec fraction = SweepFileParser.parse("validation: 0.2\n" + HEAD + "  - method: bp\n", "t.yaml");
    SweepSpec plain = SweepFileParser.parse(HEAD + "  - method: bp\n", "t.yaml");
    assertEquals(300, count.validation().count());
    assertEquals(0.2, fraction.validation().fraction());
    assertEquals(dev.backproplab.core.data.Holdout.DEFAULT, plain.validation());
    assertTrue(!SweepExpander.expand(count, Catalogue.METHODS, "t").get(0).trialId()
        .equals(SweepExpander.expand(plain, Catalogue.METHODS, "t").get(0).trialId()));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SweepFileParser.parse("validation: 1.5\n" + HEAD + "  - method: bp\n", "t.yaml"));
    assertTrue(e.getMessage().contains("validation") && e.getMessage().contains("1.5"), e.getMessage());
  }

  @Test
  void aMethodBlockModelOverridesOnlyTheKeysItGives() {
    SweepSpec s = SweepFileParser.parse(HEAD + """
          - method: cmaes
            model: {hidden: [4]}
            params: {sigma0: 0.1}
          - method: es
        """, "t.yaml");
    assertEquals(new ModelSpec("mlp", List.of(4), "tanh"), s.methods().get(0).model());
    assertNull(s.methods().get(1).model());
    List<TrialSpec> trials = SweepExpander.expand(s, Catalogue.METHODS, "t.yaml");
    assertEquals(List.of(4), trials.get(0).model().hidden());
    assertEquals(List.of(64), trials.get(1).model().hidden());
    assertEquals("0.1", trials.get(0).params().get("sigma0"));
    assertEquals("50", trials.get(1).params().get("population"));
  }

  @Test
  void aMisspelledKeyInABlockModelOrDfoParameterIsAnErrorWithTheNearestKey() {
    InvalidInputException model = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        HEAD + "  - method: cmaes\n    model: {hiden: [4]}\n", "t.yaml"));
    assertTrue(model.getMessage().contains("t.yaml line 7, methods[0].model: unknown key 'hiden' (did you mean 'hidden'?)"),
        model.getMessage());
    SweepSpec s = SweepFileParser.parse(HEAD + "  - method: ga\n    params: {mutation_sigm: 0.1}\n", "t.yaml");
    InvalidInputException param = assertThrows(InvalidInputException.class, () -> SweepExpander.expand(s, Catalogue.METHODS, "t.yaml"));
    assertTrue(param.getMessage().contains("did you mean 'mutation_sigma'"), param.getMessage());
  }
}
