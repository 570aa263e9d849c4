package dev.backproplab.core.trial;

import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.MethodCatalogue;
import java.util.Map;

/** Trial specs for tests, resolved through the method catalogue as a sweep file's are. */
public final class Trials {
  private Trials() {}

  /** {@code given} resolved for {@code method}, as a sweep file's block at {@code where} would be. */
  public static Method.Resolved resolve(String method, Map<String, Object> given, String where) {
    return MethodCatalogue.CORE.get(method).resolve(given, where);
  }

  /** A trial of {@code method} with parameters {@code given} on the toy data set. */
  public static TrialSpec spec(String method, Map<String, Object> given, ModelSpec model, Budget budget, long seed) {
    Method.Resolved r = resolve(method, given, "test");
    return new TrialSpec("s", "t-" + method, "toy", model, r.params(), r.config(), budget, seed);
  }
}
