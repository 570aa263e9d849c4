package dev.backproplab.core.method;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods a sweep can name. {@link #CORE} holds the methods of this module, one registration line
 * each; a module with methods of its own (the jobs module's data-parallel training, which needs Spark)
 * extends it with {@link #with}. Lookup of an unknown name suggests the nearest known one.
 *
 * <p>Immutable and thread-safe.
 */
public final class MethodCatalogue {
  /** The methods of the core module, in the order {@code bpl methods} lists them. */
  public static final MethodCatalogue CORE = new MethodCatalogue(List.of())
      .with(new BackpropMethod())
      .with(new FeedbackAlignmentMethod())
      .with(new DirectFeedbackMethod())
      .with(new AdaptiveRbpMethod())
      .with(new AdaptiveSkippedRbpMethod())
      .with(new SparseRbpMethod())
      .with(new SignSymmetryMethod())
      .with(new DdgMethod())
      .with(new CmaEsMethod())
      .with(new SepCmaEsMethod())
      .with(new GeneticAlgorithmMethod())
      .with(new NelderMeadMethod())
      .with(new AnnealingMethod())
      .with(new EvolutionStrategyMethod());

  private final Map<String, Method<?>> methods;

  private MethodCatalogue(Collection<Method<?>> methods) {
    Map<String, Method<?>> byName = new LinkedHashMap<>();
    for (Method<?> m : methods) {
      if (byName.put(m.name(), m) != null) {
        throw new IllegalArgumentException("two methods named " + m.name());
      }
    }
    this.methods = Collections.unmodifiableMap(byName);
  }

  /** This catalogue and {@code method}. */
  public MethodCatalogue with(Method<?> method) {
    List<Method<?>> all = new ArrayList<>(methods.values());
    all.add(method);
    return new MethodCatalogue(all);
  }

  /** Every method, in registration order. */
  public Collection<Method<?>> all() {
    return methods.values();
  }

  /** Every method's name, in registration order. */
  public List<String> names() {
    return List.copyOf(methods.keySet());
  }

  /**
   * The method named {@code name}.
   *
   * @throws InvalidInputException for an unknown name, suggesting the nearest and listing the known ones
   */
  public Method<?> get(String name) {
    Method<?> m = methods.get(name);
    if (m == null) {
      throw new InvalidInputException("unknown method '" + name + "'" + Suggest.didYouMean(name, methods.keySet())
          + ": expected one of " + names());
    }
    return m;
  }
}
