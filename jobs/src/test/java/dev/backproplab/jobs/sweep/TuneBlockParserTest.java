package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SearchBlock;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.tune.Dimension;
import dev.backproplab.core.tune.TuneSpec;
import dev.backproplab.core.tune.Tuner;
import dev.backproplab.jobs.Catalogue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TuneBlockParserTest {
  private static final String FILE = """
      name: t
      dataset: digits
      model: {type: mlp, hidden: [64], activation: tanh}
      budget: {epochs: 2}
      methods:
        - method: fa
          params: {optimizer: momentum}
          tune:
            optimizer: cmaes
            trials: 64
            parallel: 8
            objective: {metric: val_accuracy, mode: max}
            space:
              lr: {loguniform: [1.0e-4, 0.3]}
              momentum: {uniform: [0.0, 0.99]}
              batch_size: {int: [16, 256], log: true}
              feedback_scale: {loguniform: [0.1, 10]}
              hidden: {choice: [[128], [256, 256], [512]]}
      """;

  private static List<SearchBlock> searches(String text) {
    SweepSpec s = SweepFileParser.parse(text, "t.yaml");
    return SweepExpander.searches(s, Catalogue.METHODS, "t.yaml");
  }

  @Test
  void theIssuesExampleParsesIntoASearchWhoseCandidatesAreTrials() {
    SearchBlock search = searches(FILE).get(0);
    TuneSpec tune = search.tune();
    assertEquals(TuneSpec.Optimizer.CMAES, tune.optimizer());
    assertEquals(64, tune.trials());
    assertEquals(8, tune.parallel());
    assertTrue(tune.objective().maximize());
    assertEquals(List.of("lr", "momentum", "batch_size", "feedback_scale", "hidden"),
        tune.space().dimensions().stream().map(Dimension::name).toList());
    assertEquals(Dimension.Kind.INT, tune.space().dimensions().get(2).kind());
    assertTrue(tune.space().dimensions().get(2).log());
    TrialSpec t = search.trial(new Tuner.Candidate(2, 5, Map.of("lr", 0.01, "momentum", 0.5, "batch_size", 64L,
        "feedback_scale", 2.0, "hidden", List.of(256L, 256L))));
    assertEquals(List.of(256, 256), t.model().hidden());
    assertEquals("64", t.params().get("batch_size"));
    assertEquals("momentum", t.params().get("optimizer"));
    assertEquals(2, t.search().generation());
    assertEquals(5, t.search().candidate());
    assertEquals(search.searchId(), t.search().searchId());
    // the same values at another place in the search are another trial
    TrialSpec other = search.trial(new Tuner.Candidate(3, 5, Map.of("lr", 0.01, "momentum", 0.5, "batch_size", 64L,
        "feedback_scale", 2.0, "hidden", List.of(256L, 256L))));
    assertTrue(!other.trialId().equals(t.trialId()));
    assertEquals(searches(FILE).get(0).searchId(), search.searchId(), "the search id is stable");
    assertTrue(!searches(FILE.replace("trials: 64", "trials: 65")).get(0).searchId().equals(search.searchId()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown optimizer|optimizer: cmaes|optimizer: cma-es|line 9, methods[0].tune.optimizer: unknown optimizer 'cma-es' (did you mean 'cmaes'?)",
      "test objective|metric: val_accuracy|metric: test_accuracy|never on test",
      "bad mode|mode: max|mode: up|methods[0].tune.objective.mode: expected max or min, found 'up'",
      "int parameter as a real|batch_size: {int: [16, 256], log: true}|batch_size: {uniform: [16, 256]}|methods[0] (fa).tune.space.batch_size: batch_size is an integer: use {int: [low, high]}",
      "choice parameter as a real|momentum: {uniform: [0.0, 0.99]}|optimizer: {uniform: [0, 1]}|parameter 'optimizer' is given more than once",
      "unknown parameter|feedback_scale: {loguniform|feedback_scal: {loguniform|unknown parameter 'feedback_scal'",
      "out of the method's range|momentum: {uniform: [0.0, 0.99]}|momentum: {uniform: [0.0, 1.5]}|momentum = 1.5 is out of range",
      "two kinds|momentum: {uniform: [0.0, 0.99]}|momentum: {uniform: [0.0, 0.99], int: [1, 2]}|expected exactly one of uniform, loguniform, int, choice",
      "log on a real|momentum: {uniform: [0.0, 0.99]}|momentum: {uniform: [0.0, 0.99], log: true}|log applies to int only",
      "real int bounds|batch_size: {int: [16, 256], log: true}|batch_size: {int: [16, 256.5]}|expected two integers [low, high]",
      "parallel above trials|parallel: 8|parallel: 80|parallel must be in [1, trials = 64], got 80",
      "missing space|    space:|    spaces:|unknown key 'spaces' (did you mean 'space'?)",
      "unknown key|trials: 64|trails: 64|unknown key 'trails' (did you mean 'trials'?)",
      "a real hidden width|hidden: {choice: [[128], [256, 256], [512]]}|hidden: {uniform: [16, 64]}|hidden widths are integers",
      "a cluster-wide method|- method: fa|- method: bp-dataparallel|methods[0].tune: a search runs each trial as a Spark task, and bp-dataparallel runs its trials cluster-wide",
      "with a grid|    tune:|    grid: {lr: [0.1]}~    tune:|tune replaces grid and random",
  })
  void eachMistakeIsNamedWithItsKeyAndValue(String what, String from, String to, String expected) {
    assertTrue(FILE.contains(from), from);
    String text = FILE.replace(from, to.replace("~", "\n"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> searches(text));
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
    assertTrue(e.getMessage().startsWith("t.yaml"), e.getMessage());
  }
}
