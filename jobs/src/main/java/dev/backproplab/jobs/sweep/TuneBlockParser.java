package dev.backproplab.jobs.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.tune.Dimension;
import dev.backproplab.core.tune.Objective;
import dev.backproplab.core.tune.SearchSpace;
import dev.backproplab.core.tune.TuneSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a method block's {@code tune:} (docs/design.md, "Hyperparameter search") with the
 * {@link SweepFileParser}'s located messages:
 * <pre>
 * tune:
 *   optimizer: cmaes            # cmaes | sep-cmaes | ga | nelder-mead | random | tpe
 *   trials: 64
 *   parallel: 8
 *   objective: {metric: val_accuracy, mode: max}
 *   space:
 *     lr: {loguniform: [1.0e-4, 0.3]}
 *     momentum: {uniform: [0.0, 0.99]}
 *     batch_size: {int: [16, 256], log: true}
 *     hidden: {choice: [[128], [256, 256]]}
 * </pre>
 */
final class TuneBlockParser {
  private static final Set<String> TUNE = Set.of("optimizer", "trials", "parallel", "objective", "space");
  private static final Set<String> OBJECTIVE = Set.of("metric", "mode");
  private static final Set<String> DIMENSION = Set.of("uniform", "loguniform", "int", "choice", "log");

  private TuneBlockParser() {}

  static TuneSpec tune(SweepFileParser p, Node node, String key) {
    Map<String, Node> m = p.mapping(node, key, TUNE);
    for (String required : List.of("optimizer", "trials", "space")) {
      if (!m.containsKey(required)) {
        throw new InvalidInputException(p.where(node, key) + ": the required key '" + required + "' is missing"
            + " (e.g. tune: {optimizer: cmaes, trials: 64, parallel: 8, space: {lr: {loguniform: [1.0e-4, 0.3]}}})");
      }
    }
    TuneSpec.Optimizer optimizer = p.at(m.get("optimizer"), key + ".optimizer",
        () -> TuneSpec.Optimizer.parse(p.string(m.get("optimizer"), key + ".optimizer")));
    int trials = p.positiveInt(m.get("trials"), key + ".trials", 1);
    int parallel = m.containsKey("parallel") ? p.positiveInt(m.get("parallel"), key + ".parallel", 1)
        : Math.min(trials, 8);
    Objective objective = m.containsKey("objective") ? objective(p, m.get("objective"), key + ".objective")
        : Objective.of("val_accuracy");
    List<Dimension> dims = new ArrayList<>();
    for (Map.Entry<String, Node> e : p.mapping(m.get("space"), key + ".space", null).entrySet()) {
      dims.add(dimension(p, e.getKey(), e.getValue(), key + ".space." + e.getKey()));
    }
    SearchSpace space = p.at(m.get("space"), key + ".space", () -> new SearchSpace(dims));
    return p.at(node, key, () -> new TuneSpec(optimizer, trials, parallel, objective, space));
  }

  private static Objective objective(SweepFileParser p, Node node, String key) {
    Map<String, Node> m = p.mapping(node, key, OBJECTIVE);
    if (!m.containsKey("metric")) {
      throw new InvalidInputException(p.where(node, key) + ": the required key 'metric' is missing (one of "
          + Objective.METRICS + ")");
    }
    String metric = p.string(m.get("metric"), key + ".metric");
    Objective plain = p.at(m.get("metric"), key + ".metric", () -> Objective.of(metric));
    if (!m.containsKey("mode")) {
      return plain;
    }
    String mode = p.string(m.get("mode"), key + ".mode");
    if (!mode.equals("max") && !mode.equals("min")) {
      throw new InvalidInputException(p.where(m.get("mode"), key + ".mode") + ": expected max or min, found '"
          + mode + "'");
    }
    return new Objective(metric, mode.equals("max"));
  }

  private static Dimension dimension(SweepFileParser p, String name, Node node, String key) {
    Map<String, Node> m = p.mapping(node, key, DIMENSION);
    List<String> kinds = m.keySet().stream().filter(k -> !k.equals("log")).toList();
    if (kinds.size() != 1) {
      throw new InvalidInputException(p.where(node, key) + ": expected exactly one of uniform, loguniform, int,"
          + " choice, e.g. {loguniform: [1.0e-4, 0.3]} or {int: [16, 256], log: true}");
    }
    String kind = kinds.get(0);
    boolean log = m.containsKey("log") && bool(p, m.get("log"), key + ".log");
    if (m.containsKey("log") && !kind.equals("int")) {
      throw new InvalidInputException(p.where(m.get("log"), key + ".log") + ": log applies to int only"
          + " (loguniform is the log-scale real interval)");
    }
    Node values = m.get(kind);
    if (kind.equals("choice")) {
      return p.at(node, key, () -> Dimension.choice(name, choices(p, values, key + ".choice")));
    }
    List<Object> bounds = p.list(values, key + "." + kind);
    if (bounds.size() != 2 || !(bounds.get(0) instanceof Number lo) || !(bounds.get(1) instanceof Number hi)) {
      throw new InvalidInputException(p.where(values, key + "." + kind) + ": expected two numbers [low, high],"
          + " found " + bounds);
    }
    if (kind.equals("int")) {
      if (!(lo instanceof Long) || !(hi instanceof Long)) {
        throw new InvalidInputException(p.where(values, key + ".int") + ": expected two integers [low, high],"
            + " found " + bounds);
      }
      return p.at(node, key, () -> Dimension.integer(name, lo.longValue(), hi.longValue(), log));
    }
    return p.at(node, key, () -> Dimension.real(name, lo.doubleValue(), hi.doubleValue(), kind.equals("loguniform")));
  }

  /** The values of a choice: scalars, or lists of scalars (e.g. hidden widths). */
  private static List<Object> choices(SweepFileParser p, Node node, String key) {
    if (!(node instanceof SequenceNode seq)) {
      throw p.typeError(node, key, "a list of values, e.g. [relu, tanh] or [[128], [256, 256]]");
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node v = seq.getValue().get(i);
      out.add(v instanceof SequenceNode ? p.list(v, key + "[" + i + "]") : p.scalar(v, key + "[" + i + "]"));
    }
    return out;
  }

  private static boolean bool(SweepFileParser p, Node node, String key) {
    if (!(p.scalar(node, key) instanceof Boolean b)) {
      throw p.typeError(node, key, "true or false");
    }
    return b;
  }
}
