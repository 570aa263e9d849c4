package dev.backproplab.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.backproplab.core.data.Holdout;
import dev.backproplab.core.method.GradientMethod;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.ParamDef;
import dev.backproplab.core.method.Params;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CreditConfig;
import dev.backproplab.core.trial.ModelSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialKeyTest {
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(8), "relu");
  private static final Budget BUDGET = new Budget(2, null, null);

  /** bp as it was. */
  static final class Before extends GradientMethod {
    Before() {
      super("bp", "bp before a parameter was added");
    }

    @Override
    protected CreditConfig.RuleFactory rule(Params p) {
      return (net, rng) -> new dev.backproplab.core.credit.Backprop();
    }
  }

  /** bp with a parameter added later, whose default reproduces the earlier behaviour. */
  static final class After extends GradientMethod {
    After() {
      super("bp", "bp after a parameter was added",
          ParamDef.choice("warm_start", "off", List.of("off", "on"), "a knob added later").addedLater());
    }

    @Override
    protected CreditConfig.RuleFactory rule(Params p) {
      return (net, rng) -> new dev.backproplab.core.credit.Backprop();
    }
  }

  private static TrialKey key(Method<?> m, Map<String, Object> given) {
    return TrialKey.of(m, "digits", MLP, m.resolve(given, "t").params(), BUDGET, 7, 0, Holdout.DEFAULT);
  }

  @Test
  void aParameterAddedLaterKeepsTheIdsOfTrialsAtItsDefault() {
    assertEquals(key(new Before(), Map.of("lr", 0.1)), key(new After(), Map.of("lr", 0.1)));
    assertEquals(key(new Before(), Map.of("lr", 0.1)), key(new After(), Map.of("lr", 0.1, "warm_start", "off")));
    assertNotEquals(key(new Before(), Map.of("lr", 0.1)), key(new After(), Map.of("lr", 0.1, "warm_start", "on")));
  }

  @Test
  void everythingThatDeterminesTheNumbersIsInTheKey() {
    Method<?> bp = new Before();
    TrialKey base = key(bp, Map.of("lr", 0.1));
    assertNotEquals(base, key(bp, Map.of("lr", 0.2)));
    assertNotEquals(base, TrialKey.of(bp, "mnist", MLP, bp.resolve(Map.of("lr", 0.1), "t").params(), BUDGET, 7, 0, Holdout.DEFAULT));
    assertNotEquals(base, TrialKey.of(bp, "digits", MLP, bp.resolve(Map.of("lr", 0.1), "t").params(), BUDGET, 8, 0, Holdout.DEFAULT));
    assertNotEquals(base, TrialKey.of(bp, "digits", MLP, bp.resolve(Map.of("lr", 0.1), "t").params(), BUDGET, 7, 1, Holdout.DEFAULT));
    assertNotEquals(base, TrialKey.of(bp, "digits", MLP, bp.resolve(Map.of("lr", 0.1), "t").params(),
        new Budget(3, null, null), 7, 0, Holdout.DEFAULT));
  }

  @Test
  void anExecutionParameterChangesTheIdButNotTheSeed() {
    Method<?> ddg = new dev.backproplab.core.method.DdgMethod();
    TrialKey threads = key(ddg, Map.of("modules", 2L));
    TrialKey barrier = key(ddg, Map.of("modules", 2L, "execution", "barrier"));
    assertNotEquals(threads.id(), barrier.id(), "two rows");
    assertEquals(threads.seed(), barrier.seed(), "one experiment run two ways: the same numbers");
    assertEquals(threads, key(ddg, Map.of("modules", 2L, "execution", "threads")), "threads is the default");
    assertNotEquals(threads.seed(), key(ddg, Map.of("modules", 3L, "execution", "barrier")).seed());
  }
}
