package dev.backproplab.core.trial;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.trial.dfo.DfoParams;
import dev.backproplab.core.trial.dfo.DfoTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The methods a sweep can name and the hyperparameters each accepts. A method name the project
 * does not know, or a hyperparameter key the method does not take, is an error with the nearest
 * known name in the message, never silently ignored.
 */
public final class Methods {
  /** Every method name of the design; see {@link #AVAILABLE} for those this build can run. */
  public static final List<String> ALL =
      List.of("bp", "fa", "dfa", "arbp", "asrbp", "sparse-rbp", "sign-symmetry", "ddg", "cmaes",
          "sep-cmaes", "ga", "nelder-mead", "sa", "es", "bp-dataparallel");

  /** The hyperparameters of every minibatch gradient method. */
  static final List<ParamDef> GRADIENT =
      List.of(
          ParamDef.choice("optimizer", "sgd", List.of("sgd", "momentum", "nesterov", "adam"),
              "gradient step rule"),
          ParamDef.realAbove("lr", 0.01, 0.0, Double.MAX_VALUE, "learning rate"),
          ParamDef.real("momentum", 0.9, 0.0, 0.999999, "momentum coefficient (momentum, nesterov)"),
          ParamDef.real("beta1", 0.9, 0.0, 0.999999, "Adam first-moment decay"),
          ParamDef.real("beta2", 0.999, 0.0, 0.999999, "Adam second-moment decay"),
          ParamDef.realAbove("epsilon", 1e-8, 0.0, 1.0, "Adam denominator offset"),
          ParamDef.integer("batch_size", 32, 1, 1 << 20, "examples per minibatch"),
          ParamDef.choice("dtype", "float32", List.of("float32", "float64"),
              "floating-point precision of parameters and activations"));

  /** A method this build can run: its name, its hyperparameters and how it trains. */
  record MethodDef(String name, List<ParamDef> params, Supplier<Trainer> trainer) {}

  /** Methods whose one trial spans the cluster: the sweep job trains them from the driver. */
  public static final List<String> CLUSTER = List.of("bp-dataparallel");

  private static final List<MethodDef> DEFS = definitions();

  private static List<MethodDef> definitions() {
    List<MethodDef> defs = new ArrayList<>();
    defs.add(new MethodDef("bp", GRADIENT, () -> new GradientTrainer(net -> new Backprop())));
    for (String m : DfoParams.METHODS) {
      defs.add(new MethodDef(m, DfoParams.params(m), () -> new DfoTrainer(m)));
    }
    defs.add(new MethodDef("bp-dataparallel", dataParallelParams(), () -> {
      throw new IllegalStateException("bp-dataparallel trains across a Spark cluster: run it with bpl sweep");
    }));
    return List.copyOf(defs);
  }

  private static List<ParamDef> dataParallelParams() {
    List<ParamDef> p = new ArrayList<>();
    for (ParamDef d : GRADIENT) {
      // DL4J has no classical-momentum updater: sgd, nesterov (its Nesterovs) and adam
      p.add(d.name().equals("optimizer")
          ? ParamDef.choice("optimizer", "sgd", List.of("sgd", "nesterov", "adam"), d.doc())
          : d);
    }
    p.add(ParamDef.integer("averaging_frequency", 5, 1, 1_000_000,
        "minibatches each worker fits between parameter averagings"));
    return List.copyOf(p);
  }

  /** Methods this build can run. */
  public static final List<String> AVAILABLE = DEFS.stream().map(MethodDef::name).toList();

  private Methods() {}

  private static MethodDef def(String method) {
    if (!ALL.contains(method)) {
      throw new InvalidInputException(
          "unknown method '" + method + "'" + Suggest.didYouMean(method, ALL) + ": expected one of "
              + AVAILABLE);
    }
    return DEFS.stream().filter(d -> d.name().equals(method)).findFirst().orElseThrow(() ->
        new InvalidInputException(
            "method '" + method + "' is not available in this build yet: available are " + AVAILABLE));
  }

  /** A new trainer for one trial of {@code method}. */
  static Trainer trainer(String method) {
    return def(method).trainer().get();
  }

  /**
   * The parameter definitions of {@code method}, by name.
   *
   * @throws InvalidInputException for a method that does not exist or is not in this build
   */
  public static Map<String, ParamDef> params(String method) {
    Map<String, ParamDef> defs = new LinkedHashMap<>();
    for (ParamDef d : def(method).params()) {
      defs.put(d.name(), d);
    }
    return defs;
  }

  /** The error for a key {@code method} does not take, naming the nearest known key. */
  public static InvalidInputException unknownParameter(String method, String key, String where) {
    Set<String> known = params(method).keySet();
    return new InvalidInputException(
        where + ": unknown parameter '" + key + "' for method " + method
            + Suggest.didYouMean(key, known) + "; known: " + known);
  }

  /**
   * Resolves the hyperparameters given for one trial of {@code method}: checks every key and value
   * and fills in defaults.
   *
   * @param where the location for messages, e.g. {@code "quickstart.yaml: methods[0]"}
   */
  public static SortedMap<String, String> resolve(String method, Map<String, Object> given, String where) {
    Map<String, ParamDef> defs = params(method);
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : given.entrySet()) {
      ParamDef def = defs.get(e.getKey());
      if (def == null) {
        throw unknownParameter(method, e.getKey(), where);
      }
      out.put(def.name(), def.normalize(e.getValue(), where + "." + e.getKey()));
    }
    for (ParamDef d : defs.values()) {
      out.putIfAbsent(d.name(), d.defaultValue());
    }
    if (DfoParams.METHODS.contains(method)) {
      try {
        DfoParams.config(method, out); // values valid one by one may still clash (odd ES population)
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
