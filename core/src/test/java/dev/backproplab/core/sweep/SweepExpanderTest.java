package dev.backproplab.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.method.MethodCatalogue;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepExpanderTest {
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(8), "relu");
  private static final Budget BUDGET = new Budget(2, null, null);

  private static SweepSpec sweep(long seed, int repeats, MethodBlock... blocks) {
    return new SweepSpec("s1", seed, "digits", MLP, BUDGET, repeats, List.of(blocks));
  }

  private static MethodBlock grid(Map<String, Object> params, Map<String, List<Object>> grid) {
    return new MethodBlock("bp", params, grid, 0, Map.of(), null);
  }

  @Test
  void gridTimesRepeatsWithStableDistinctIdsAndNonZeroSeeds() {
    SweepSpec s = sweep(7, 2, grid(Map.of("optimizer", "sgd"),
        Map.of("lr", List.of(0.01, 0.1), "batch_size", List.of(16, 32, 64))));
    List<TrialSpec> a = SweepExpander.expand(s, MethodCatalogue.CORE, "f.yaml");
    List<TrialSpec> b = SweepExpander.expand(s, MethodCatalogue.CORE, "f.yaml");
    assertEquals(12, a.size());
    assertEquals(a, b);
    assertEquals(12, new HashSet<>(a.stream().map(TrialSpec::trialId).toList()).size());
    assertEquals(12, new HashSet<>(a.stream().map(TrialSpec::seed).toList()).size());
    assertTrue(a.stream().allMatch(t -> t.seed() != 0));
    assertEquals("sgd", a.get(0).params().get("optimizer"));
    assertEquals("0.9", a.get(0).params().get("momentum")); // default filled in
    List<TrialSpec> other = SweepExpander.expand(sweep(8, 2, s.methods().get(0)), MethodCatalogue.CORE, "f.yaml");
    assertNotEquals(a.get(0).trialId(), other.get(0).trialId());
  }

  @Test
  void randomSearchDrawsWithinBoundsDeterministically() {
    MethodBlock block = new MethodBlock("bp", Map.of(), Map.of(), 5,
        Map.of("lr", new Distribution(Distribution.Kind.LOGUNIFORM, List.of(1e-4, 1e-1)),
            "batch_size", new Distribution(Distribution.Kind.UNIFORM, List.of(8, 64))), null);
    List<TrialSpec> a = SweepExpander.expand(sweep(3, 1, block), MethodCatalogue.CORE, "f.yaml");
    assertEquals(5, a.size());
    for (TrialSpec t : a) {
      double lr = Double.parseDouble(t.params().get("lr"));
      int bs = Integer.parseInt(t.params().get("batch_size"));
      assertTrue(lr >= 1e-4 && lr <= 1e-1, "lr " + lr);
      assertTrue(bs >= 8 && bs <= 64, "batch " + bs);
    }
    assertEquals(a, SweepExpander.expand(sweep(3, 1, block), MethodCatalogue.CORE, "f.yaml"));
  }

  @Test
  void badValuesAreRejectedWithKeyValueAndExpectation() {
    InvalidInputException lr = assertThrows(InvalidInputException.class,
        () -> SweepExpander.expand(sweep(1, 1, grid(Map.of(), Map.of("lr", List.of(0.1, -1.0)))), MethodCatalogue.CORE, "f.yaml"));
    assertTrue(lr.getMessage().contains("f.yaml: methods[0] (bp).lr: lr = -1.0 is out of range: expected lr > 0.0"),
        lr.getMessage());
    InvalidInputException batch = assertThrows(InvalidInputException.class,
        () -> SweepExpander.expand(sweep(1, 1, grid(Map.of("batch_size", 0), Map.of())), MethodCatalogue.CORE, "f.yaml"));
    assertTrue(batch.getMessage().contains("batch_size = 0 is out of range"), batch.getMessage());
    InvalidInputException typo = assertThrows(InvalidInputException.class,
        () -> SweepExpander.expand(sweep(1, 1, grid(Map.of("lrr", 0.1), Map.of())), MethodCatalogue.CORE, "f.yaml"));
    assertTrue(typo.getMessage().contains("unknown parameter 'lrr'") && typo.getMessage().contains("did you mean 'lr'"),
        typo.getMessage());
    InvalidInputException type = assertThrows(InvalidInputException.class,
        () -> SweepExpander.expand(sweep(1, 1, grid(Map.of("lr", "fast"), Map.of())), MethodCatalogue.CORE, "f.yaml"));
    assertTrue(type.getMessage().contains("expected a number for lr, got the text 'fast'"), type.getMessage());
    assertThrows(InvalidInputException.class, () -> grid(Map.of(), Map.of("lr", List.of())));
    assertThrows(InvalidInputException.class, () -> sweep(1, 0, grid(Map.of(), Map.of())));
    InvalidInputException method = assertThrows(InvalidInputException.class,
        () -> SweepExpander.expand(sweep(1, 1, new MethodBlock("bpp", Map.of(), Map.of(), 0, Map.of(), null)), MethodCatalogue.CORE, "f"));
    assertTrue(method.getMessage().contains("did you mean 'bp'"), method.getMessage());
  }

  @Test
  void aMethodBlockMayTrainItsOwnModel() {
    ModelSpec small = new ModelSpec("mlp", List.of(4), "relu");
    MethodBlock own = new MethodBlock("cmaes", Map.of(), Map.of(), 0, Map.of(), null, small);
    MethodBlock shared = new MethodBlock("cmaes", Map.of(), Map.of(), 0, Map.of(), null);
    List<TrialSpec> a = SweepExpander.expand(sweep(3, 1, own, shared), MethodCatalogue.CORE, "f.yaml");
    assertEquals(2, a.size());
    assertEquals(small, a.get(0).model());
    assertEquals(MLP, a.get(1).model());
    assertNotEquals(a.get(0).trialId(), a.get(1).trialId());
  }
}
