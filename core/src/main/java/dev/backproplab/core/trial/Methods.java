package dev.backproplab.core.trial;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import dev.backproplab.core.credit.AdaptiveRbp;
import dev.backproplab.core.credit.AdaptiveSkippedRbp;
import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.DirectFeedbackAlignment;
import dev.backproplab.core.credit.FeedbackAlignment;
import dev.backproplab.core.credit.SignSymmetry;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.dfo.DfoParams;
import dev.backproplab.core.trial.dfo.DfoTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
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

  /** The hyperparameters every credit-assignment rule takes besides {@link #GRADIENT}. */
  static final List<ParamDef> CREDIT =
      List.of(
          ParamDef.integer("error_bits", 32, 1, 32,
              "bits of each error signal sent across a weight layer's learning channel (32: full"
                  + " precision); one scale per signal over the batch"),
          ParamDef.choice("rounding", "nearest", List.of("nearest", "stochastic"),
              "how error_bits rounds: to the nearest level, or stochastically (unbiased)"),
          ParamDef.integer("diagnostics_every", 0, 0, Integer.MAX_VALUE,
              "steps between alignment diagnostics (0: off)"));

  private static final ParamDef FEEDBACK_SCALE =
      ParamDef.realAbove("feedback_scale", 1.0, 0.0, 1e6,
          "scale of random feedback relative to the standard deviation of the layer's initial weights");
  private static final ParamDef DIRECT_FEEDBACK_SCALE =
      ParamDef.realAbove("feedback_scale", 1.0, 0.0, 1e6,
          "scale of each direct feedback matrix relative to sqrt(2 / (width + classes)), the Glorot"
              + " scale of a layer from the hidden layer straight to the logits");
  private static final ParamDef DENSITY =
      ParamDef.realAbove("density", 0.5, 0.0, 1.0,
          "share of non-zero feedback entries reaching each receiving unit (at least one per unit)");
  private static final ParamDef DERIVATIVE =
      ParamDef.choice("derivative", "true", List.of("true", "false"),
          "multiply the delivered error by the activation derivative f' (false: Baldi et al.'s control)");
  private static final ParamDef FEEDBACK_LR =
      ParamDef.real("feedback_lr", 0.01, 0.0, 1e6,
          "learning rate of the adaptive feedback matrices (plain SGD, whatever the optimizer)");
  private static final ParamDef MAGNITUDES =
      ParamDef.choice("magnitudes", "unit", List.of("unit", "fixed", "redrawn"),
          "feedback magnitudes: equal, random fixed, or random redrawn every step");

  /** A method this build can run: its name, its hyperparameters and how it trains. */
  record MethodDef(String name, List<ParamDef> params, Supplier<Trainer> trainer) {}

  /** Makes a method's credit-assignment rule for a network from its resolved parameters and seed. */
  @FunctionalInterface
  interface RuleFactory {
    CreditAssignment make(Network net, Map<String, String> params, SplittableRandom feedbackRandom);
  }

  private static final Map<String, RuleFactory> RULES = new LinkedHashMap<>();
  private static final List<MethodDef> DEFS = new ArrayList<>();

  static {
    credit("bp", (net, p, rng) -> new Backprop());
    credit("fa", (net, p, rng) -> FeedbackAlignment.random(net, rng, real(p, "feedback_scale"), 1.0),
        FEEDBACK_SCALE, DERIVATIVE);
    credit("dfa", (net, p, rng) -> DirectFeedbackAlignment.random(net, rng, real(p, "feedback_scale")),
        DIRECT_FEEDBACK_SCALE, DERIVATIVE);
    credit("arbp", (net, p, rng) -> new AdaptiveRbp(net,
        FeedbackAlignment.random(net, rng, real(p, "feedback_scale"), 1.0), real(p, "feedback_lr")),
        FEEDBACK_SCALE, FEEDBACK_LR, DERIVATIVE);
    credit("asrbp", (net, p, rng) -> new AdaptiveSkippedRbp(
        DirectFeedbackAlignment.random(net, rng, real(p, "feedback_scale")), real(p, "feedback_lr")),
        DIRECT_FEEDBACK_SCALE, FEEDBACK_LR, DERIVATIVE);
    credit("sparse-rbp", (net, p, rng) ->
        FeedbackAlignment.random(net, rng, real(p, "feedback_scale"), real(p, "density")),
        FEEDBACK_SCALE, DENSITY, DERIVATIVE);
    credit("sign-symmetry", (net, p, rng) -> new SignSymmetry(net,
        SignSymmetry.Magnitudes.parse(p.get("magnitudes")), real(p, "feedback_scale"), rng),
        FEEDBACK_SCALE, MAGNITUDES);
    for (String m : DfoParams.METHODS) {
      DEFS.add(new MethodDef(m, DfoParams.params(m), () -> new DfoTrainer(m)));
    }
    DEFS.add(new MethodDef("bp-dataparallel", dataParallelParams(), () -> {
      throw new IllegalStateException("bp-dataparallel trains across a Spark cluster: run it with bpl sweep");
    }));
  }

  /** Methods whose one trial spans the cluster: the sweep job trains them from the driver. */
  public static final List<String> CLUSTER = List.of("bp-dataparallel");

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

  private static void credit(String name, RuleFactory factory, ParamDef... own) {
    RULES.put(name, factory);
    DEFS.add(new MethodDef(name, rule(own), () -> new GradientTrainer((net, spec) ->
        factory.make(net, spec.params(), GradientTrainer.feedbackRandom(spec.seed())))));
  }

  /**
   * The credit-assignment rule of gradient method {@code method} for {@code net}, from parameters
   * {@link #resolve resolved} for it and the trial's seed, with its {@code error_bits}, {@code rounding}
   * and {@code derivative} applied: what a
   * trial of the method trains with.
   *
   * @throws InvalidInputException for a method that is not a credit-assignment rule
   */
  public static CreditAssignment creditRule(String method, Network net, Map<String, String> params, long seed) {
    def(method);
    RuleFactory f = RULES.get(method);
    if (f == null) {
      throw new InvalidInputException("method '" + method + "' is not a credit-assignment rule: those are "
          + RULES.keySet());
    }
    return GradientTrainer.withChannel(f.make(net, params, GradientTrainer.feedbackRandom(seed)), params, seed);
  }

  /** {@link #GRADIENT}, {@link #CREDIT} and a rule's own parameters. */
  private static List<ParamDef> rule(ParamDef... own) {
    List<ParamDef> all = new ArrayList<>(GRADIENT);
    all.addAll(CREDIT);
    all.addAll(List.of(own));
    return List.copyOf(all);
  }

  private static double real(Map<String, String> params, String key) {
    return Double.parseDouble(params.get(key));
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
