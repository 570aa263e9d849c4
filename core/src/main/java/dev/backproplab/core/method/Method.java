package dev.backproplab.core.method;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import dev.backproplab.core.trial.MethodConfig;
import dev.backproplab.core.trial.ModelSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One method a sweep can name: its parameter schema (what {@code bpl methods} prints), the typed
 * configuration it makes of resolved parameters, where its trials run, and which models it can train.
 * A method is one subclass plus one line in {@link MethodCatalogue}; everything else (parsing,
 * validation, the trial id, the runner) works from this description.
 *
 * <p>Immutable and thread-safe; instances are shared by every sweep.
 *
 * @param <C> the configuration type its trials carry
 */
public abstract class Method<C extends MethodConfig> {
  private final String name;
  private final String summary;
  private final Map<String, ParamDef> params;

  /**
   * @param name the name sweep files use, e.g. {@code fa}
   * @param summary one line: what the method is and its source
   * @param params every parameter it accepts, in the order {@code bpl methods} lists them
   */
  protected Method(String name, String summary, List<ParamDef> params) {
    this.name = name;
    this.summary = summary;
    Map<String, ParamDef> byName = new LinkedHashMap<>();
    for (ParamDef d : params) {
      if (byName.put(d.name(), d) != null) {
        throw new IllegalArgumentException(name + " declares parameter " + d.name() + " twice");
      }
    }
    this.params = java.util.Collections.unmodifiableMap(byName);
  }

  /** The name sweep files use. */
  public final String name() {
    return name;
  }

  /** One line: what the method is and its source. */
  public final String summary() {
    return summary;
  }

  /** The parameters it accepts, by name, in declaration order. */
  public final Map<String, ParamDef> params() {
    return params;
  }

  /** Where its trials can run; the first is where a sweep runs them. By default one Spark task each. */
  public Set<Placement> placements() {
    return EnumSet.of(Placement.TASK);
  }

  /**
   * The parameters that say how a trial runs, not what it computes (the same numbers whatever their
   * value): they are part of a trial's id but not of its seed, so two trials that differ only in them
   * train identically. None by default.
   */
  public Set<String> executionParams() {
    return Set.of();
  }

  /** Where a sweep runs its trials. */
  public final Placement placement() {
    return placements().iterator().next();
  }

  /**
   * The typed configuration of resolved parameters {@code p}.
   *
   * @throws InvalidInputException when values valid one by one clash (e.g. an odd ES population)
   */
  protected abstract C configure(Params p);

  /**
   * Checks that this method can train {@code model}, whose network for the sweep's data has {@code
   * numParams} parameters, with {@code config}; by default every model. Called before anything runs.
   *
   * @throws InvalidInputException saying what does not fit and what would
   */
  protected void checkModel(ModelSpec model, long numParams, C config) {}

  /** {@link #checkModel} for a configuration this method made. */
  @SuppressWarnings("unchecked")
  public final void check(ModelSpec model, long numParams, MethodConfig config) {
    checkModel(model, numParams, (C) config);
  }

  /** Parameters resolved for one trial: their canonical strings and the configuration made of them. */
  public record Resolved(SortedMap<String, String> params, MethodConfig config) {}

  /**
   * Resolves the parameters given for one trial: checks every key and value, fills in defaults and
   * makes the configuration.
   *
   * @param where the location for messages, e.g. {@code "quickstart.yaml: methods[0]"}
   * @throws InvalidInputException naming {@code where}, the key and the value
   */
  public final Resolved resolve(Map<String, Object> given, String where) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : given.entrySet()) {
      ParamDef def = param(e.getKey(), where);
      out.put(def.name(), def.normalize(e.getValue(), where + "." + e.getKey()));
    }
    for (ParamDef d : params.values()) {
      out.putIfAbsent(d.name(), d.defaultValue());
    }
    try {
      return new Resolved(out, configure(new Params(out)));
    } catch (InvalidInputException | IllegalArgumentException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * The definition of parameter {@code key}.
   *
   * @throws InvalidInputException for a key this method does not take, naming the nearest known key
   */
  public final ParamDef param(String key, String where) {
    ParamDef d = params.get(key);
    if (d == null) {
      throw new InvalidInputException(where + ": unknown parameter '" + key + "' for method " + name
          + Suggest.didYouMean(key, params.keySet()) + "; known: " + params.keySet());
    }
    return d;
  }

  /** {@code common} followed by {@code own}: how method families share parameter lists. */
  protected static List<ParamDef> concat(List<ParamDef> common, List<ParamDef> own) {
    List<ParamDef> all = new ArrayList<>(common);
    all.addAll(own);
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return name;
  }
}
