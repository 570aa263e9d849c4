package dev.backproplab.core.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.TestData;
import dev.backproplab.core.sweep.MethodBlock;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CreditConfig;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.core.trial.ddg.DdgConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodCatalogueTest {
  private static final DataSplit IMAGES = TestData.blobs(120, 40, 4, 2);
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(6), "tanh");
  private static final ModelSpec CNN = new ModelSpec("cnn", List.of(6), "relu",
      List.of(new ModelSpec.ConvSpec(2, 3, 1, 1)), 2);
  private static final Budget TINY = new Budget(null, 400L, null);

  /** A toy method, added as a user would: this class and one registration line. */
  static final class ToyBackprop extends GradientMethod {
    ToyBackprop() {
      super("toy-bp", "exact backprop under another name, for the catalogue test");
    }

    @Override
    protected CreditConfig.RuleFactory rule(Params p) {
      return new BackpropMethod().rule(p);
    }
  }

  @Test
  void aMethodIsOneClassAndOneRegistrationLine() {
    MethodCatalogue catalogue = MethodCatalogue.CORE.with(new ToyBackprop());
    SweepSpec sweep = new SweepSpec("toy", 3, "blobs", MLP, TINY, 1,
        List.of(new MethodBlock("toy-bp", Map.of("lr", 0.05), Map.of(), 0, Map.of(), null)));
    List<TrialSpec> trials = SweepExpander.expand(sweep, catalogue, "toy.yaml");
    TrialChecks.check(trials, IMAGES.train(), catalogue, "toy.yaml");
    TrialResult r = new TrialRunner().run(trials.get(0), IMAGES, p -> {});
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    assertEquals("0.05", trials.get(0).params().get("lr"));
    assertThrows(InvalidInputException.class,
        () -> SweepExpander.expand(sweep, MethodCatalogue.CORE, "toy.yaml"), "not registered in CORE");
  }

  /** weight_decay reaches every gradient method's updater; at its default 0 a trial's key leaves it out. */
  @Test
  void weightDecayReachesTheUpdaterOfEveryGradientMethod() {
    for (String name : List.of("bp", "fa", "dfa")) {
      Method<?> m = MethodCatalogue.CORE.get(name);
      CreditConfig c = (CreditConfig) m.resolve(Map.of("weight_decay", 0.003), "w.yaml").config();
      assertEquals(0.003, c.gradient().updater().weightDecay(), name);
      assertEquals("0.0", m.resolve(Map.of(), "w.yaml").params().get("weight_decay"), name);
    }
    DdgConfig ddg = (DdgConfig) MethodCatalogue.CORE.get("ddg").resolve(Map.of("weight_decay", 0.003), "w.yaml").config();
    assertEquals(0.003, ddg.gradient().updater().weightDecay());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> MethodCatalogue.CORE.get("bp").resolve(Map.of("weight_decay", -1), "w.yaml"));
    assertTrue(e.getMessage().contains("weight_decay = -1 is out of range"), e.getMessage());
  }

  @Test
  void unknownMethodsAndParametersNameTheNearestKnownOne() {
    InvalidInputException m = assertThrows(InvalidInputException.class, () -> MethodCatalogue.CORE.get("cmaess"));
    assertTrue(m.getMessage().contains("did you mean 'cmaes'"), m.getMessage());
    InvalidInputException p = assertThrows(InvalidInputException.class,
        () -> MethodCatalogue.CORE.get("es").resolve(Map.of("sigmaa", 0.1), "f.yaml: methods[1]"));
    assertTrue(p.getMessage().startsWith("f.yaml: methods[1]: unknown parameter 'sigmaa' for method es"),
        p.getMessage());
  }

  @Test
  void configurationsAreMadeOnceAndCompareByValue() {
    Method<?> fa = MethodCatalogue.CORE.get("fa");
    Method.Resolved a = fa.resolve(Map.of("lr", 0.1), "f");
    Method.Resolved b = fa.resolve(Map.of("lr", 0.1), "f");
    assertEquals(a, b);
    assertNotEquals(a.config(), fa.resolve(Map.of("lr", 0.2), "f").config());
    CreditConfig c = (CreditConfig) a.config();
    assertEquals(0.1, c.gradient().updater().lr());
    assertEquals(32, c.errorBits());
  }

  /**
   * Every method on every model type: validation accepts exactly what the trainer can run. A pair
   * validation refuses fails when run anyway; a pair it accepts completes.
   */
  @Test
  void validationAcceptsExactlyWhatTheTrainerCanRun() {
    int accepted = 0;
    int refused = 0;
    for (Method<?> method : MethodCatalogue.CORE.all()) {
      for (ModelSpec model : List.of(MLP, CNN)) {
        SweepSpec sweep = new SweepSpec("v", 5, "blobs", model, TINY, 1,
            List.of(new MethodBlock(method.name(), Map.of(), Map.of(), 0, Map.of(), null)));
        List<TrialSpec> trials = SweepExpander.expand(sweep, MethodCatalogue.CORE, "v.yaml");
        boolean valid;
        try {
          TrialChecks.check(trials, IMAGES.train(), MethodCatalogue.CORE, "v.yaml");
          valid = true;
          accepted++;
        } catch (InvalidInputException e) {
          assertTrue(e.getMessage().startsWith("v.yaml: method " + method.name() + " on model "), e.getMessage());
          valid = false;
          refused++;
        }
        TrialResult r = new TrialRunner().run(trials.get(0), IMAGES, p -> {});
        String label = method.name() + " on " + model.describe() + ": " + r.error();
        assertEquals(valid ? TrialStatus.COMPLETED : TrialStatus.FAILED, r.status(), label);
      }
    }
    assertEquals(8 * 2 + 6, accepted, "the 8 gradient methods (ddg among them) train both, the 6 derivative-free"
        + " ones MLPs");
    assertEquals(6, refused);
  }

  @Test
  void aConvolutionThatDoesNotFitAndAFullCovarianceSearchTooLargeAreRefused() {
    ModelSpec tooBig = new ModelSpec("cnn", List.of(), "relu", List.of(new ModelSpec.ConvSpec(2, 9, 1, 0)), 0);
    List<TrialSpec> conv = SweepExpander.expand(new SweepSpec("v", 5, "blobs", tooBig, TINY, 1,
        List.of(new MethodBlock("bp", Map.of(), Map.of(), 0, Map.of(), null))), MethodCatalogue.CORE, "v.yaml");
    InvalidInputException c = assertThrows(InvalidInputException.class,
        () -> TrialChecks.check(conv, IMAGES.train(), MethodCatalogue.CORE, "v.yaml"));
    assertTrue(c.getMessage().contains("conv[0] c2k9s1p0 does not fit its input"), c.getMessage());
    ModelSpec wide = new ModelSpec("mlp", List.of(100_000), "tanh");
    List<TrialSpec> cma = SweepExpander.expand(new SweepSpec("v", 5, "blobs", wide, TINY, 1,
        List.of(new MethodBlock("cmaes", Map.of(), Map.of(), 0, Map.of(), null))), MethodCatalogue.CORE, "v.yaml");
    InvalidInputException m = assertThrows(InvalidInputException.class,
        () -> TrialChecks.check(cma, IMAGES.train(), MethodCatalogue.CORE, "v.yaml"));
    assertTrue(m.getMessage().contains("use sep-cmaes"), m.getMessage());
  }
}
